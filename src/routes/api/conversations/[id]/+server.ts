import { json } from '$lib/server/http/json-response';
import { PatchConversationBody } from '$lib/shared/schemas/conversation';
import { api, idParam, readJson, requireAuth } from '$lib/server/http/api-handler';

export const GET = api((event) => {
  const auth = requireAuth(event);
  return json(event.locals.app.conversations.get(auth, idParam(event.params.id, 'conversation')));
});

export const PATCH = api(async (event) => {
  const auth = requireAuth(event);
  const id = idParam(event.params.id, 'conversation');
  event.locals.app.conversations.visibleRow(auth, id);
  const body = await readJson(event.request, PatchConversationBody);
  return json(event.locals.app.conversations.update(auth, id, body));
});
