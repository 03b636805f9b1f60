import { json } from '@sveltejs/kit';
import { ContactSearchQuery } from '$lib/shared/schemas/contact';
import { api, readQuery, requireAuth } from '$lib/server/http/api-handler';

export const GET = api((event) => json({ items: event.locals.app.contacts.search(requireAuth(event), readQuery(event.url, ContactSearchQuery)) }));
