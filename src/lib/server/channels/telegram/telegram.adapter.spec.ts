import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OutboundMessage } from '../channel-adapter';
import { telegramChannel } from './telegram.adapter';

const TOKEN = '7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

function outbound(config: Record<string, unknown>, chatId: string | null = '310000001'): OutboundMessage {
  return {
    inbox: { id: 1, name: 'Bot', channel: 'telegram', config },
    conversation: { id: 2, subject: null, threadId: null },
    contact: { id: 3, name: 'Aino', email: null, externalId: chatId },
    message: { id: 4, text: 'Hei', html: null, createdAt: 0, clientId: null, authorName: null },
    deliveryId: 'msg_4_job_1',
  };
}

function stubBotApi(status: number, body: unknown) {
  const calls: { url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, body: JSON.parse(String(init.body)) });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

const config = () => telegramChannel.setup(telegramChannel.createSchema.parse({ botToken: TOKEN, webhookSecret: 'secret_1' })).config;

afterEach(() => vi.unstubAllGlobals());

describe('Telegram inbox settings', () => {
  it('generates a webhook secret Telegram accepts when none is given, and reveals it once', () => {
    const { config, revealed } = telegramChannel.setup(telegramChannel.createSchema.parse({ botToken: TOKEN }));
    expect(revealed?.webhookSecret).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(config).toEqual({ botToken: TOKEN, webhookSecret: revealed?.webhookSecret, apiBaseUrl: 'https://api.telegram.org' });
    expect(telegramChannel.setup(telegramChannel.createSchema.parse({ botToken: TOKEN, webhookSecret: 'mine' })).revealed).toBeUndefined();
  });

  it('refuses a malformed bot token and a secret with characters Telegram forbids', () => {
    expect(telegramChannel.createSchema.safeParse({ botToken: 'not-a-token' }).success).toBe(false);
    expect(telegramChannel.createSchema.safeParse({ botToken: TOKEN, webhookSecret: 'with space' }).success).toBe(false);
  });

  it('rotates the webhook secret on request and shows the new one once', () => {
    const before = config();
    const { config: after, revealed } = telegramChannel.update(before, { rotateWebhookSecret: true });
    expect(after.webhookSecret).toBe(revealed?.webhookSecret);
    expect(after.webhookSecret).not.toBe(before.webhookSecret);
  });
});

describe('Telegram replies', () => {
  it('sends {chat_id, text} to sendMessage and keeps chat and message id', async () => {
    const calls = stubBotApi(200, { ok: true, result: { message_id: 77, chat: { id: 310000001, type: 'private' }, date: 1, text: 'Hei' } });
    expect(await telegramChannel.deliver(outbound(config()))).toEqual({ ok: true, externalId: 'tg:310000001:77' });
    expect(calls).toEqual([{ url: `https://api.telegram.org/bot${TOKEN}/sendMessage`, body: { chat_id: 310000001, text: 'Hei' } }]);
  });

  it('retries flood control after retry_after seconds, from the body', async () => {
    stubBotApi(429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 14', parameters: { retry_after: 14 } });
    expect(await telegramChannel.deliver(outbound(config()))).toEqual({ ok: false, retry: true, retryAfterMs: 14_000, error: 'Telegram sendMessage failed: 429 Too Many Requests: retry after 14' });
  });

  it('gives up on a refusal (blocked by the user) and never names the token in the error', async () => {
    stubBotApi(403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const outcome = await telegramChannel.deliver(outbound(config()));
    expect(outcome).toMatchObject({ ok: false, retry: false, error: 'Telegram sendMessage failed: 403 Forbidden: bot was blocked by the user' });
    expect(JSON.stringify(outcome)).not.toContain(TOKEN.split(':')[1]);
  });

  it('retries when Telegram cannot be reached, naming only the host', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    });
    const outcome = await telegramChannel.deliver(outbound(config()));
    expect(outcome).toEqual({ ok: false, retry: true, error: 'could not reach api.telegram.org: connect ECONNREFUSED' });
  });

  it('refuses a text longer than Telegram’s 4096 characters before it is queued', () => {
    const ctx = (text: string) => ({ inbox: outbound(config()).inbox, conversation: { id: 1, lastIncomingAt: null }, text, now: 0 });
    expect(telegramChannel.canSend?.(ctx('x'.repeat(4096)))).toEqual({ ok: true });
    expect(telegramChannel.canSend?.(ctx('x'.repeat(4097)))).toMatchObject({ ok: false, code: 'message_too_long' });
  });
});
