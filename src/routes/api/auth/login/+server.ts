import { json } from '@sveltejs/kit';
import { LoginBody } from '$lib/shared/schemas/user';
import { api, readJson } from '$lib/server/http/api-handler';
import { setLocaleCookie, setSessionCookie } from '$lib/server/http/session-cookie';

export const POST = api(async (event) => {
  const { email, password } = await readJson(event.request, LoginBody);
  const { app } = event.locals;
  const { user, token, maxAgeSeconds } = await app.auth.login(email, password, event.getClientAddress());
  setSessionCookie(event, token, maxAgeSeconds);
  if (user.locale) setLocaleCookie(event, user.locale);
  return json({ user });
});
