import { json } from '@sveltejs/kit';
import { SyncQuery } from '$lib/shared/schemas/events';
import { api, readQuery, requireAuth } from '$lib/server/http/api-handler';

export const GET = api((event) => {
  const auth = requireAuth(event);
  const { since, limit } = readQuery(event.url, SyncQuery);
  return json(event.locals.app.sync.since(auth, since, limit));
});
