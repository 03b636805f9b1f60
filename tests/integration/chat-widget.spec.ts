/**
 * The chat widget channel against the built server with real socket.io clients: visitor tokens,
 * history, identity verification, allowed origins, dedup, plain text, uploads, live replies,
 * typing and read state, the offline email and the reply by email (a local SMTP server).
 */
import { createHmac } from 'node:crypto';
import type { Message } from '../../src/lib/shared/schemas/message';
import type { ConversationSummary } from '../../src/lib/shared/schemas/conversation';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ApiClient, uniq, workspace } from '../helpers/api-client';
import { RealtimeClient } from '../helpers/realtime-client';
import { VisitorClient } from '../helpers/widget-client';

let server: TestServer;
let smtp: SMTPServer;
const mails: { to: string[]; raw: string }[] = [];
const open: { close(): void }[] = [];
let ws: Awaited<ReturnType<typeof workspace>>;

const SECRET = 'identity-secret-for-tests-1234';
const hmac = (userId: string, secret = SECRET) => createHmac('sha256', secret).update(userId).digest('hex');
const clientId = () => uniq('c').replace(/[^A-Za-z0-9_-]/g, '_');

async function chatInbox(settings: Record<string, unknown> = {}) {
  const res = await ws.admin.post('/api/inboxes', { name: `Website chat ${uniq('w')}`, channel: 'chat', ...settings });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await ws.admin.post(`/api/inboxes/${(res.body as { id: number }).id}/members`, { userId: ws.users.anna.id });
  return res.body as { id: number; name: string; settings: { widgetToken: string; widgetSnippet: string; allowedOrigins: string[]; identityVerification: boolean } };
}

function visitor(widgetToken: string, extra: Record<string, unknown> = {}, opts: { origin?: string } = {}) {
  const v = new VisitorClient(server.url, { widgetToken, ...extra }, opts);
  open.push(v);
  return v;
}

async function agent(who: 'anna' | 'mikko' = 'anna') {
  const client = await ws.login(ws.users[who]);
  const rt = new RealtimeClient(server.url, client);
  open.push(rt);
  await rt.connected();
  return { client, rt };
}

const countVisitors = () => {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM chat_visitors').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (d) => (raw += String(d)));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const port = (smtp.server.address() as AddressInfo).port;
  server = await startServer({ env: { CHAT_FALLBACK_SMTP_URL: `smtp://127.0.0.1:${port}`, CHAT_FALLBACK_FROM: 'Support <support@shop.example>' } });
  ws = await workspace(server);
}, 60_000);

afterAll(async () => {
  open.forEach((o) => o.close());
  await server?.stop();
  await new Promise((r) => smtp?.close(() => r(null)));
});

describe('creating a chat inbox', () => {
  it('returns a random widget token and the exact script tag to paste', async () => {
    const a = await chatInbox();
    const b = await chatInbox();
    expect(a.settings.widgetToken).toMatch(/^wgt_[A-Za-z0-9_-]{20,}$/);
    expect(a.settings.widgetToken).not.toBe(b.settings.widgetToken);
    expect(a.settings.widgetSnippet).toBe(`<script src="${server.url}/widget.js" data-inbox="${a.settings.widgetToken}" async></script>`);
    expect(a.settings).toMatchObject({ allowedOrigins: [], identityVerification: false });
  });

  it('keeps the identity secret to itself and refuses origins with a path', async () => {
    const withSecret = await chatInbox({ identitySecret: SECRET, allowedOrigins: ['https://shop.example'] });
    expect(JSON.stringify(withSecret)).not.toContain(SECRET);
    expect(withSecret.settings).toMatchObject({ identityVerification: true, allowedOrigins: ['https://shop.example'] });
    const bad = await ws.admin.post<{ error: { message: string } }>('/api/inboxes', { name: 'Bad', channel: 'chat', allowedOrigins: ['https://shop.example/path'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/allowedOrigins\.0: must be an origin/);
  });
});

describe('the loader and the frame', () => {
  it('serves widget.js as JavaScript with caching headers and answers a revalidation with 304', async () => {
    const res = await fetch(`${server.url}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    const body = await res.text();
    expect(body).toContain('Open chat');
    expect(body).toContain('Otwórz czat');
    expect(body.length).toBeLessThan(12_000);
    const again = await fetch(`${server.url}/widget.js`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('lets any site frame an unrestricted widget and only the allowed origins frame a restricted one', async () => {
    const free = await chatInbox();
    const page = await fetch(`${server.url}/widget/${free.settings.widgetToken}?host=${encodeURIComponent('https://any.example')}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe('frame-ancestors *');
    expect(page.headers.get('x-frame-options')).toBeNull();

    const shop = await chatInbox({ allowedOrigins: ['https://shop.example', 'http://localhost:5173'] });
    const framed = await fetch(`${server.url}/widget/${shop.settings.widgetToken}`);
    expect(framed.headers.get('content-security-policy')).toBe('frame-ancestors https://shop.example http://localhost:5173');
    expect((await fetch(`${server.url}/widget/wgt_nosuchwidgettoken00000`)).status).toBe(404);
  });
});

describe('visitors', () => {
  it('issues a visitor token once, and a returning visitor sees their history', async () => {
    const inbox = await chatInbox();
    const first = visitor(inbox.settings.widgetToken);
    const session = await first.ready();
    expect(session).toMatchObject({ identified: false, inboxName: inbox.name, messages: [] });
    expect(session.visitorToken).toMatch(/^wvt_/);
    const ack = await first.send('Hello, is my order shipped?', clientId());
    expect(ack).toMatchObject({ ok: true, data: { from: 'visitor', text: 'Hello, is my order shipped?', status: 'sent' } });
    first.close();

    const back = visitor(inbox.settings.widgetToken, { visitorToken: session.visitorToken });
    const again = await back.ready();
    expect(again.visitorToken).toBe('');
    expect(again.messages.map((m) => m.text)).toEqual(['Hello, is my order shipped?']);

    const stranger = visitor(inbox.settings.widgetToken);
    expect((await stranger.ready()).messages).toEqual([]);
  });

  it('stores a resent message once (same client id) and keeps markup as plain text', async () => {
    const inbox = await chatInbox();
    const { client, rt } = await agent();
    const v = visitor(inbox.settings.widgetToken);
    await v.ready();
    const id = clientId();
    const text = '<b>bold</b><script>alert(1)</script>';
    const a = await v.send(text, id);
    const b = await v.send(text, id);
    expect(a.ok && b.ok && a.data.id === b.data.id).toBe(true);
    await rt.until(() => rt.applied.some((e) => e.type === 'message.created' && e.payload.message.text === text));
    const conversationId = rt.applied.flatMap((e) => (e.type === 'message.created' ? [e.payload] : [])).find((p) => p.message.text === text)!.conversationId;
    const thread = await client.get<{ items: Message[] }>(`/api/conversations/${conversationId}/messages`);
    expect(thread.body.items).toHaveLength(1);
    expect(thread.body.items[0]).toMatchObject({ direction: 'incoming', text, html: null });
  });

  it('answers bad payloads with a clear error ack and never serves agent commands', async () => {
    const inbox = await chatInbox();
    const v = visitor(inbox.settings.widgetToken);
    await v.ready();
    expect(await v.socket.emitWithAck('message:send', { clientId: 'x', text: '' } as never)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await v.socket.emitWithAck('message:send', { clientId: clientId(), text: 'x'.repeat(5001) })).toMatchObject({ ok: false, error: { code: 'invalid_payload', message: expect.stringMatching(/^text:/) } });
    const raw = v.socket as unknown as { timeout(ms: number): { emitWithAck(ev: string, p: unknown): Promise<unknown> } };
    await expect(raw.timeout(500).emitWithAck('sync', { since: 0 })).rejects.toThrow();
    await expect(raw.timeout(500).emitWithAck('message:create', { conversationId: 1, text: 'hi' })).rejects.toThrow();
  });

  it('refuses a malformed handshake and an unknown widget with a code', async () => {
    await expect(visitor('not-a-token').ready()).rejects.toMatchObject({ data: { code: 'invalid_handshake' } });
    await expect(visitor('wgt_unknownunknownunknown').ready()).rejects.toMatchObject({ data: { code: 'unknown_widget' } });
  });
});

describe('identity verification', () => {
  it('links a verified user to one contact, so their history follows them to another device', async () => {
    const inbox = await chatInbox({ identitySecret: SECRET });
    const identity = { userId: 'user-4711', email: 'maija@example.com', name: 'Maija Virtanen', userHash: hmac('user-4711') };
    const laptop = visitor(inbox.settings.widgetToken, { identity });
    expect(await laptop.ready()).toMatchObject({ identified: true, hasEmail: true });
    await laptop.send('From my laptop', clientId());
    const phone = visitor(inbox.settings.widgetToken, { identity });
    const session = await phone.ready();
    expect(session.messages.map((m) => m.text)).toEqual(['From my laptop']);
    // Both devices are in the same room: a message from one shows on the other.
    await phone.send('And now from my phone', clientId());
    await laptop.until(() => laptop.messages().some((m) => m.text === 'And now from my phone'));
  });

  it('refuses a wrong hash with a clear error and stores nothing', async () => {
    const inbox = await chatInbox({ identitySecret: SECRET });
    const before = countVisitors();
    const forged = visitor(inbox.settings.widgetToken, { identity: { userId: 'user-1', userHash: hmac('user-2') } });
    const err = await forged.ready().catch((e: Error & { data?: { code: string } }) => e);
    expect(err).toMatchObject({ message: expect.stringMatching(/userHash is not the HMAC-SHA256/), data: { code: 'invalid_identity' } });
    expect(countVisitors()).toBe(before);
  });
});

describe('allowed origins', () => {
  it('refuses to connect for an embedding origin that is not allowed', async () => {
    const inbox = await chatInbox({ allowedOrigins: ['https://shop.example'] });
    await expect(visitor(inbox.settings.widgetToken, { hostOrigin: 'https://evil.example' }).ready()).rejects.toMatchObject({ data: { code: 'origin_not_allowed' } });
    await expect(visitor(inbox.settings.widgetToken).ready()).rejects.toMatchObject({ data: { code: 'origin_not_allowed' } });
    expect(await visitor(inbox.settings.widgetToken, { hostOrigin: 'https://shop.example' }).ready()).toMatchObject({ identified: false });
  });

  it('refuses a socket opened directly from a foreign page (Origin header)', async () => {
    const inbox = await chatInbox();
    await expect(visitor(inbox.settings.widgetToken, {}, { origin: 'https://evil.example' }).ready()).rejects.toThrow();
  });
});

describe('live conversation', () => {
  it('brings the visitor’s message to the console and the agent’s reply to the visitor, with typing and read state', async () => {
    const inbox = await chatInbox();
    const { client, rt } = await agent();
    const typing: { userId: number; name: string; typing: boolean }[] = [];
    rt.socket.on('typing', (p) => typing.push(p));
    const v = visitor(inbox.settings.widgetToken);
    expect(await v.ready()).toMatchObject({ agentsOnline: true });
    const sent = await v.send('Can I change my delivery address?', clientId());
    if (!sent.ok) throw new Error(sent.error.message);
    await rt.until(() => rt.applied.some((e) => e.type === 'message.created' && e.payload.message.id === sent.data.id));
    const conversationId = rt.applied.flatMap((e) => (e.type === 'message.created' ? [e.payload] : [])).find((p) => p.message.id === sent.data.id)!.conversationId;

    // Visitor typing reaches the console (as a contact: negative id).
    v.socket.emit('typing:set', { typing: true });
    await rt.until(() => typing.some((t) => t.typing && t.userId < 0));
    // Agent typing and the agent opening the conversation reach the widget.
    await rt.socket.emitWithAck('typing:set', { conversationId, typing: true });
    await v.until(() => v.of('agent.typing').some((t) => t.typing && t.name === 'Anna Nowak'));
    await rt.socket.emitWithAck('conversation:read', { conversationId });
    await v.until(() => v.of('messages.seen').length > 0);

    const reply = await client.post<Message>(`/api/conversations/${conversationId}/messages`, { text: 'Yes — what is the new address?', clientId: clientId() });
    expect(reply.status).toBe(201);
    await v.until(() => v.messages().some((m) => m.id === reply.body.id));
    expect(v.messages().find((m) => m.id === reply.body.id)).toMatchObject({ from: 'agent', authorName: 'Anna Nowak', text: 'Yes — what is the new address?' });

    v.socket.emit('messages:read', { upToId: reply.body.id, state: 'read' });
    await rt.until(() => rt.applied.some((e) => e.type === 'message.updated' && e.payload.message.id === reply.body.id && e.payload.message.status === 'read'), 6000);
  });

  it('never shows one visitor another visitor’s messages or private notes', async () => {
    const inbox = await chatInbox();
    const { client, rt } = await agent();
    const a = visitor(inbox.settings.widgetToken);
    const b = visitor(inbox.settings.widgetToken);
    await Promise.all([a.ready(), b.ready()]);
    const sent = await a.send('Only for me', clientId());
    if (!sent.ok) throw new Error(sent.error.message);
    await rt.until(() => rt.applied.some((e) => e.type === 'message.created' && e.payload.message.id === sent.data.id));
    const conversationId = rt.applied.flatMap((e) => (e.type === 'message.created' ? [e.payload] : [])).find((p) => p.message.id === sent.data.id)!.conversationId;
    await client.post(`/api/conversations/${conversationId}/messages`, { text: 'Internal: VIP customer', private: true });
    const reply = await client.post<Message>(`/api/conversations/${conversationId}/messages`, { text: 'Public answer' });
    await a.until(() => a.messages().some((m) => m.id === reply.body.id));
    expect(a.messages().map((m) => m.text)).not.toContain('Internal: VIP customer');
    expect(b.messages()).toEqual([]);
    const back = visitor(inbox.settings.widgetToken, { visitorToken: a.session!.visitorToken });
    expect((await back.ready()).messages.map((m) => m.text)).toEqual(['Only for me', 'Public answer']);
  });
});

describe('uploads', () => {
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
  const upload = (widgetToken: string, visitorToken: string | null, file: Blob, name: string) => {
    const form = new FormData();
    form.set('file', file, name);
    form.set('clientId', clientId());
    return fetch(`${server.url}/api/widget/${widgetToken}/uploads`, { method: 'POST', body: form, headers: visitorToken ? { 'x-visitor-token': visitorToken } : {} });
  };

  it('stores an image, posts it as a message with a link, and serves it sandboxed', async () => {
    const inbox = await chatInbox();
    const v = visitor(inbox.settings.widgetToken);
    const { visitorToken } = await v.ready();
    const res = await upload(inbox.settings.widgetToken, visitorToken, new Blob([PNG], { type: 'image/png' }), 'receipt.png');
    expect(res.status).toBe(201);
    const message = await res.json();
    expect(message).toMatchObject({ from: 'visitor', attachment: { name: 'receipt.png', contentType: 'image/png', size: PNG.length } });
    expect(message.text).toContain(message.attachment.url);
    const file = await fetch(message.attachment.url);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses files that are too large, of another type, disguised, or without a visitor', async () => {
    const inbox = await chatInbox();
    const v = visitor(inbox.settings.widgetToken);
    const { visitorToken } = await v.ready();
    const big = await upload(inbox.settings.widgetToken, visitorToken, new Blob([Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)], { type: 'text/plain' }), 'big.txt');
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('file_too_large');
    const html = await upload(inbox.settings.widgetToken, visitorToken, new Blob(['<script>alert(1)</script>'], { type: 'text/html' }), 'x.html');
    expect(html.status).toBe(415);
    expect((await html.json()).error.code).toBe('file_type_not_allowed');
    const disguised = await upload(inbox.settings.widgetToken, visitorToken, new Blob(['not a png'], { type: 'image/png' }), 'x.png');
    expect((await disguised.json()).error.code).toBe('file_type_mismatch');
    const huge = await upload(inbox.settings.widgetToken, visitorToken, new Blob([Buffer.alloc(11 * 1024 * 1024 + 1, 0x20)], { type: 'text/plain' }), 'huge.txt');
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('payload_too_large');
    const anonymous = await upload(inbox.settings.widgetToken, null, new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('unknown_visitor');
  });
});

describe('nobody online', () => {
  it('says so, takes a valid email, and sends the agent’s later reply by email when the visitor has left', async () => {
    open.forEach((o) => o.close()); // no agent socket: nobody is online
    await new Promise((r) => setTimeout(r, 200));
    const inbox = await chatInbox();
    const v = visitor(inbox.settings.widgetToken);
    expect(await v.ready()).toMatchObject({ agentsOnline: false, hasEmail: false });
    const sent = await v.send('Anyone there?', clientId());
    if (!sent.ok) throw new Error(sent.error.message);
    expect(await v.socket.emitWithAck('email:set', { email: 'not-an-email' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await v.socket.emitWithAck('email:set', { email: 'ola@example.com' })).toEqual({ ok: true, data: null });
    v.close();

    const anna = new ApiClient(server.url, (await ws.login(ws.users.anna)).auth);
    const list = await anna.get<{ items: ConversationSummary[] }>(`/api/conversations?inboxId=${inbox.id}`);
    const conv = list.body.items[0];
    expect(conv.contact.email).toBe('ola@example.com');
    const reply = await anna.post(`/api/conversations/${conv.id}/messages`, { text: 'Sorry for the wait — it ships today.' });
    expect(reply.status).toBe(201);
    const deadline = Date.now() + 8000;
    while (!mails.some((m) => m.to.includes('ola@example.com')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const mail = mails.find((m) => m.to.includes('ola@example.com'));
    expect(mail?.raw).toContain('it ships today');
    expect(mail?.raw).toMatch(/From: Support <support@shop\.example>/);
  });
});

describe('rate limits', () => {
  it('refuses a visitor who sends too many messages in a minute', async () => {
    const inbox = await chatInbox();
    const v = visitor(inbox.settings.widgetToken);
    await v.ready();
    const acks = [];
    for (let i = 0; i < 21; i++) acks.push(await v.send(`message ${i}`, clientId()));
    expect(acks.slice(0, 20).every((a) => a.ok)).toBe(true);
    expect(acks[20]).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringMatching(/too many messages/) } });
  });

  it('drops a flood of socket events with a rate_limited ack', async () => {
    const inbox = await chatInbox();
    const v = visitor(inbox.settings.widgetToken);
    await v.ready();
    const acks = await Promise.all(Array.from({ length: 250 }, () => v.socket.emitWithAck('messages:read', { upToId: 1, state: 'read' })));
    expect(acks.filter((a) => a.ok)).toHaveLength(240);
    expect(acks.at(-1)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });
});
