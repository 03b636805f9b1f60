import { json } from '@sveltejs/kit';
import { api, idParam, requireAuth } from '$lib/server/http/api-handler';

export const DELETE = api((event) => {
  const auth = requireAuth(event);
  event.locals.app.auth.revokeToken(auth.user.id, idParam(event.params.id, 'token'));
  return json({ ok: true });
});
