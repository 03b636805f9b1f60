import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../channel-adapter';
import { chatChannel } from './chat.adapter';
import { registerChatLine } from './chat-line';
import { frameAncestors, originPermitted, readChatConfig } from './chat-settings';
import { identityHash, identityValid } from './identity';

const create = (settings: unknown) => chatChannel.setup(chatChannel.createSchema.parse(settings)).config;

function outbound(): OutboundMessage {
  return {
    inbox: { id: 1, name: 'Web', channel: 'chat', config: create({}) },
    conversation: { id: 2, subject: null, threadId: null },
    contact: { id: 3, name: 'Visitor', email: null, externalId: 'visitor:abc' },
    message: { id: 44, text: 'Hi', html: null, createdAt: 0, clientId: null, authorName: 'Anna' },
    deliveryId: 'msg_44_job_1',
  };
}

afterEach(() => registerChatLine(null));

describe('chat inbox settings', () => {
  it('gives every inbox its own random widget token and the exact snippet', () => {
    const a = create({});
    const b = create({});
    expect(a.widgetToken).not.toBe(b.widgetToken);
    expect(chatChannel.publicSettings(a, { id: 1, publicUrl: 'https://help.example.com' })).toEqual({
      widgetToken: a.widgetToken,
      widgetSnippet: `<script src="https://help.example.com/widget.js" data-inbox="${a.widgetToken}" async></script>`,
      allowedOrigins: [],
      identityVerification: false,
    });
  });

  it('normalises allowed origins, refuses paths, and never shows the identity secret', () => {
    const config = create({ allowedOrigins: ['https://shop.example', 'https://shop.example/'], identitySecret: 'sixteen-chars-secret' });
    expect(config.allowedOrigins).toEqual(['https://shop.example']);
    expect(JSON.stringify(chatChannel.publicSettings(config, { id: 1, publicUrl: 'x' }))).not.toContain('sixteen-chars-secret');
    expect(chatChannel.createSchema.safeParse({ allowedOrigins: ['https://shop.example/checkout'] }).success).toBe(false);
    expect(chatChannel.createSchema.safeParse({ identitySecret: 'short' }).success).toBe(false);
  });

  it('lets any origin embed an unrestricted widget and only listed ones a restricted widget', () => {
    const open = readChatConfig(create({}));
    const shop = readChatConfig(create({ allowedOrigins: ['https://shop.example'] }));
    expect(originPermitted(open, undefined)).toBe(true);
    expect(frameAncestors(open)).toBe('*');
    expect(originPermitted(shop, 'https://shop.example')).toBe(true);
    expect(originPermitted(shop, 'https://evil.example')).toBe(false);
    expect(originPermitted(shop, undefined)).toBe(false);
    expect(frameAncestors(shop)).toBe('https://shop.example');
  });

  it('rotates the widget token on request', () => {
    const before = create({});
    expect(chatChannel.update(before, { rotateWidgetToken: true }).config).not.toMatchObject({ widgetToken: (before as { widgetToken: string }).widgetToken });
  });
});

describe('identity verification', () => {
  it('accepts the hex HMAC-SHA256 of the user id, in either case, and nothing else', () => {
    const hash = identityHash('secret-of-the-site-1', 'user-1');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(identityValid('secret-of-the-site-1', { userId: 'user-1', userHash: hash })).toBe(true);
    expect(identityValid('secret-of-the-site-1', { userId: 'user-1', userHash: hash.toUpperCase() })).toBe(true);
    expect(identityValid('secret-of-the-site-1', { userId: 'user-2', userHash: hash })).toBe(false);
    expect(identityValid('another-secret-000', { userId: 'user-1', userHash: hash })).toBe(false);
  });
});

describe('chat delivery', () => {
  it('keeps a reply deliverable (history) when no live line is registered, with a provider id for read reports', async () => {
    expect(await chatChannel.deliver(outbound())).toEqual({ ok: true, externalId: 'chat:out:44' });
  });

  it('hands the reply to the registered live line', async () => {
    const seen: number[] = [];
    registerChatLine({ deliver: async (m) => (seen.push(m.message.id), { ok: false, retry: true, error: 'smtp down' }) });
    expect(await chatChannel.deliver(outbound())).toEqual({ ok: false, retry: true, error: 'smtp down' });
    expect(seen).toEqual([44]);
  });

  it('refuses a reply longer than the widget shows', () => {
    const ctx = (text: string) => ({ inbox: outbound().inbox, conversation: { id: 1, lastIncomingAt: null }, text, now: 0 });
    expect(chatChannel.canSend?.(ctx('x'.repeat(5000)))).toEqual({ ok: true });
    expect(chatChannel.canSend?.(ctx('x'.repeat(5001)))).toMatchObject({ ok: false, code: 'message_too_long' });
  });
});
