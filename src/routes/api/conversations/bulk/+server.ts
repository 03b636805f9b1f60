import { json } from '@sveltejs/kit';
import { BulkBody } from '$lib/shared/schemas/conversation';
import { api, readJson, requireAuth } from '$lib/server/http/api-handler';

export const POST = api(async (event) => {
  const auth = requireAuth(event);
  const { ids, action } = await readJson(event.request, BulkBody);
  return json(event.locals.app.conversations.bulk(auth, ids, action));
});
