import { describe, expect, it } from 'vitest';
import { Outbox, type OutboxEvents } from './outbox';
import type { OfflineDb } from './offline-db';
import { FakeMessageServer, freshDb } from './offline.factory';

function outbox(db: OfflineDb, server: FakeMessageServer) {
  const sent: string[] = [];
  const events: OutboxEvents = { sent: (item) => sent.push(item.clientId), changed: () => undefined };
  return { box: new Outbox(db, server.send, events), sent };
}

const reply = (clientId: string, text: string) => ({ text, private: false, clientId });

describe('Outbox', () => {
  it('sends queued replies in the order they were written, each once', async () => {
    const db = await freshDb();
    const server = new FakeMessageServer();
    const { box } = outbox(db, server);
    server.online = false;
    for (const [id, text] of [['a', 'First'], ['b', 'Second'], ['c', 'Third']]) await box.enqueue(7, reply(id, text));
    await box.flush();
    expect(server.stored).toEqual([]);
    server.online = true;
    await box.flush();
    expect(server.stored.map((m) => m.text)).toEqual(['First', 'Second', 'Third']);
    expect(await box.items()).toEqual([]);
  });

  it('stops at the first network failure so that later replies never overtake it', async () => {
    const db = await freshDb();
    const server = new FakeMessageServer();
    const { box } = outbox(db, server);
    server.online = false;
    await box.enqueue(1, reply('a', 'One'));
    await box.enqueue(1, reply('b', 'Two'));
    await box.flush();
    expect(server.calls).toBe(1);
    const [first] = await box.items();
    expect(first).toMatchObject({ clientId: 'a', state: 'pending', attempts: 1, error: 'network' });
  });

  it('keeps queued replies across a reload of the page', async () => {
    const db = await freshDb();
    const server = new FakeMessageServer();
    server.online = false;
    await outbox(db, server).box.enqueue(3, reply('a', 'Survives'));
    server.online = true;
    const afterReload = outbox(db, server);
    await afterReload.box.flush();
    expect(server.stored.map((m) => m.text)).toEqual(['Survives']);
    expect(afterReload.sent).toEqual(['a']);
  });

  it('marks a refused reply failed with the reason, sends the rest, and retries it with the same id', async () => {
    const db = await freshDb();
    const server = new FakeMessageServer();
    server.refuse = /window/;
    const { box } = outbox(db, server);
    await box.enqueue(1, reply('a', 'After the window'));
    await box.enqueue(1, reply('b', 'Fine'));
    await box.flush();
    expect(server.stored.map((m) => m.text)).toEqual(['Fine']);
    expect(await box.items()).toEqual([expect.objectContaining({ clientId: 'a', state: 'failed', error: 'the channel refused it' })]);
    // A failed reply waits for the agent: a plain flush does not resend it.
    await box.flush();
    expect(server.calls).toBe(2);
    server.refuse = null;
    await box.retry('a');
    expect(server.stored.map((m) => m.clientId)).toEqual(['b', 'a']);
  });

  it('forgets a discarded reply', async () => {
    const db = await freshDb();
    const server = new FakeMessageServer();
    server.online = false;
    const { box } = outbox(db, server);
    await box.enqueue(1, reply('a', 'Never mind'));
    await box.discard('a');
    server.online = true;
    await box.flush();
    expect(server.stored).toEqual([]);
  });

  it('delivers each reply once when two tabs flush the same outbox at once', async () => {
    const db = await freshDb();
    const server = new FakeMessageServer();
    const tabA = outbox(db, server).box;
    const tabB = outbox(db, server).box;
    server.online = false;
    for (const id of ['a', 'b', 'c', 'd']) await tabA.enqueue(5, reply(id, `Reply ${id}`));
    server.online = true;
    await Promise.all([tabA.flush(), tabB.flush(), tabA.flush()]);
    expect(server.stored.map((m) => m.clientId)).toEqual(['a', 'b', 'c', 'd']);
    expect(await tabA.items()).toEqual([]);
  });

  it('runs one flush at a time in a tab and goes round again for calls made meanwhile', async () => {
    const db = await freshDb();
    const server = new FakeMessageServer();
    const { box } = outbox(db, server);
    await box.enqueue(1, reply('a', 'One'));
    const running = box.flush();
    await box.enqueue(1, reply('b', 'Two'));
    const second = box.flush();
    expect(second).toBe(running);
    await second;
    expect(server.stored.map((m) => m.text)).toEqual(['One', 'Two']);
  });

  it('keeps the order of replies written in quick succession and reports the full list last', async () => {
    const db = await freshDb();
    const server = new FakeMessageServer();
    server.online = false;
    const reported: number[] = [];
    const box = new Outbox(db, server.send, { sent: () => undefined, changed: (items) => reported.push(items.length) });
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => box.enqueue(2, reply(id, `Reply ${id}`))));
    const items = await box.items();
    expect(new Set(items.map((i) => i.order)).size).toBe(4);
    expect(reported.at(-1)).toBe(4);
    server.online = true;
    await box.flush();
    expect(server.stored.map((m) => m.clientId)).toEqual(items.map((i) => i.clientId));
  });
});
