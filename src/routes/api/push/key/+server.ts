import { json } from '@sveltejs/kit';
import { api, requireAuth } from '$lib/server/http/api-handler';

/** The VAPID public key that browsers subscribe with (`applicationServerKey`). */
export const GET = api((event) => {
  requireAuth(event);
  return json({ publicKey: event.locals.app.push.keys.publicKey });
});
