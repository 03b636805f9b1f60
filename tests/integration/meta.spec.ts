import { createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, uniq, type CreatedInbox, type ErrorBody, type MessageBody, type Page } from '../helpers/api-client';
type Detail = { contact: { identities: unknown[] }; replyWindow: { open: boolean; closesAt: string | null } | null };

import { eventually } from '../helpers/fake-http-api';
import { fakeGraphApi, graphRateLimited } from '../helpers/fake-graph-api';
import { imageAttachment, messagingMessage, messagingWebhook, whatsappContact, whatsappStatus, whatsappText, whatsappWebhook } from '../fixtures/meta-webhooks';

const APP_SECRET = 'f3b2c1d0e9a8b7c6d5e4f3a2b1c0d9e8';
const VERIFY_TOKEN = 'switchboard-verify-4f1c';
const ACCESS_TOKEN = 'EAAGm0PX4ZCpsBAFakePageToken';

let server: TestServer;
let graph: Awaited<ReturnType<typeof fakeGraphApi>>;
let admin: ApiClient;

beforeAll(async () => {
  [server, graph] = await Promise.all([startServer(), fakeGraphApi()]);
  admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await Promise.all([server?.stop(), graph?.close()]);
});

type Channel = 'messenger' | 'instagram' | 'whatsapp';

async function metaInbox(channel: Channel) {
  const accountId = String(100_000_000_000 + Math.floor(Math.random() * 1e9));
  const account = channel === 'whatsapp' ? { phoneNumberId: accountId } : { pageId: accountId };
  const res = await admin.post<CreatedInbox>('/api/inboxes', {
    name: uniq(channel),
    channel,
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    accessToken: ACCESS_TOKEN,
    graphApiBaseUrl: graph.url,
    ...account,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, accountId, body: res.body };
}

/** Meta escapes non-ASCII characters in its JSON; the signature covers those exact bytes. */
const metaJson = (payload: unknown) => JSON.stringify(payload).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const sign = (secret: string, raw: Buffer) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

async function postWebhook(inboxId: number, payload: unknown, opts: { secret?: string; signature?: string | null; tamper?: (raw: Buffer) => Buffer } = {}) {
  const raw = Buffer.from(metaJson(payload));
  const signature = opts.signature === undefined ? sign(opts.secret ?? APP_SECRET, raw) : opts.signature;
  const body = opts.tamper ? opts.tamper(raw) : raw;
  return fetch(`${server.url}/api/webhooks/meta/${inboxId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
    body: new Uint8Array(body),
  });
}

async function conversationsOf(inboxId: number) {
  const res = await admin.get<Page<{ id: number; contact: { name: string } }>>(`/api/conversations?inboxId=${inboxId}`);
  return res.body.items;
}

async function messagesOf(conversationId: number) {
  return (await admin.get<Page<MessageBody>>(`/api/conversations/${conversationId}/messages`)).body.items;
}

async function replyAndWaitSent(conversationId: number, text: string) {
  const reply = await admin.post<MessageBody>(`/api/conversations/${conversationId}/messages`, { text, clientId: uniq('c') });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return eventually(async () => (await messagesOf(conversationId)).find((m) => m.id === reply.body.id && m.status === 'sent'), 15_000, 'the reply to be sent');
}

describe('Meta webhook verification', () => {
  it('answers the subscribe handshake with the challenge as plain text', async () => {
    const inbox = await metaInbox('messenger');
    const res = await fetch(`${server.url}/api/webhooks/meta/${inbox.id}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('1158201444');
  });

  it('refuses a wrong verify token or mode with 403', async () => {
    const inbox = await metaInbox('whatsapp');
    const wrongToken = await fetch(`${server.url}/api/webhooks/meta/${inbox.id}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=42`);
    const wrongMode = await fetch(`${server.url}/api/webhooks/meta/${inbox.id}?hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=42`);
    expect([wrongToken.status, wrongMode.status]).toEqual([403, 403]);
    expect((await wrongToken.json()).error.code).toBe('verification_failed');
  });

  it('shows the webhook URL and a verify token hint, never the app secret or access token', async () => {
    const inbox = await metaInbox('messenger');
    const shown = JSON.stringify((await admin.get(`/api/inboxes/${inbox.id}`)).body);
    expect(JSON.parse(shown).settings).toMatchObject({ webhookUrl: `${server.url}/api/webhooks/meta/${inbox.id}`, pageId: inbox.accountId, graphApiVersion: 'v21.0' });
    for (const secret of [APP_SECRET, ACCESS_TOKEN, VERIFY_TOKEN]) expect(shown).not.toContain(secret);
    expect(JSON.stringify(inbox.body)).not.toContain(APP_SECRET);
  });
});

describe('Meta webhook signatures', () => {
  it('stores a message signed with the app secret and refuses a missing, wrong or tampered signature with 401, storing nothing', async () => {
    const inbox = await metaInbox('messenger');
    const psid = uniq('psid');
    const payload = messagingWebhook('page', inbox.accountId, [messagingMessage({ accountId: inbox.accountId, senderId: psid, text: 'Zamówienie nie dotarło' })]);

    const missing = await postWebhook(inbox.id, payload, { signature: null });
    const wrongSecret = await postWebhook(inbox.id, payload, { secret: 'not-the-app-secret' });
    const tampered = await postWebhook(inbox.id, payload, { tamper: (raw) => Buffer.from(raw.toString().replace('dotar', 'DOTAR')) });
    const garbage = await postWebhook(inbox.id, payload, { signature: 'sha256=nothex' });
    for (const res of [missing, wrongSecret, tampered, garbage]) {
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('invalid_signature');
    }
    expect(await conversationsOf(inbox.id)).toEqual([]);

    const good = await postWebhook(inbox.id, payload);
    expect(good.status).toBe(200);
    const [conversation] = await conversationsOf(inbox.id);
    expect((await messagesOf(conversation.id)).map((m) => m.text)).toEqual(['Zamówienie nie dotarło']);
  });

  it('answers 404 for an inbox that is not a Meta inbox', async () => {
    const api = (await admin.post<CreatedInbox>('/api/inboxes', { name: uniq('api'), channel: 'api' })).body;
    expect((await postWebhook(api.id, { object: 'page', entry: [] })).status).toBe(404);
    expect((await postWebhook(999_999, { object: 'page', entry: [] })).status).toBe(404);
  });
});

describe('Messenger and Instagram', () => {
  it('stores a batch once however often Meta delivers it, and drops echoes of the Page’s own messages', async () => {
    const inbox = await metaInbox('messenger');
    const psid = uniq('psid');
    const at = { accountId: inbox.accountId, senderId: psid };
    const payload = {
      object: 'page',
      entry: [
        { id: inbox.accountId, time: Date.now(), messaging: [messagingMessage({ ...at, text: 'first' }), messagingMessage({ ...at, text: 'sent by the Page', isEcho: true })] },
        { id: inbox.accountId, time: Date.now(), messaging: [messagingMessage({ ...at, text: 'second' })] },
      ],
    };
    const deliveries = [await postWebhook(inbox.id, payload), ...(await Promise.all([1, 2].map(() => postWebhook(inbox.id, payload))))];
    expect(deliveries.map((r) => r.status)).toEqual([200, 200, 200]);
    const conversations = await conversationsOf(inbox.id);
    expect(conversations).toHaveLength(1);
    expect((await messagesOf(conversations[0].id)).map((m) => m.text)).toEqual(['first', 'second']);
  });

  it('delivers a reply to the Send API with the page token and keeps Meta’s message id', async () => {
    const inbox = await metaInbox('messenger');
    const psid = uniq('psid');
    await postWebhook(inbox.id, messagingWebhook('page', inbox.accountId, [messagingMessage({ accountId: inbox.accountId, senderId: psid, text: 'Hej' })]));
    const [conversation] = await conversationsOf(inbox.id);

    const sent = await replyAndWaitSent(conversation.id, 'Hej! Hvordan kan vi hjælpe?');
    const request = graph.to('/v21.0/me/messages').find((r) => JSON.parse(r.body).recipient.id === psid)!;
    expect(request.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ recipient: { id: psid }, messaging_type: 'RESPONSE', message: { text: 'Hej! Hvordan kan vi hjælpe?' } });
    expect(sent.externalId).toMatch(/^m_fake\d+$/);
  });

  it('retries a reply answered with 429, waiting as long as Retry-After says', async () => {
    const inbox = await metaInbox('messenger');
    const psid = uniq('psid');
    await postWebhook(inbox.id, messagingWebhook('page', inbox.accountId, [messagingMessage({ accountId: inbox.accountId, senderId: psid, text: 'Hello?' })]));
    const [conversation] = await conversationsOf(inbox.id);

    graph.answerNext(graphRateLimited(3));
    await replyAndWaitSent(conversation.id, 'Thanks for waiting');
    const attempts = graph.requests.filter((r) => r.body.includes(psid));
    expect(attempts).toHaveLength(2);
    // The queue's own first backoff is about 2 s; only Retry-After makes it 3.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(2900);
    expect(attempts[1].body).toBe(attempts[0].body);
  });

  it('reads Instagram messages with attachments as lines and replies through the Page', async () => {
    const inbox = await metaInbox('instagram');
    const igsid = uniq('igsid');
    const igAccount = '17841400000000000';
    const url = 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1234&signature=abc';
    await postWebhook(inbox.id, messagingWebhook('instagram', igAccount, [messagingMessage({ accountId: igAccount, senderId: igsid, text: 'Is this in stock?', attachments: [imageAttachment(url)] })]));
    const [conversation] = await conversationsOf(inbox.id);
    expect(conversation.contact.name).toMatch(/^Instagram user/);
    expect((await messagesOf(conversation.id))[0].text).toBe(`Is this in stock?\n[image] ${url}`);

    await replyAndWaitSent(conversation.id, 'Yes, it is.');
    const request = graph.to('/v21.0/me/messages').find((r) => JSON.parse(r.body).recipient.id === igsid)!;
    expect(JSON.parse(request.body)).toEqual({ recipient: { id: igsid }, messaging_type: 'RESPONSE', message: { text: 'Yes, it is.' } });
  });
});

describe('WhatsApp', () => {
  async function whatsappConversation(text = 'Moi! Tilaukseni puuttuu') {
    const inbox = await metaInbox('whatsapp');
    const waId = `35840${Math.floor(1e6 + Math.random() * 8e6)}`;
    const res = await postWebhook(inbox.id, whatsappWebhook(inbox.accountId, { contacts: [whatsappContact(waId, 'Päivi Järvinen')], messages: [whatsappText({ from: waId, text })] }));
    expect(res.status).toBe(200);
    const [conversation] = await conversationsOf(inbox.id);
    return { inbox, waId, conversation };
  }

  it('stores a message under the customer’s profile name and replies through the phone number', async () => {
    const { inbox, waId, conversation } = await whatsappConversation();
    expect(conversation.contact.name).toBe('Päivi Järvinen');
    const detail = (await admin.get<Detail>(`/api/conversations/${conversation.id}`)).body;
    expect(detail.contact.identities).toEqual([{ inboxId: inbox.id, channel: 'whatsapp', externalId: waId, display: `+${waId}` }]);
    expect(detail.replyWindow?.open).toBe(true);

    const sent = await replyAndWaitSent(conversation.id, 'Hei Päivi, tarkistamme asian.');
    const [request] = graph.to(`/v21.0/${inbox.accountId}/messages`);
    expect(request.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(JSON.parse(request.body)).toEqual({ messaging_product: 'whatsapp', to: waId, type: 'text', text: { body: 'Hei Päivi, tarkistamme asian.' } });
    expect(sent.externalId).toMatch(/^wamid\.FAKE\d+$/);
  });

  it('moves our reply to delivered and read as statuses arrive, never backwards', async () => {
    const { inbox, waId, conversation } = await whatsappConversation();
    const sent = await replyAndWaitSent(conversation.id, 'Paketti on matkalla.');
    const status = async (s: string) => {
      const res = await postWebhook(inbox.id, whatsappWebhook(inbox.accountId, { statuses: [whatsappStatus({ id: sent.externalId!, status: s, recipient: waId })] }));
      expect(res.status).toBe(200);
      return (await messagesOf(conversation.id)).find((m) => m.id === sent.id)!.status;
    };
    expect(await status('delivered')).toBe('delivered');
    expect(await status('read')).toBe('read');
    expect(await status('delivered')).toBe('read');
    // A status for a message another tool sent on this number changes nothing.
    const other = await postWebhook(inbox.id, whatsappWebhook(inbox.accountId, { statuses: [whatsappStatus({ id: 'wamid.UNKNOWN', status: 'read', recipient: waId })] }));
    expect(other.status).toBe(200);
  });

  it('marks our reply failed with WhatsApp’s reason when the status says failed', async () => {
    const { inbox, waId, conversation } = await whatsappConversation();
    const sent = await replyAndWaitSent(conversation.id, 'Hello');
    const errors = [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'Message Undeliverable.' } }];
    await postWebhook(inbox.id, whatsappWebhook(inbox.accountId, { statuses: [whatsappStatus({ id: sent.externalId!, status: 'failed', recipient: waId, errors })] }));
    const failed = (await messagesOf(conversation.id)).find((m) => m.id === sent.id)!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('131026');
  });

  it('refuses free text once 24 hours have passed since the customer’s last message, and shows the window closed', async () => {
    const { conversation } = await whatsappConversation();
    // The customer wrote 25 hours ago: set it in the server's database, as waiting is no option.
    const db = new Database(server.dbPath);
    db.pragma('busy_timeout = 5000');
    const lastIncoming = Date.now() - 25 * 3600_000;
    db.prepare('UPDATE conversations SET last_incoming_at = ? WHERE id = ?').run(lastIncoming, conversation.id);
    db.close();

    const before = graph.requests.length;
    const refused = await admin.post<ErrorBody>(`/api/conversations/${conversation.id}/messages`, { text: 'Are you still there?' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('whatsapp_window_closed');
    expect(refused.body.error.message).toMatch(/24 hours/);
    const detail = (await admin.get<Detail>(`/api/conversations/${conversation.id}`)).body;
    expect(detail.replyWindow).toEqual({ open: false, closesAt: new Date(lastIncoming + 24 * 3600_000).toISOString() });
    // Nothing was stored or sent; a private note is still fine.
    expect((await messagesOf(conversation.id)).map((m) => m.text)).toEqual(['Moi! Tilaukseni puuttuu']);
    expect((await admin.post(`/api/conversations/${conversation.id}/messages`, { text: 'Customer went quiet', private: true })).status).toBe(201);
    await new Promise((r) => setTimeout(r, 300));
    expect(graph.requests.length).toBe(before);
  });
});
