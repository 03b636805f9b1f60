/**
 * `webhooks`: what Switchboard itself sends. The API channel POSTs every agent reply in an `api`
 * inbox to the inbox's `webhookUrl` (see `channels/api/api.adapter.ts` `deliver()`), through the
 * durable job queue (`jobs/job-queue.ts`) and `channels/http-delivery.ts`.
 */
import { schemaRef as ref } from './schemas';

const header = (name: string, description: string, example: string, pattern?: string) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string', ...(pattern ? { pattern } : {}) },
  example,
});

export function buildWebhooks() {
  return {
    'message.created': {
      post: {
        tags: ['API channel'],
        operationId: 'apiChannelWebhook',
        summary: 'An agent reply in an API inbox, POSTed to its webhookUrl',
        description: [
          'Sent for every reply (not for private notes) in an inbox of the `api` channel that has a `webhookUrl`. Without a `webhookUrl` the reply is marked `sent` at once and the integrator reads it through the API.',
          '',
          '**Signature.** `X-Switchboard-Signature` is `sha256=` followed by the lowercase hex HMAC-SHA256 of the raw request body, keyed with the inbox\'s `webhookSecret` (`whsec_...`, shown when the inbox is created or the secret rotated). Compute it over the bytes exactly as received, before parsing the JSON, and compare in constant time.',
          '',
          '**Delivery.** Deliveries come from a durable job queue: a reply is never lost across restarts, and the message shows `queued` -> `sent` or `failed` (with the reason in `error`), announced to consoles as `message.updated`. Any 2xx answer counts as delivered. A 5xx, 408 or 429 answer, a network error or no answer within 10 seconds is retried with exponential backoff and jitter (about 2 s, 4 s, 8 s, ... up to 10 minutes; never sooner than a `Retry-After` header asks), up to 8 attempts in all. Any other answer (other 4xx, or a 3xx: redirects are not followed) fails the delivery at once.',
          '',
          '**Deduplication.** A retry carries the same `X-Switchboard-Delivery` id (also `deliveryId` in the body), so a receiver that answered too late can recognise a repeat.',
        ].join('\n'),
        security: [],
        parameters: [
          header(
            'X-Switchboard-Signature',
            "`sha256=<hex HMAC-SHA256 of the raw body, keyed with the inbox's webhookSecret>`.",
            'sha256=5d5b09f6dcb2d53a5fffc60c4ac0d55fabdf556069d6631545f42aa6e3500f2e',
            '^sha256=[0-9a-f]{64}$',
          ),
          header('X-Switchboard-Event', 'The event name; always `message.created` for now.', 'message.created'),
          header('X-Switchboard-Delivery', 'Id of this delivery, the same on every retry.', 'msg_42_job_7'),
          {
            name: 'User-Agent',
            in: 'header',
            required: false,
            schema: { type: 'string' },
            example: 'Switchboard/1.0',
          },
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref('ApiChannelWebhookPayload') } },
        },
        responses: {
          '2XX': { description: 'Received: the message is marked `sent`.' },
          '408': { description: 'Retried later.' },
          '429': {
            description: 'Retried later, no sooner than `Retry-After` asks.',
            headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } },
          },
          '5XX': { description: 'Retried later with backoff.' },
          '4XX': { description: 'Any other 4xx: not retried, the message is marked `failed`.' },
          '3XX': { description: 'Not followed and not retried: the message is marked `failed`.' },
        },
      },
    },
  };
}
