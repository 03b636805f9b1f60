import { json } from '$lib/server/http/json-response';
import { ConversationListQuery } from '$lib/shared/schemas/conversation';
import { api, readQuery, requireAuth } from '$lib/server/http/api-handler';

export const GET = api((event) => {
  const auth = requireAuth(event);
  return json(event.locals.app.conversations.list(auth, readQuery(event.url, ConversationListQuery)));
});
