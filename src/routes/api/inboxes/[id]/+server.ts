import { json } from '@sveltejs/kit';
import { PatchInboxBody } from '$lib/shared/schemas/inbox';
import { api, idParam, readJson, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';

export const GET = api((event) => json(event.locals.app.inboxes.get(requireAuth(event), idParam(event.params.id, 'inbox'))));

export const PATCH = api(async (event) => {
  requireRole(requireAuth(event), 'admin');
  const { name, ...settings } = await readJson(event.request, PatchInboxBody);
  return json(event.locals.app.inboxes.update(idParam(event.params.id, 'inbox'), { name, settings }));
});
