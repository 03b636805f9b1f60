/**
 * `paths` of the Meta and Telegram channels: their webhooks (authenticated by the provider's own
 * signature or secret header, not by a user) and the Telegram register-webhook action.
 */
import { z } from 'zod';
import { MetaEnvelope } from '../../channels/meta/meta-events';
import { TelegramUpdate } from '../../channels/telegram/telegram-update.schema';
import { TelegramWebhookRegistered } from '../../channels/telegram/telegram-webhook.handler';
import { errorResponse, operation, pathParams, type Method, type OperationSpec } from './operations';
import { schemaRef as ref, type JsonSchema } from './schemas';

/** A zod schema written inline (it is particular to one operation, so not a component). */
function inline(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' });
  return rest;
}

const header = (name: string, description: string, pattern?: string) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string', ...(pattern ? { pattern } : {}) },
});
const query = (name: string, description: string) => ({ name, in: 'query', required: true, description, schema: { type: 'string' } });

/** Operation specs plus what `operation()` does not model: header and handshake parameters, a raw body. */
type Op = OperationSpec & { parameters?: unknown[]; requestBody?: unknown };

export function buildSocialPaths() {
  const paths: Record<string, Record<string, unknown>> = {};
  const route = (path: string, ops: Partial<Record<Method, Op>>) => {
    paths[path] = {
      parameters: pathParams(path),
      ...Object.fromEntries(
        Object.entries(ops).map(([method, { parameters, requestBody, ...spec }]) => {
          const op: Record<string, unknown> = operation(method as Method, path, spec);
          return [method, { ...op, ...(parameters ? { parameters } : {}), ...(requestBody ? { requestBody } : {}) }];
        }),
      ),
    };
  };

  route('/api/webhooks/meta/{inboxId}', {
    get: {
      tag: 'Meta channel',
      operationId: 'verifyMetaWebhook',
      summary: 'Meta webhook verification handshake',
      description:
        'Meta calls this when the callback URL is saved in the app dashboard. With `hub.mode=subscribe` and the inbox’s verify token, the answer is `hub.challenge` as plain text; otherwise 403.',
      auth: 'none',
      notFound: 'Meta inbox',
      parameters: [
        query('hub.mode', 'Always `subscribe`.'),
        query('hub.verify_token', 'The verify token given to Meta; must equal the inbox’s.'),
        query('hub.challenge', 'Echoed back as the body.'),
      ],
      success: {},
      responses: { 200: { description: 'The challenge, echoed.', content: { 'text/plain': { schema: { type: 'string' } } } } },
      errors: { 403: [['verification_failed', 'hub.mode must be subscribe and hub.verify_token this inbox’s verify token']] },
    },
    post: {
      tag: 'Meta channel',
      operationId: 'receiveMetaWebhook',
      summary: 'Messenger, Instagram and WhatsApp events',
      description:
        'Batched events from Meta (`entry[].messaging[]`, `entry[].changes[]`). `X-Hub-Signature-256` must be the HMAC-SHA256 of the raw body with the app secret; otherwise 401 and nothing is stored. Customer messages are stored once per provider message id (`mid`, WhatsApp `id`); echoes of the Page’s own messages are dropped; WhatsApp `statuses` move our replies to delivered, read or failed. Items that cannot be read are logged and skipped, and the answer is still 200.',
      auth: 'none',
      notFound: 'Meta inbox',
      parameters: [header('X-Hub-Signature-256', '`sha256=` and the hex HMAC-SHA256 of the raw body, keyed with the app secret.', '^sha256=[0-9a-fA-F]{64}$')],
      requestBody: { required: true, content: { 'application/json': { schema: inline(MetaEnvelope, 'input') } } },
      success: { 200: { description: 'Received.', schema: ref('Ok') } },
      errors: {
        400: [
          ['malformed_json', 'the body is not valid JSON'],
          ['invalid_request', 'the body is not a Meta webhook (object, entry[])'],
        ],
        401: [['invalid_signature', 'X-Hub-Signature-256 is missing or is not the HMAC-SHA256 of this body with the app secret']],
      },
      responses: { 413: { $ref: '#/components/responses/PayloadTooLarge' } },
    },
  });

  route('/api/webhooks/telegram/{inboxId}', {
    post: {
      tag: 'Telegram channel',
      operationId: 'receiveTelegramUpdate',
      summary: 'Telegram bot updates',
      description:
        'One Bot API `Update`. `X-Telegram-Bot-Api-Secret-Token` must equal the inbox’s webhook secret; otherwise 401 and nothing is stored. A new message (text, caption, attachments as lines) is stored once per chat and message id, so redeliveries store nothing; other updates are acknowledged and ignored.',
      auth: 'none',
      notFound: 'Telegram inbox',
      parameters: [header('X-Telegram-Bot-Api-Secret-Token', 'The `secret_token` given to setWebhook.')],
      body: { schema: inline(TelegramUpdate, 'input') },
      success: { 200: { description: 'Received.', schema: ref('Ok') } },
      errors: { 401: [['invalid_secret_token', 'X-Telegram-Bot-Api-Secret-Token is missing or is not this inbox’s webhook secret']] },
    },
  });

  route('/api/inboxes/{id}/telegram/register-webhook', {
    post: {
      tag: 'Telegram channel',
      operationId: 'registerTelegramWebhook',
      summary: 'Register the bot’s webhook',
      description: 'Admin only. Calls the bot’s `setWebhook` with this inbox’s webhook URL and secret (`secret_token`) and answers with what Telegram said.',
      role: 'admin',
      notFound: 'Telegram inbox',
      success: { 200: { description: 'Telegram accepted the webhook.', schema: inline(TelegramWebhookRegistered, 'output') } },
      responses: { 502: errorResponse('Telegram refused or could not be reached', [['telegram_refused', 'Telegram setWebhook failed: 400 Bad Request: bad webhook: HTTPS url must be provided for webhook']]) },
    },
  });

  return paths;
}
