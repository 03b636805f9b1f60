import { json } from '@sveltejs/kit';
import { MentionListQuery } from '$lib/shared/schemas/collab';
import { api, readQuery, requireAuth } from '$lib/server/http/api-handler';

export const GET = api((event) => json(event.locals.app.mentions.list(requireAuth(event), readQuery(event.url, MentionListQuery))));
