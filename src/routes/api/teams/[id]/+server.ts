import { json } from '@sveltejs/kit';
import { PatchTeamBody } from '$lib/shared/schemas/floor';
import { api, idParam, readJson, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';

export const GET = api((event) => {
  requireRole(requireAuth(event), 'lead');
  return json(event.locals.app.floor.teams.get(idParam(event.params.id, 'team')));
});

export const PATCH = api(async (event) => {
  requireRole(requireAuth(event), 'admin');
  const body = await readJson(event.request, PatchTeamBody);
  return json(event.locals.app.floor.teams.update(idParam(event.params.id, 'team'), body));
});

export const DELETE = api((event) => {
  requireRole(requireAuth(event), 'admin');
  event.locals.app.floor.teams.delete(idParam(event.params.id, 'team'));
  return json({ ok: true });
});
