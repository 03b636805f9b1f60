import http from 'node:http';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { inbound, uniq, workspace, type MessageBody, type Page } from '../helpers/api-client';
import { RealtimeClient } from '../helpers/realtime-client';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A stand-in for an integrator's webhook endpoint: answers each request as `script` says. */
async function webhookSink(script: number[]) {
  const received: { body: string; headers: http.IncomingHttpHeaders; status: number }[] = [];
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const status = script[received.length] ?? 200;
      received.push({ body, headers: req.headers, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((r) => srv.close(r)) };
}

describe('durability and idempotency', () => {
  it('stores one message when the same clientId is sent twice at once', async () => {
    const ws = await workspace(server);
    const anna = await ws.login(ws.users.anna);
    const { body } = await inbound(server.url, ws.inbox, { text: 'Hi' });
    const clientId = uniq('dup');
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => anna.post<MessageBody>(`/api/conversations/${body.conversationId}/messages`, { text: 'Only once', clientId })));
    expect([a.status, b.status, c.status].sort()).toEqual([200, 200, 201]);
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(1);
    const thread = await anna.get<Page<MessageBody>>(`/api/conversations/${body.conversationId}/messages`);
    expect(thread.body.items.filter((m: { text: string }) => m.text === 'Only once')).toHaveLength(1);
  });

  it('stores an inbound message once however often the provider delivers it', async () => {
    const ws = await workspace(server);
    const externalMessageId = uniq('ext');
    const first = await inbound(server.url, ws.inbox, { externalMessageId, text: 'Refund please' });
    const again = await Promise.all([1, 2].map(() => inbound(server.url, ws.inbox, { externalMessageId, text: 'Refund please' })));
    expect(first.status).toBe(201);
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    expect(again.map((r) => r.body)).toEqual([first.body, first.body]);
    const thread = await ws.admin.get<Page<MessageBody>>(`/api/conversations/${first.body.conversationId}/messages`);
    expect(thread.body.items).toHaveLength(1);
  });

  it('continues a known contact’s open conversation and starts a new one after resolve', async () => {
    const ws = await workspace(server);
    const contact = { externalId: uniq('cust'), name: 'Mette Sørensen' };
    const one = await inbound(server.url, ws.inbox, { contact, text: 'first' });
    const two = await inbound(server.url, ws.inbox, { contact, text: 'second' });
    expect(two.body.conversationId).toBe(one.body.conversationId);
    await ws.admin.patch(`/api/conversations/${one.body.conversationId}`, { status: 'resolved' });
    const three = await inbound(server.url, ws.inbox, { contact, text: 'third' });
    expect(three.body.conversationId).not.toBe(one.body.conversationId);
  });

  it('signs the outbound webhook and retries it after a failure', async () => {
    const sink = await webhookSink([503, 200]);
    try {
      const ws = await workspace(server, { webhookUrl: sink.url });
      const anna = await ws.login(ws.users.anna);
      const contact = { externalId: uniq('cust'), name: 'Jens Ærø' };
      const { body } = await inbound(server.url, ws.inbox, { contact, text: 'Hello?' });
      const reply = await anna.post<MessageBody>(`/api/conversations/${body.conversationId}/messages`, { text: 'Hi Jens', clientId: uniq('c') });
      expect(reply.body.status).toBe('queued');

      const deadline = Date.now() + 10_000;
      let status = '';
      while (Date.now() < deadline && status !== 'sent') {
        await new Promise((r) => setTimeout(r, 200));
        const thread = await anna.get<Page<MessageBody>>(`/api/conversations/${body.conversationId}/messages`);
        status = thread.body.items.find((m) => m.id === reply.body.id)?.status ?? '';
      }
      expect(status).toBe('sent');
      expect(sink.received.map((r) => r.status)).toEqual([503, 200]);
      const delivered = sink.received[1];
      const expected = `sha256=${createHmac('sha256', ws.inbox.webhookSecret).update(delivered.body).digest('hex')}`;
      expect(delivered.headers['x-switchboard-signature']).toBe(expected);
      expect(sink.received[0].headers['x-switchboard-delivery']).toBe(delivered.headers['x-switchboard-delivery']);
      expect(JSON.parse(delivered.body)).toMatchObject({
        event: 'message.created',
        conversationId: body.conversationId,
        contact: { externalId: contact.externalId, name: 'Jens Ærø' },
        message: { id: reply.body.id, text: 'Hi Jens' },
      });
    } finally {
      await sink.close();
    }
  });

  it('marks a reply failed with the reason when the webhook refuses it', async () => {
    const sink = await webhookSink([410]);
    try {
      const ws = await workspace(server, { webhookUrl: sink.url });
      const anna = await ws.login(ws.users.anna);
      const { body } = await inbound(server.url, ws.inbox, { text: 'Hello?' });
      const rt = new RealtimeClient(server.url, anna);
      await rt.connected();
      const reply = await anna.post<MessageBody>(`/api/conversations/${body.conversationId}/messages`, { text: 'Gone?' });
      await rt.until((events) => events.some((e) => e.type === 'message.updated' && e.payload.message.id === reply.body.id && e.payload.message.status === 'failed'), 5000);
      const failed = rt.ofType('message.updated').find((e) => e.payload.message.status === 'failed');
      expect(failed?.payload.message.error).toMatch(/410/);
      rt.close();
    } finally {
      await sink.close();
    }
  });

  it('loses nothing across a server restart: a reconnecting console catches up', async () => {
    const ws = await workspace(server);
    const anna = await ws.login(ws.users.anna);
    const rt = new RealtimeClient(server.url, anna);
    await rt.connected();
    const contact = { externalId: uniq('cust'), name: 'Aino Mäkelä' };
    const first = await inbound(server.url, ws.inbox, { contact, text: 'before restart' });
    await rt.until(() => rt.messagesCreated(first.body.conversationId).length === 1);

    await server.restart();
    // Messages that arrive before the console is back.
    for (const text of ['after 1', 'after 2']) await inbound(server.url, ws.inbox, { contact, text });
    await rt.until(() => rt.messagesCreated(first.body.conversationId).length === 3, 10_000);
    expect(rt.messagesCreated(first.body.conversationId).map((e) => e.payload.message.text)).toEqual(['before restart', 'after 1', 'after 2']);
    // Still live after the reconnect.
    await inbound(server.url, ws.inbox, { contact, text: 'live again' });
    await rt.until(() => rt.messagesCreated(first.body.conversationId).length === 4);
    rt.close();
  });

  it('shuts down on SIGTERM without losing a queued delivery', async () => {
    const sink = await webhookSink([]);
    const own = await startServer();
    try {
      const ws = await workspace(own, { webhookUrl: sink.url });
      const { body } = await inbound(own.url, ws.inbox, { text: 'hi' });
      const reply = await ws.admin.post<MessageBody>(`/api/conversations/${body.conversationId}/messages`, { text: 'answer', clientId: uniq('c') });
      expect(await own.stop('SIGTERM')).toBe(0);
      await own.restart();
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && !sink.received.some((r) => JSON.parse(r.body).message.id === reply.body.id)) await new Promise((r) => setTimeout(r, 100));
      expect(sink.received.filter((r) => JSON.parse(r.body).message.id === reply.body.id)).toHaveLength(1);
    } finally {
      await own.stop();
      await sink.close();
    }
  });
});
