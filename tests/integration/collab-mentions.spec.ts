import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { inbound, uniq, workspace, type ErrorBody } from '../helpers/api-client';
import { RealtimeClient } from '../helpers/realtime-client';
import type { MentionList } from '../../src/lib/shared/schemas/collab';

let server: TestServer;
const sockets: RealtimeClient[] = [];
const connect = async (client: ConstructorParameters<typeof RealtimeClient>[1]) => {
  const rt = new RealtimeClient(server.url, client);
  sockets.push(rt);
  await rt.connected();
  return rt;
};
const handle = (u: { email: string }) => u.email.slice(0, u.email.indexOf('@'));

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.stop();
});

describe('mentions in private notes', () => {
  it('records a mention for teammates who can see the inbox and tells only them, live', async () => {
    const ws = await workspace(server);
    const [anna, mikko, outsider] = await Promise.all([ws.login(ws.users.anna), ws.login(ws.users.mikko), ws.login(ws.users.outsider)]);
    const [annaRt, mikkoRt, outsiderRt, adminRt] = await Promise.all([connect(anna), connect(mikko), connect(outsider), connect(ws.admin)]);
    const { body } = await inbound(server.url, ws.inbox, { text: 'My invoice is wrong' });

    const note = await mikko.post<{ id: number }>(`/api/conversations/${body.conversationId}/messages`, {
      text: `@${handle(ws.users.anna)} and @${handle(ws.users.outsider)}, can you check the invoice? @admin FYI`,
      private: true,
      clientId: uniq('c'),
    });
    expect(note.status).toBe(201);

    await annaRt.until(() => annaRt.ofType('mention.created').length === 1);
    const live = annaRt.ofType('mention.created')[0]!.payload;
    expect(live.unread).toBe(1);
    expect(live.mention).toMatchObject({ conversationId: body.conversationId, messageId: note.body.id, author: { name: 'Mikko Virtanen' }, contactName: 'Zofia Łukasik', readAt: null });
    expect(live.mention.excerpt).toContain('can you check the invoice?');
    // An admin sees every inbox, so a mention reaches them too.
    await adminRt.until(() => adminRt.ofType('mention.created').length === 1);

    // By the time Mikko sees his own note, every mention event of that note has been published.
    await mikkoRt.until(() => mikkoRt.messagesCreated(body.conversationId).some((e) => e.payload.message.id === note.body.id));
    await outsiderRt.sync();
    await mikkoRt.sync();
    expect(outsiderRt.ofType('mention.created')).toEqual([]);
    expect(mikkoRt.ofType('mention.created')).toEqual([]);
    expect(annaRt.ofType('mention.created')).toHaveLength(1);

    const mine = await anna.get<MentionList>('/api/mentions');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ unread: 1, nextCursor: null, items: [{ id: live.mention.id, conversationId: body.conversationId }] });
    expect((await outsider.get<MentionList>('/api/mentions')).body).toEqual({ items: [], unread: 0, nextCursor: null });
    expect((await mikko.get<MentionList>('/api/mentions')).body.items).toEqual([]);
  });

  it('never records a mention from a public reply', async () => {
    const ws = await workspace(server);
    const mikko = await ws.login(ws.users.mikko);
    const anna = await ws.login(ws.users.anna);
    const { body } = await inbound(server.url, ws.inbox, { text: 'Hello' });
    expect((await mikko.post(`/api/conversations/${body.conversationId}/messages`, { text: `@${handle(ws.users.anna)} hi` })).status).toBe(201);
    expect((await anna.get<MentionList>('/api/mentions')).body.items).toEqual([]);
  });

  it('marks my mentions read, newest first, and tells my other consoles', async () => {
    const ws = await workspace(server);
    const [anna, mikko] = await Promise.all([ws.login(ws.users.anna), ws.login(ws.users.mikko)]);
    const annaTab = await connect(anna);
    const first = await inbound(server.url, ws.inbox, { contact: { externalId: 'm-1', name: 'Ida' }, text: 'One' });
    const second = await inbound(server.url, ws.inbox, { contact: { externalId: 'm-2', name: 'Olli' }, text: 'Two' });
    for (const id of [first.body.conversationId, second.body.conversationId]) {
      await mikko.post(`/api/conversations/${id}/messages`, { text: `@${handle(ws.users.anna)} look`, private: true });
    }
    const list = await anna.get<MentionList>('/api/mentions?limit=1');
    expect(list.body.items.map((i) => i.contactName)).toEqual(['Olli']);
    expect(list.body.unread).toBe(2);
    const older = await anna.get<MentionList>(`/api/mentions?limit=1&before=${list.body.nextCursor}`);
    expect(older.body.items.map((i) => i.contactName)).toEqual(['Ida']);

    // Someone else's ids are left alone.
    expect((await mikko.post('/api/mentions/read', { ids: [list.body.items[0]!.id] })).body).toEqual({ ids: [], unread: 0 });

    const read = await anna.post<{ ids: number[]; unread: number }>('/api/mentions/read', { conversationId: second.body.conversationId });
    expect(read.body).toEqual({ ids: [list.body.items[0]!.id], unread: 1 });
    await annaTab.until(() => annaTab.ofType('mention.read').some((e) => e.payload.unread === 1));
    expect((await anna.get<MentionList>('/api/mentions?unread=1')).body.items.map((i) => i.contactName)).toEqual(['Ida']);
    expect((await anna.post('/api/mentions/read', { all: true })).body).toMatchObject({ unread: 0 });
  });

  it('answers bad input with a clear error', async () => {
    const ws = await workspace(server);
    const anna = await ws.login(ws.users.anna);
    const bad = await anna.post<ErrorBody>('/api/mentions/read', { ids: ['x'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect((await anna.post<ErrorBody>('/api/mentions/read', { all: false })).status).toBe(400);
    expect((await anna.get<ErrorBody>('/api/mentions?limit=0')).body.error.code).toBe('invalid_query');
    expect((await fetch(`${server.url}/api/mentions`)).status).toBe(401);
  });
});
