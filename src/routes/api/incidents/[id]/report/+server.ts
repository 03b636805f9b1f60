import { json } from '@sveltejs/kit';
import { api, idParam, requireAuth } from '$lib/server/http/api-handler';

/** Everyone logged in, like the incident itself: counts and the timeline, no customer data. */
export const GET = api((event) => {
  requireAuth(event);
  return json(event.locals.app.crisis.report(idParam(event.params.id, 'incident')));
});
