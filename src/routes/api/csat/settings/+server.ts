import { json } from '@sveltejs/kit';
import { CsatSettings } from '$lib/shared/schemas/csat';
import { requireRole } from '$lib/server/auth/auth-context';
import { api, readJson, requireAuth } from '$lib/server/http/api-handler';

export const GET = api((event) => {
  requireRole(requireAuth(event), 'lead');
  return json(event.locals.app.csat.settings.get());
});

export const PUT = api(async (event) => {
  requireRole(requireAuth(event), 'admin');
  const body = await readJson(event.request, CsatSettings);
  return json(event.locals.app.csat.settings.set(body));
});
