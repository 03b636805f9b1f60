import { json } from '@sveltejs/kit';
import { api, idParam, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';

export const DELETE = api((event) => {
  requireRole(requireAuth(event), 'admin');
  const inboxId = idParam(event.params.id, 'inbox');
  event.locals.app.inboxes.removeMember(inboxId, idParam(event.params.userId, 'member'));
  return json(event.locals.app.inboxes.get(requireAuth(event), inboxId));
});
