import { json } from '@sveltejs/kit';
import { PatchUserBody } from '$lib/shared/schemas/user';
import { api, idParam, readJson, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';

export const PATCH = api(async (event) => {
  requireRole(requireAuth(event), 'admin');
  const body = await readJson(event.request, PatchUserBody);
  return json(await event.locals.app.users.update(idParam(event.params.id, 'user'), body));
});
