import { json } from '@sveltejs/kit';
import { api, idParam, requireAuth } from '$lib/server/http/api-handler';

export const GET = api((event) => json(event.locals.app.contacts.get(requireAuth(event), idParam(event.params.id, 'contact'))));
