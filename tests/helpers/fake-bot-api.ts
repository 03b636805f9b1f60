import { fakeHttpApi, type FakeAnswer } from './fake-http-api';

let sent = 1000;

/**
 * A stand-in for the Telegram Bot API at `/bot{token}/{method}`: `sendMessage` answers with the
 * sent Message, `setWebhook` with `{ok:true, result:true}`; a wrong token answers 401 and an
 * unknown method 404, both in Telegram's `{ok:false, error_code, description}` form.
 */
export function fakeBotApi(botToken: string) {
  return fakeHttpApi((req) => {
    const m = req.path.match(/^\/bot([^/]+)\/(\w+)$/);
    if (!m || m[1] !== botToken) return botError(401, 'Unauthorized');
    const params = JSON.parse(req.body || '{}');
    if (m[2] === 'sendMessage') {
      const botId = Number(botToken.split(':')[0]);
      return {
        status: 200,
        body: {
          ok: true,
          result: { message_id: ++sent, from: { id: botId, is_bot: true, first_name: 'Switchboard' }, chat: { id: params.chat_id, type: 'private' }, date: Math.floor(Date.now() / 1000), text: params.text },
        },
      };
    }
    if (m[2] === 'setWebhook') return { status: 200, body: { ok: true, result: true, description: 'Webhook was set' } };
    return botError(404, 'Not Found');
  });
}

export const botError = (code: number, description: string, parameters?: Record<string, number>): FakeAnswer => ({
  status: code,
  body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) },
});

/** Telegram's flood control: HTTP 429 with `parameters.retry_after`, and no Retry-After header. */
export const botFloodWait = (seconds: number) => botError(429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds });
