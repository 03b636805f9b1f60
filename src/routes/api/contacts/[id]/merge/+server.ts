import { json } from '@sveltejs/kit';
import { MergeContactBody } from '$lib/shared/schemas/contact';
import { api, idParam, readJson, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';

export const POST = api(async (event) => {
  const auth = requireAuth(event);
  requireRole(auth, 'lead');
  const targetId = idParam(event.params.id, 'contact');
  const { sourceContactId } = await readJson(event.request, MergeContactBody);
  return json(event.locals.app.contacts.merge(auth, targetId, sourceContactId));
});
