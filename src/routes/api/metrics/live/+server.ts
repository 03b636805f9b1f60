import { json } from '@sveltejs/kit';
import { api, requireAuth } from '$lib/server/http/api-handler';

/** The wallboard's figures as JSON (the `metrics.live` socket event carries the same). */
export const GET = api((event) => json(event.locals.app.metrics.live.forAuth(requireAuth(event))));
