import { json } from '@sveltejs/kit';
import { api, requireAuth } from '$lib/server/http/api-handler';
import { SESSION_COOKIE } from '$lib/server/http/cookies';

export const POST = api((event) => {
  const auth = requireAuth(event);
  if (auth.sessionId !== null) event.locals.app.auth.logout(auth.sessionId, auth.user.id);
  event.cookies.delete(SESSION_COOKIE, { path: '/' });
  return json({ ok: true });
});
