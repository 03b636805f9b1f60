import { json } from '@sveltejs/kit';
import { PatchIncidentBody } from '$lib/shared/schemas/incident';
import { api, idParam, readJson, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';

export const GET = api((event) => {
  requireAuth(event);
  return json(event.locals.app.crisis.incidents.get(idParam(event.params.id, 'incident')));
});

export const PATCH = api(async (event) => {
  const auth = requireAuth(event);
  requireRole(auth, 'lead');
  const id = idParam(event.params.id, 'incident');
  const body = await readJson(event.request, PatchIncidentBody);
  return json(event.locals.app.crisis.incidents.edit(auth, id, body));
});
