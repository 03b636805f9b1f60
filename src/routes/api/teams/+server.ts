import { json } from '@sveltejs/kit';
import { CreateTeamBody } from '$lib/shared/schemas/floor';
import { api, readJson, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';

/** Leads and above read teams (whose figures they see); only admins change them. */
export const GET = api((event) => {
  requireRole(requireAuth(event), 'lead');
  return json({ items: event.locals.app.floor.teams.list() });
});

export const POST = api(async (event) => {
  requireRole(requireAuth(event), 'admin');
  const body = await readJson(event.request, CreateTeamBody);
  return json(event.locals.app.floor.teams.create(body), { status: 201 });
});
