import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OutboundMessage } from '../channel-adapter';
import { messengerChannel } from './messenger.adapter';
import { whatsappChannel } from './whatsapp.adapter';
import { WHATSAPP_WINDOW_MS } from './whatsapp-window';

const settings = { appSecret: 'app-secret-123456', verifyToken: 'verify-token-9876', accessToken: 'EAAG-page-token', pageId: '1234567890' };

function outbound(channel: typeof messengerChannel, config: Record<string, unknown>, externalId: string | null = 'psid-1'): OutboundMessage {
  return {
    inbox: { id: 1, name: 'Shop', channel: channel.kind, config },
    conversation: { id: 2, subject: null, threadId: null },
    contact: { id: 3, name: 'Aino', email: null, externalId },
    message: { id: 4, text: 'Hello', html: null, createdAt: 0, clientId: null, authorName: 'Ada' },
    deliveryId: 'msg_4_job_1',
  };
}

/** Answers every fetch with this status and JSON body, and records the calls. */
function stubGraph(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  });
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('Meta inbox settings', () => {
  it('fills the Graph API defaults and refuses unknown fields, bad ids and bad versions', () => {
    const { config } = messengerChannel.setup(messengerChannel.createSchema.parse(settings));
    expect(config).toMatchObject({ ...settings, graphApiBaseUrl: 'https://graph.facebook.com', graphApiVersion: 'v21.0' });
    expect(messengerChannel.createSchema.safeParse({ ...settings, phoneNumberId: '1' }).success).toBe(false);
    expect(messengerChannel.createSchema.safeParse({ ...settings, pageId: 'my-page' }).success).toBe(false);
    expect(messengerChannel.createSchema.safeParse({ ...settings, graphApiVersion: '21' }).success).toBe(false);
    expect(whatsappChannel.createSchema.safeParse(settings).success).toBe(false);
  });

  it('shows the webhook URL and a verify token hint to members, never a secret', () => {
    const { config } = messengerChannel.setup(messengerChannel.createSchema.parse({ ...settings, graphApiBaseUrl: 'http://127.0.0.1:9/' }));
    const shown = messengerChannel.publicSettings(config, { id: 7, publicUrl: 'https://support.example.com' });
    expect(shown).toEqual({
      webhookUrl: 'https://support.example.com/api/webhooks/meta/7',
      verifyTokenHint: 'ver…76',
      pageId: '1234567890',
      graphApiBaseUrl: 'http://127.0.0.1:9',
      graphApiVersion: 'v21.0',
    });
  });

  it('changes a secret without losing the others', () => {
    const { config } = messengerChannel.setup(messengerChannel.createSchema.parse(settings));
    const changed = messengerChannel.update(config, { accessToken: 'EAAG-new-token' }).config;
    expect(changed).toMatchObject({ ...settings, accessToken: 'EAAG-new-token', graphApiVersion: 'v21.0' });
  });
});

describe('WhatsApp reply window', () => {
  const ctx = (lastIncomingAt: number | null, text = 'Hi', now = Date.UTC(2026, 0, 2)) => ({
    inbox: { id: 1, name: 'WA', channel: 'whatsapp' as const, config: {} },
    conversation: { id: 1, lastIncomingAt },
    text,
    now,
  });
  const now = Date.UTC(2026, 0, 2);

  it('is open for 24 hours after the customer’s last message and closed after', () => {
    expect(whatsappChannel.replyWindow?.({ lastIncomingAt: now - 1000 }, now)).toEqual({ open: true, closesAt: now - 1000 + WHATSAPP_WINDOW_MS });
    expect(whatsappChannel.replyWindow?.({ lastIncomingAt: now - WHATSAPP_WINDOW_MS }, now)).toEqual({ open: false, closesAt: now });
    expect(whatsappChannel.replyWindow?.({ lastIncomingAt: null }, now)).toEqual({ open: false, closesAt: null });
    expect(messengerChannel.replyWindow).toBeUndefined();
  });

  it('refuses free text after the window with whatsapp_window_closed, and an overlong text anywhere', () => {
    expect(whatsappChannel.canSend?.(ctx(now - 3600_000))).toEqual({ ok: true });
    expect(whatsappChannel.canSend?.(ctx(now - 25 * 3600_000))).toMatchObject({ ok: false, status: 409, code: 'whatsapp_window_closed' });
    expect(messengerChannel.canSend?.(ctx(null, 'x'.repeat(2001)))).toMatchObject({ ok: false, status: 400, code: 'message_too_long' });
    expect(messengerChannel.canSend?.(ctx(null, 'x'.repeat(2000)))).toEqual({ ok: true });
  });
});

describe('Graph API replies', () => {
  const messengerConfig = () => messengerChannel.setup(messengerChannel.createSchema.parse(settings)).config;
  const { pageId: _pageId, ...common } = settings;
  const whatsappConfig = () => whatsappChannel.setup(whatsappChannel.createSchema.parse({ ...common, phoneNumberId: '106540352242922' })).config;

  it('posts a Messenger reply to /me/messages with the token and keeps the message id', async () => {
    const calls = stubGraph(200, { recipient_id: 'psid-1', message_id: 'm_AbC' });
    expect(await messengerChannel.deliver(outbound(messengerChannel, messengerConfig()))).toEqual({ ok: true, externalId: 'm_AbC' });
    expect(calls[0].url).toBe('https://graph.facebook.com/v21.0/me/messages');
    expect((calls[0].init.headers as Record<string, string>).authorization).toBe('Bearer EAAG-page-token');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ recipient: { id: 'psid-1' }, messaging_type: 'RESPONSE', message: { text: 'Hello' } });
  });

  it('posts a WhatsApp reply to /{phone-number-id}/messages and keeps messages[0].id', async () => {
    const calls = stubGraph(200, { messaging_product: 'whatsapp', contacts: [{ input: '358401234567', wa_id: '358401234567' }], messages: [{ id: 'wamid.HBgM' }] });
    expect(await whatsappChannel.deliver(outbound(whatsappChannel, whatsappConfig(), '358401234567'))).toEqual({ ok: true, externalId: 'wamid.HBgM' });
    expect(calls[0].url).toBe('https://graph.facebook.com/v21.0/106540352242922/messages');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ messaging_product: 'whatsapp', to: '358401234567', type: 'text', text: { body: 'Hello' } });
  });

  it('retries throttling that Meta answers with HTTP 400, and gives up on a real refusal', async () => {
    stubGraph(400, { error: { message: '(#613) Calls to this api have exceeded the rate limit.', type: 'OAuthException', code: 613 } });
    expect(await messengerChannel.deliver(outbound(messengerChannel, messengerConfig()))).toMatchObject({ ok: false, retry: true, error: expect.stringContaining('613') });
    stubGraph(400, { error: { message: '(#10) This message is sent outside of allowed window.', type: 'OAuthException', code: 10, error_subcode: 2018278 } });
    expect(await messengerChannel.deliver(outbound(messengerChannel, messengerConfig()))).toEqual({
      ok: false,
      retry: false,
      error: 'Graph API error 10/2018278 (HTTP 400): (#10) This message is sent outside of allowed window.',
      retryAfterMs: undefined,
    });
  });

  it('honours Retry-After on 429 and retries 5xx', async () => {
    stubGraph(429, { error: { message: 'Too many', code: 4 } }, { 'retry-after': '7' });
    expect(await messengerChannel.deliver(outbound(messengerChannel, messengerConfig()))).toMatchObject({ ok: false, retry: true, retryAfterMs: 7000 });
    stubGraph(503, { error: { message: 'Service unavailable', code: 2 } });
    expect(await messengerChannel.deliver(outbound(messengerChannel, messengerConfig()))).toMatchObject({ ok: false, retry: true });
  });

  it('fails at once, without calling Meta, for a contact with no id on the channel', async () => {
    const calls = stubGraph(200, {});
    expect(await messengerChannel.deliver(outbound(messengerChannel, messengerConfig(), null))).toMatchObject({ ok: false, retry: false });
    expect(calls).toEqual([]);
  });
});
