import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, uniq, workspace, type CreatedInbox, type ErrorBody, type MessageBody, type Page } from '../helpers/api-client';
type Detail = { contact: { identities: unknown[] }; replyWindow: { open: boolean; closesAt: string | null } | null };

import { eventually } from '../helpers/fake-http-api';
import { botFloodWait, fakeBotApi } from '../helpers/fake-bot-api';
import { telegramTextUpdate, type TelegramFrom } from '../fixtures/telegram-updates';

const BOT_TOKEN = '7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const SECRET = 'tg-secret_0123456789';

let server: TestServer;
let bot: Awaited<ReturnType<typeof fakeBotApi>>;
let admin: ApiClient;

beforeAll(async () => {
  [server, bot] = await Promise.all([startServer(), fakeBotApi(BOT_TOKEN)]);
  admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await Promise.all([server?.stop(), bot?.close()]);
});

async function telegramInbox(settings: Record<string, unknown> = { webhookSecret: SECRET }) {
  const res = await admin.post<CreatedInbox & { webhookSecret?: string }>('/api/inboxes', { name: uniq('telegram'), channel: 'telegram', botToken: BOT_TOKEN, apiBaseUrl: bot.url, ...settings });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const postUpdate = (inboxId: number, update: unknown, secret: string | null = SECRET) =>
  fetch(`${server.url}/api/webhooks/telegram/${inboxId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: JSON.stringify(update),
  });

async function conversationsOf(inboxId: number) {
  return (await admin.get<Page<{ id: number; contact: { name: string } }>>(`/api/conversations?inboxId=${inboxId}`)).body.items;
}

async function messagesOf(conversationId: number) {
  return (await admin.get<Page<MessageBody>>(`/api/conversations/${conversationId}/messages`)).body.items;
}

const customer = (): TelegramFrom => ({ id: 400_000_000 + Math.floor(Math.random() * 1e8), first_name: 'Zofia', last_name: 'Łukasik', username: 'zofia_l' });

describe('Telegram webhook', () => {
  it('refuses an update without the right secret token header with 401 and stores nothing', async () => {
    const inbox = await telegramInbox();
    const update = telegramTextUpdate({ from: customer(), text: 'Dzień dobry' });
    for (const secret of [null, 'wrong-secret', `${SECRET}x`]) {
      const res = await postUpdate(inbox.id, update, secret);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('invalid_secret_token');
    }
    expect(await conversationsOf(inbox.id)).toEqual([]);
    expect((await postUpdate(inbox.id, update)).status).toBe(200);
    expect(await conversationsOf(inbox.id)).toHaveLength(1);
  });

  it('stores a message once however often Telegram delivers the update, with captions and photos as text', async () => {
    const inbox = await telegramInbox();
    const from = customer();
    const update = telegramTextUpdate({ from, text: 'Paczka nie dotarła' });
    const photo = telegramTextUpdate({ from, caption: 'Tak wygląda opakowanie', photo: true });
    const answers = await Promise.all([update, update, photo, update, photo].map((u) => postUpdate(inbox.id, u)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const [conversation, ...others] = await conversationsOf(inbox.id);
    expect(others).toEqual([]);
    expect(conversation.contact.name).toBe('Zofia Łukasik');
    const texts = (await messagesOf(conversation.id)).map((m) => m.text).sort();
    expect(texts).toEqual(['Paczka nie dotarła', 'Tak wygląda opakowanie\n[photo] Telegram file AgACAglarge']);
    const detail = (await admin.get<Detail>(`/api/conversations/${conversation.id}`)).body;
    expect(detail.contact.identities).toEqual([{ inboxId: inbox.id, channel: 'telegram', externalId: String(from.id), display: String(from.id) }]);
    expect(detail.replyWindow).toBeNull();
  });

  it('acknowledges updates it does not store (edits, service messages) without storing them', async () => {
    const inbox = await telegramInbox();
    const edited = { update_id: 900_000_001, edited_message: { message_id: 5, chat: { id: 1, type: 'private' }, date: 1, text: 'edited' } };
    const joined = telegramTextUpdate({ from: customer() });
    expect((await postUpdate(inbox.id, edited)).status).toBe(200);
    expect((await postUpdate(inbox.id, joined)).status).toBe(200);
    expect(await conversationsOf(inbox.id)).toEqual([]);
  });
});

describe('Telegram replies', () => {
  async function conversation() {
    const inbox = await telegramInbox();
    const from = customer();
    await postUpdate(inbox.id, telegramTextUpdate({ from, text: 'Hei' }));
    const [conv] = await conversationsOf(inbox.id);
    return { inbox, from, conv };
  }

  it('sends a reply with sendMessage to the customer’s chat and keeps Telegram’s message id', async () => {
    const { from, conv } = await conversation();
    const reply = await admin.post<MessageBody>(`/api/conversations/${conv.id}/messages`, { text: 'Hei! Miten voin auttaa?', clientId: uniq('c') });
    const sent = await eventually(async () => (await messagesOf(conv.id)).find((m) => m.id === reply.body.id && m.status === 'sent'), 10_000, 'the reply to be sent');
    const request = bot.to(`/bot${BOT_TOKEN}/sendMessage`).find((r) => JSON.parse(r.body).chat_id === from.id)!;
    expect(JSON.parse(request.body)).toEqual({ chat_id: from.id, text: 'Hei! Miten voin auttaa?' });
    expect(sent.externalId).toMatch(new RegExp(`^tg:${from.id}:\\d+$`));
  });

  it('waits out Telegram’s flood control (429 with retry_after) and then sends', async () => {
    const { from, conv } = await conversation();
    bot.answerNext(botFloodWait(3));
    const reply = await admin.post<MessageBody>(`/api/conversations/${conv.id}/messages`, { text: 'Sorry for the wait', clientId: uniq('c') });
    await eventually(async () => (await messagesOf(conv.id)).find((m) => m.id === reply.body.id && m.status === 'sent'), 15_000, 'the reply to be sent');
    const attempts = bot.to(`/bot${BOT_TOKEN}/sendMessage`).filter((r) => JSON.parse(r.body).chat_id === from.id);
    expect(attempts).toHaveLength(2);
    // The queue's own first backoff is about 2 s; only retry_after makes it 3.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(2900);
  });
});

describe('Telegram inbox settings', () => {
  it('generates a webhook secret when none is given, shows it once, and never shows the bot token', async () => {
    const inbox = await telegramInbox({});
    expect(inbox.webhookSecret).toMatch(/^[A-Za-z0-9_-]{20,256}$/);
    const shown = (await admin.get<CreatedInbox>(`/api/inboxes/${inbox.id}`)).body;
    expect(shown.settings).toMatchObject({ webhookUrl: `${server.url}/api/webhooks/telegram/${inbox.id}`, botId: '7012345678' });
    expect(JSON.stringify(shown)).not.toContain(inbox.webhookSecret);
    expect(JSON.stringify(shown)).not.toContain(BOT_TOKEN.split(':')[1]);
    expect((await postUpdate(inbox.id, telegramTextUpdate({ from: customer(), text: 'hi' }), inbox.webhookSecret!)).status).toBe(200);
  });

  it('registers the webhook with setWebhook and the secret token, for admins only', async () => {
    const inbox = await telegramInbox();
    const res = await admin.post(`/api/inboxes/${inbox.id}/telegram/register-webhook`);
    expect(res.status).toBe(200);
    const url = `${server.url}/api/webhooks/telegram/${inbox.id}`;
    expect(res.body).toEqual({ ok: true, url, result: true, description: 'Webhook was set' });
    const [call] = bot.to(`/bot${BOT_TOKEN}/setWebhook`).filter((r) => JSON.parse(r.body).url === url);
    expect(JSON.parse(call.body)).toEqual({ url, secret_token: SECRET, allowed_updates: ['message'] });

    const ws = await workspace(server);
    const agent = await ws.login(ws.users.anna);
    expect((await agent.post(`/api/inboxes/${inbox.id}/telegram/register-webhook`)).status).toBe(403);
    expect((await admin.post(`/api/inboxes/${ws.inbox.id}/telegram/register-webhook`)).status).toBe(404);
  });

  it('passes on Telegram’s refusal of a wrong bot token as 502 with its description', async () => {
    const inbox = await telegramInbox({ webhookSecret: SECRET, botToken: '7012345678:AAHwrongwrongwrongwrongwrongwrong12' });
    const res = await admin.post<ErrorBody>(`/api/inboxes/${inbox.id}/telegram/register-webhook`);
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'telegram_refused', message: expect.stringContaining('Unauthorized') });
    expect(res.body.error.message).not.toContain('AAHwrong');
  });
});
