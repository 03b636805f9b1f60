import { json } from '@sveltejs/kit';
import { CapacityBody } from '$lib/shared/schemas/floor';
import { api, idParam, readJson, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';

/** Supervisors set capacities too: they run the floor, while only admins manage accounts. */
export const PUT = api(async (event) => {
  requireRole(requireAuth(event), 'supervisor');
  const { capacity } = await readJson(event.request, CapacityBody);
  return json(event.locals.app.floor.capacity.setCapacity(idParam(event.params.id, 'user'), capacity));
});
