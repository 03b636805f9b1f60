import { afterEach, describe, expect, it } from 'vitest';
import { authFor, customerMessage, makeInbox, makeUser, testApp } from '../../../../tests/factories/app.factory';
import type { SwitchboardApp } from '../app';

let app: SwitchboardApp;
afterEach(async () => app?.close());

async function setup() {
  app = testApp();
  const anna = await makeUser(app, 'agent', 'Anna');
  const outsider = await makeUser(app, 'lead', 'Outsider');
  const supervisor = await makeUser(app, 'supervisor', 'Sue');
  const inbox = makeInbox(app, [anna.id]);
  makeInbox(app, [outsider.id]);
  return { anna: authFor(app, anna), outsider: authFor(app, outsider), supervisor: authFor(app, supervisor), inbox };
}

describe('messages', () => {
  it('stores a reply once per clientId and returns the stored one on a repeat', async () => {
    const { anna, inbox } = await setup();
    const { conversationId } = app.messages.ingest(inbox.record, customerMessage());
    const first = app.messages.post(anna, conversationId, { text: 'Hi', private: false, clientId: 'client-0001' });
    const again = app.messages.post(anna, conversationId, { text: 'Hi (edited)', private: false, clientId: 'client-0001' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ message: first.message, created: false });
    expect(app.messages.list(anna, conversationId, undefined, 50).items).toHaveLength(2);
  });

  it('queues a delivery job for a reply but not for a private note', async () => {
    const { anna, inbox } = await setup();
    const { conversationId } = app.messages.ingest(inbox.record, customerMessage());
    const reply = app.messages.post(anna, conversationId, { text: 'Reply', private: false });
    const note = app.messages.post(anna, conversationId, { text: 'Note', private: true });
    expect(reply.message.status).toBe('queued');
    expect(note.message).toMatchObject({ status: 'sent', private: true, direction: 'outgoing' });
    expect(app.db.$client.prepare('SELECT payload FROM jobs').all()).toEqual([{ payload: JSON.stringify({ messageId: reply.message.id }) }]);
  });

  it('stores a customer’s message even when a hook on new conversations fails, without the hook’s writes or events', async () => {
    const { anna, inbox } = await setup();
    const seen: string[] = [];
    app.bus.subscribe((e) => seen.push(e.type));
    app.messages.onConversationStarted((events, started) => {
      app.db.$client.prepare("UPDATE conversations SET subject = 'half-written' WHERE id = ?").run(started.conversationId);
      events.record('inbox.updated', { inboxId: inbox.id }, { inboxId: inbox.id });
      throw new Error('hook broke');
    });
    const { conversationId } = app.messages.ingest(inbox.record, customerMessage({ text: 'Still here' }));
    expect(app.conversations.get(anna, conversationId).subject).toBeNull();
    expect(app.messages.list(anna, conversationId, undefined, 50).items.map((m) => m.text)).toEqual(['Still here']);
    expect(seen).toEqual(['conversation.created', 'message.created']);
  });

  it('ingests a provider message once and continues the contact’s open conversation', async () => {
    const { inbox } = await setup();
    const msg = customerMessage();
    const a = app.messages.ingest(inbox.record, msg);
    const b = app.messages.ingest(inbox.record, msg);
    const c = app.messages.ingest(inbox.record, customerMessage({ contact: msg.contact, text: 'again' }));
    expect(b).toEqual({ ...a, created: false });
    expect(c.conversationId).toBe(a.conversationId);
    expect(c.messageId).not.toBe(a.messageId);
  });

  it('keeps conversations of other inboxes out of reach of agents and leads but not supervisors', async () => {
    const { outsider, supervisor, inbox } = await setup();
    const { conversationId } = app.messages.ingest(inbox.record, customerMessage());
    expect(() => app.conversations.get(outsider, conversationId)).toThrow(/not found/);
    expect(() => app.messages.post(outsider, conversationId, { text: 'x', private: false })).toThrow(/not found/);
    expect(app.conversations.list(outsider, { limit: 50 }).items).toEqual([]);
    expect(app.conversations.get(supervisor, conversationId).id).toBe(conversationId);
  });

  it('finds conversations by words typed without diacritics', async () => {
    const { anna, inbox } = await setup();
    app.messages.ingest(inbox.record, customerMessage({ text: 'Zamówienie nie dotarło na czas' }));
    app.messages.ingest(inbox.record, customerMessage({ contact: { externalId: 'dk', name: 'Søren Ærø' }, text: 'Hej' }));
    const search = (q: string) => app.conversations.list(anna, { q, limit: 50 }).items.map((c) => c.contact.name);
    expect(search('zamowienie dotarlo')).toEqual(['Zofia Łukasik']);
    expect(search('soren')).toEqual(['Søren Ærø']);
    expect(search('lukasik')).toEqual(['Zofia Łukasik']);
    expect(search('nothing-like-this')).toEqual([]);
  });

  it('pages the conversation list by cursor without repeats or gaps', async () => {
    const { anna, inbox } = await setup();
    for (let i = 0; i < 7; i++) app.messages.ingest(inbox.record, customerMessage());
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = app.conversations.list(anna, { limit: 3, cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });
});

describe('sync', () => {
  it('replays only the events of inboxes the caller belongs to, in order', async () => {
    const { anna, outsider, inbox } = await setup();
    const { conversationId } = app.messages.ingest(inbox.record, customerMessage());
    app.messages.post(anna, conversationId, { text: 'Reply', private: false });
    const forAnna = app.sync.since(anna, 0);
    expect(forAnna.events.map((e) => e.type).filter((t) => t !== 'inbox.updated')).toEqual(['conversation.created', 'message.created', 'message.created', 'conversation.updated']);
    expect(forAnna.events.map((e) => e.seq)).toEqual([...forAnna.events.map((e) => e.seq)].sort((a, b) => a - b));
    expect(app.sync.since(outsider, 0).events.filter((e) => e.type.startsWith('message') || e.type.startsWith('conversation'))).toEqual([]);
    const tail = app.sync.since(anna, forAnna.seq);
    expect(tail).toEqual({ events: [], seq: forAnna.seq, hasMore: false });
  });

  it('pages a long replay with hasMore', async () => {
    const { anna, inbox } = await setup();
    for (let i = 0; i < 5; i++) app.messages.ingest(inbox.record, customerMessage());
    const page = app.sync.since(anna, 0, 4);
    expect(page.hasMore).toBe(true);
    expect(page.seq).toBe(page.events[3].seq);
  });

  it('announces events only after their transaction commits', async () => {
    const { inbox } = await setup();
    const seen: string[] = [];
    const count = () => app.db.$client.prepare('SELECT count(*) AS n FROM events').get();
    const before = count();
    app.bus.subscribe((e) => seen.push(e.type));
    expect(() => app.log.transact((events) => {
      events.record('inbox.updated', { inboxId: inbox.id }, { inboxId: inbox.id });
      throw new Error('rolled back');
    })).toThrow('rolled back');
    expect(seen).toEqual([]);
    expect(count()).toEqual(before);
  });
});
