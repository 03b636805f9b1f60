import { json } from '@sveltejs/kit';
import { ApiInboundBody } from '$lib/shared/schemas/inbound';
import { api, idParam, readJson } from '$lib/server/http/api-handler';
import { apiInboundTokenMatches } from '$lib/server/channels/api/api.adapter';
import { AppError } from '$lib/server/errors';

/** API channel inbound: the inbox's own bearer token, then the message (deduplicated). */
export const POST = api(async (event) => {
  const { app } = event.locals;
  const inbox = app.inboxes.find(idParam(event.params.id, 'inbox'));
  const token = event.request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
  if (!inbox || inbox.channel !== 'api' || !apiInboundTokenMatches(inbox.config, token)) {
    throw new AppError(401, 'unauthorized', 'a valid inbound token for this inbox is required');
  }
  const body = await readJson(event.request, ApiInboundBody);
  // Shares this turn's write transaction with the other inbound messages of a burst; answered after it commits.
  const result = await app.groupCommit.run(() =>
    app.messages.ingest(inbox, {
      contact: body.contact,
      externalMessageId: body.externalMessageId,
      text: body.text,
      subject: body.subject ?? null,
      threadId: body.threadId ?? null,
    }),
  );
  return json({ conversationId: result.conversationId, messageId: result.messageId }, { status: result.created ? 201 : 200 });
});
