import { json } from '@sveltejs/kit';
import { api, idParam } from '$lib/server/http/api-handler';
import { answerMetaHandshake, receiveMetaWebhook } from '$lib/server/channels/meta/meta-webhook.handler';

/** Meta's subscription handshake: the challenge as plain text, or 403. */
export const GET = api((event) => {
  const challenge = answerMetaHandshake(event.locals.app, idParam(event.params.inboxId, 'inbox'), event.url.searchParams);
  return new Response(challenge, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
});

/** Messenger, Instagram and WhatsApp events, signed with the app secret (X-Hub-Signature-256). */
export const POST = api(async (event) => {
  await receiveMetaWebhook(event.locals.app, idParam(event.params.inboxId, 'inbox'), event.request);
  return json({ ok: true });
});
