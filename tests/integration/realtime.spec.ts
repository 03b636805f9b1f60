import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { inbound, uniq, workspace, type MessageBody, type Page } from '../helpers/api-client';
import { RealtimeClient } from '../helpers/realtime-client';

let server: TestServer;
const sockets: RealtimeClient[] = [];
const connect = async (...args: ConstructorParameters<typeof RealtimeClient>) => {
  const rt = new RealtimeClient(...args);
  sockets.push(rt);
  await rt.connected();
  return rt;
};

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.stop();
});

describe('realtime inbox', () => {
  it('shows each agent the other agent’s reply live', async () => {
    const ws = await workspace(server);
    const [anna, mikko] = await Promise.all([ws.login(ws.users.anna), ws.login(ws.users.mikko)]);
    const annaRt = await connect(server.url, anna);
    const mikkoRt = await connect(server.url, mikko);
    const { body } = await inbound(server.url, ws.inbox, { text: 'Where is my parcel?' });
    await Promise.all([annaRt, mikkoRt].map((rt) => rt.until(() => rt.messagesCreated(body.conversationId).length === 1)));

    const reply = await anna.post<MessageBody>(`/api/conversations/${body.conversationId}/messages`, { text: 'Checking it now', clientId: uniq('c') });
    expect(reply.status).toBe(201);
    await mikkoRt.until(() => mikkoRt.messagesCreated(body.conversationId).some((e) => e.payload.message.text === 'Checking it now'));
    const seen = mikkoRt.messagesCreated(body.conversationId).find((e) => e.payload.message.id === reply.body.id);
    expect(seen?.payload.message).toMatchObject({ direction: 'outgoing', author: { name: 'Anna Nowak' } });
  });

  it('answers a burst of inbound messages each on its own and shows every stored one live once, in seq order', async () => {
    const ws = await workspace(server);
    const rt = await connect(server.url, await ws.login(ws.users.anna));
    const bodies = Array.from({ length: 20 }, (_, i) => ({ contact: { externalId: uniq('burst'), name: `Customer ${i}` }, externalMessageId: uniq('ext'), text: `Burst ${i}` }));
    // Sent together, so they share group transactions: a duplicate and an invalid message among them.
    const [answers, duplicate, empty] = await Promise.all([
      Promise.all(bodies.map((b) => inbound(server.url, ws.inbox, b))),
      inbound(server.url, ws.inbox, bodies[3]),
      inbound(server.url, ws.inbox, { contact: { externalId: uniq('burst'), name: 'Blank' }, text: '   ' }),
    ]);
    const forThird = [answers[3], duplicate].sort((a, b) => a.status - b.status);
    expect(forThird.map((a) => a.status)).toEqual([200, 201]);
    expect(forThird[0].body).toEqual(forThird[1].body);
    expect(answers.filter((a) => a !== answers[3]).map((a) => a.status)).toEqual(Array(19).fill(201));
    expect(empty.status).toBe(400);

    const ids = new Set(answers.map((a) => a.body.messageId));
    await rt.until(() => rt.messagesCreated().filter((e) => ids.has(e.payload.message.id)).length === 20);
    const live = rt.live.filter((e) => e.type === 'message.created' && ids.has(e.payload.message.id));
    expect(live).toHaveLength(20);
    const seqs = rt.live.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('gives an agent outside the inbox 404 and no event', async () => {
    const ws = await workspace(server);
    const outsider = await ws.login(ws.users.outsider);
    const outsiderRt = await connect(server.url, outsider);
    const anna = await ws.login(ws.users.anna);
    const annaRt = await connect(server.url, anna);
    const { body } = await inbound(server.url, ws.inbox, { text: 'Private matter' });
    await annaRt.until(() => annaRt.messagesCreated(body.conversationId).length === 1);
    await anna.post(`/api/conversations/${body.conversationId}/messages`, { text: 'Answer' });
    await annaRt.until(() => annaRt.messagesCreated(body.conversationId).length === 2);

    expect((await outsider.get(`/api/conversations/${body.conversationId}`)).status).toBe(404);
    expect((await outsider.get(`/api/conversations/${body.conversationId}/messages`)).status).toBe(404);
    expect((await outsider.post(`/api/conversations/${body.conversationId}/messages`, { text: 'x' })).status).toBe(404);
    expect((await outsider.patch(`/api/conversations/${body.conversationId}`, { status: 'resolved' })).status).toBe(404);
    const list = await outsider.get<Page<{ id: number }>>(`/api/conversations?limit=200`);
    expect(list.body.items.map((c) => c.id)).not.toContain(body.conversationId);
    const sync = await outsider.get<{ events: { payload: { conversationId?: number } }[] }>('/api/sync?since=0');
    expect(sync.body.events.filter((e) => e.payload.conversationId === body.conversationId)).toEqual([]);
    await outsiderRt.sync();
    expect(outsiderRt.applied.filter((e) => ('conversationId' in e.payload && e.payload.conversationId === body.conversationId) || ('conversation' in e.payload && e.payload.conversation.id === body.conversationId))).toEqual([]);
    const ack = await outsiderRt.socket.emitWithAck('message:create', { conversationId: body.conversationId, text: 'sneaky' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('delivers the three messages that arrived while a console was disconnected, once each', async () => {
    const ws = await workspace(server);
    const anna = await ws.login(ws.users.anna);
    const rt = await connect(server.url, anna);
    const first = await inbound(server.url, ws.inbox, { contact: { externalId: 'c-drop', name: 'Päivi' }, text: 'one' });
    await rt.until(() => rt.messagesCreated(first.body.conversationId).length === 1);

    rt.socket.io.engine.close(); // the network drops; the client will reconnect by itself
    for (const text of ['two', 'three', 'four']) await inbound(server.url, ws.inbox, { contact: { externalId: 'c-drop', name: 'Päivi' }, text });
    await rt.until(() => rt.messagesCreated(first.body.conversationId).length === 4, 5000);

    const texts = rt.messagesCreated(first.body.conversationId).map((e) => e.payload.message.text);
    expect(texts).toEqual(['one', 'two', 'three', 'four']);
    const seqs = rt.applied.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('validates socket commands and answers with an error ack', async () => {
    const ws = await workspace(server);
    const rt = await connect(server.url, await ws.login(ws.users.anna));
    expect(await rt.socket.emitWithAck('sync', { since: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const outsideContract = { conversationId: 'x' } as never;
    expect(await rt.socket.emitWithAck('message:create', outsideContract)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('refuses a handshake without credentials or from a foreign origin', async () => {
    const { io } = await import('socket.io-client');
    const anon = io(server.url, { transports: ['websocket'], reconnection: false });
    const err = await new Promise<Error>((resolve) => anon.once('connect_error', resolve));
    expect(err.message).toBe('unauthorized');
    anon.close();
    const ws = await workspace(server);
    const anna = await ws.login(ws.users.anna);
    const foreign = io(server.url, { transports: ['polling'], reconnection: false, extraHeaders: { cookie: anna.auth.cookie!, origin: 'https://evil.example' } });
    const err2 = await new Promise<Error>((resolve) => foreign.once('connect_error', resolve));
    expect(err2).toBeTruthy();
    expect(foreign.connected).toBe(false);
    foreign.close();
  });
});
