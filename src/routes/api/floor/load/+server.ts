import { json } from '@sveltejs/kit';
import { api, requireAuth } from '$lib/server/http/api-handler';

export const GET = api((event) => json({ items: event.locals.app.floor.capacity.loads(requireAuth(event)) }));
