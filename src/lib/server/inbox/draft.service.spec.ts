import { afterEach, describe, expect, it } from 'vitest';
import type { PublishedEvent } from '../events/event-bus';
import { authFor, customerMessage, makeInbox, makeUser, testApp } from '../../../../tests/factories/app.factory';

let app = testApp();
afterEach(async () => {
  await app.close();
  app = testApp();
});

async function setup() {
  const anna = await makeUser(app, 'agent', 'Anna');
  const piotr = await makeUser(app, 'agent', 'Piotr');
  const inbox = makeInbox(app, [anna.id, piotr.id]);
  const { conversationId } = app.messages.ingest(inbox.record, customerMessage());
  return { anna: authFor(app, anna), piotr: authFor(app, piotr), conversationId };
}

describe('DraftService', () => {
  it('starts every conversation with empty drafts at revision 0', async () => {
    const { anna, conversationId } = await setup();
    const pair = app.drafts.get(anna, conversationId);
    expect(pair.reply).toMatchObject({ kind: 'reply', text: '', revision: 0, updatedAt: null });
    expect(pair.note).toMatchObject({ kind: 'note', text: '', revision: 0 });
  });

  it('saves on the current revision and refuses a stale one with the stored draft', async () => {
    const { anna, conversationId } = await setup();
    const first = app.drafts.save(anna, conversationId, { kind: 'reply', text: 'Hej', baseRevision: 0 });
    expect(first).toMatchObject({ ok: true, draft: { text: 'Hej', revision: 1 } });
    const laptop = app.drafts.save(anna, conversationId, { kind: 'reply', text: 'Hej Mette', baseRevision: 1 });
    expect(laptop).toMatchObject({ ok: true, draft: { revision: 2 } });
    const tablet = app.drafts.save(anna, conversationId, { kind: 'reply', text: 'Hej, tak', baseRevision: 1 });
    expect(tablet).toEqual({ ok: false, current: expect.objectContaining({ text: 'Hej Mette', revision: 2 }) });
    expect(app.drafts.get(anna, conversationId).reply.text).toBe('Hej Mette');
  });

  it('keeps each agent’s drafts and the reply and note apart', async () => {
    const { anna, piotr, conversationId } = await setup();
    app.drafts.save(anna, conversationId, { kind: 'reply', text: 'Anna’s reply', baseRevision: 0 });
    app.drafts.save(anna, conversationId, { kind: 'note', text: 'Anna’s note', subject: null, baseRevision: 0 });
    expect(app.drafts.get(piotr, conversationId).reply.text).toBe('');
    expect(app.drafts.get(anna, conversationId)).toMatchObject({ reply: { text: 'Anna’s reply' }, note: { text: 'Anna’s note' } });
  });

  it('does not bump the revision for a save that changes nothing', async () => {
    const { anna, conversationId } = await setup();
    app.drafts.save(anna, conversationId, { kind: 'reply', text: 'Same', cc: ['a@example.com'], baseRevision: 0 });
    const again = app.drafts.save(anna, conversationId, { kind: 'reply', text: 'Same', cc: ['a@example.com'], baseRevision: 1 });
    expect(again).toMatchObject({ ok: true, draft: { revision: 1 } });
  });

  it('clears the reply draft when the reply is sent, and tells only its author', async () => {
    const { anna, conversationId } = await setup();
    app.drafts.save(anna, conversationId, { kind: 'reply', text: 'Tak, już wysyłam', baseRevision: 0 });
    app.drafts.save(anna, conversationId, { kind: 'note', text: 'Check the invoice', baseRevision: 0 });
    const seen: PublishedEvent[] = [];
    app.bus.subscribe((e) => seen.push(e));
    app.messages.post(anna, conversationId, { text: 'Tak, już wysyłam', private: false });
    const pair = app.drafts.get(anna, conversationId);
    expect(pair.reply).toMatchObject({ text: '', revision: 2 });
    expect(pair.note.text).toBe('Check the invoice');
    const draftEvents = seen.filter((e) => e.type === 'draft.updated');
    expect(draftEvents).toHaveLength(1);
    expect(draftEvents[0]).toMatchObject({ userId: anna.user.id, inboxId: null, payload: { draft: { kind: 'reply', text: '', revision: 2 } } });
  });

  it('answers 404 for a conversation outside the agent’s inboxes', async () => {
    const { conversationId } = await setup();
    const outsider = authFor(app, await makeUser(app, 'agent', 'Outsider'));
    expect(() => app.drafts.get(outsider, conversationId)).toThrowError(/not found/);
    expect(() => app.drafts.save(outsider, conversationId, { kind: 'reply', text: 'x', baseRevision: 0 })).toThrowError(/not found/);
  });
});
