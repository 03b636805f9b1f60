import { json } from '@sveltejs/kit';
import { AutoAssignBody } from '$lib/shared/schemas/floor';
import { api, idParam, readJson, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';

export const PUT = api(async (event) => {
  requireRole(requireAuth(event), 'admin');
  const { enabled } = await readJson(event.request, AutoAssignBody);
  return json(event.locals.app.floor.capacity.setAutoAssign(idParam(event.params.id, 'inbox'), enabled));
});
