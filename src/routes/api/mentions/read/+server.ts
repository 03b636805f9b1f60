import { json } from '@sveltejs/kit';
import { MarkMentionsReadBody } from '$lib/shared/schemas/collab';
import { api, readJson, requireAuth } from '$lib/server/http/api-handler';

export const POST = api(async (event) => {
  const auth = requireAuth(event);
  return json(event.locals.app.mentions.markRead(auth, await readJson(event.request, MarkMentionsReadBody)));
});
