import { json } from '@sveltejs/kit';
import { AddMemberBody } from '$lib/shared/schemas/inbox';
import { api, idParam, readJson, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';

export const POST = api(async (event) => {
  requireRole(requireAuth(event), 'admin');
  const { userId } = await readJson(event.request, AddMemberBody);
  const inboxId = idParam(event.params.id, 'inbox');
  event.locals.app.inboxes.addMember(inboxId, userId);
  return json(event.locals.app.inboxes.get(requireAuth(event), inboxId), { status: 201 });
});
