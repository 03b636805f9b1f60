import { json } from '$lib/server/http/json-response';
import { CreateMessageBody, MessagePageQuery } from '$lib/shared/schemas/message';
import { api, idParam, readJson, readQuery, requireAuth } from '$lib/server/http/api-handler';

export const GET = api((event) => {
  const auth = requireAuth(event);
  const { before, limit } = readQuery(event.url, MessagePageQuery);
  return json(event.locals.app.messages.list(auth, idParam(event.params.id, 'conversation'), before, limit));
});

/** 201 for a new message; 200 with the stored one when its clientId was seen before. */
export const POST = api(async (event) => {
  const auth = requireAuth(event);
  const id = idParam(event.params.id, 'conversation');
  event.locals.app.conversations.visibleRow(auth, id);
  const body = await readJson(event.request, CreateMessageBody);
  const { message, created } = event.locals.app.messages.post(auth, id, body);
  return json(message, { status: created ? 201 : 200 });
});
