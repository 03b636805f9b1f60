import { json } from '@sveltejs/kit';
import { api, requireAuth } from '$lib/server/http/api-handler';

export const GET = api((event) => {
  requireAuth(event);
  return json({ items: event.locals.app.presence.snapshot() });
});
