import { json } from '@sveltejs/kit';
import { PatchMeBody } from '$lib/shared/schemas/user';
import { api, readJson, requireAuth } from '$lib/server/http/api-handler';
import { setLocaleCookie } from '$lib/server/http/session-cookie';

export const GET = api((event) => json({ user: requireAuth(event).user }));

export const PATCH = api(async (event) => {
  const auth = requireAuth(event);
  const body = await readJson(event.request, PatchMeBody);
  const user = await event.locals.app.users.updateMe(auth.user.id, body);
  if (body.locale !== undefined) setLocaleCookie(event, user.locale);
  return json({ user });
});
