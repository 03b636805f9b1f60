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
  /** A file uploaded for a reply in this conversation (by Anna unless told). */
  const upload = (filename: string, by = anna.id, conversation = conversationId) => app.attachments.insert(inbox.id, conversation, null, { filename, contentType: 'application/pdf', data: Buffer.from(filename) }, by).id;
  return { anna: authFor(app, anna), piotr: authFor(app, piotr), conversationId, inbox, upload };
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

  it('keeps an email reply’s subject, Cc and files in the draft, on the same revision as the text', async () => {
    const { anna, conversationId, upload } = await setup();
    const file = upload('faktura.pdf');
    const saved = app.drafts.save(anna, conversationId, { kind: 'reply', text: 'W załączniku faktura', subject: 'Faktura 4711 ', cc: ['ksiegowosc@firma.pl'], attachmentIds: [file], baseRevision: 0 });
    expect(saved).toMatchObject({ ok: true, draft: { subject: 'Faktura 4711 ', cc: ['ksiegowosc@firma.pl'], attachments: [{ id: file, filename: 'faktura.pdf', contentType: 'application/pdf' }], revision: 1 } });
    // Only the subject changes: still a new revision.
    expect(app.drafts.save(anna, conversationId, { kind: 'reply', text: 'W załączniku faktura', subject: 'Faktura 4711', cc: ['ksiegowosc@firma.pl'], attachmentIds: [file], baseRevision: 1 })).toMatchObject({ ok: true, draft: { revision: 2 } });
    // Another device, still on revision 1, changes only the Cc: refused with the stored fields.
    const stale = app.drafts.save(anna, conversationId, { kind: 'reply', text: 'W załączniku faktura', subject: 'Faktura 4711 ', cc: ['szef@firma.pl'], attachmentIds: [file], baseRevision: 1 });
    expect(stale).toEqual({ ok: false, current: expect.objectContaining({ subject: 'Faktura 4711', cc: ['ksiegowosc@firma.pl'], revision: 2 }) });
    expect(app.drafts.get(anna, conversationId).reply).toMatchObject({ subject: 'Faktura 4711', cc: ['ksiegowosc@firma.pl'], attachments: [{ id: file }] });
  });

  it('refers only to the agent’s own files of this conversation that were not sent yet', async () => {
    const { anna, conversationId, inbox, upload } = await setup();
    const mine = upload('mine.pdf');
    const piotrs = upload('piotr.pdf', (await makeUser(app, 'agent', 'Piotr 2')).id);
    const elsewhere = upload('other.pdf', anna.user.id, app.messages.ingest(inbox.record, customerMessage()).conversationId);
    const saved = app.drafts.save(anna, conversationId, { kind: 'reply', text: 'x', attachmentIds: [piotrs, mine, elsewhere, 999_999], baseRevision: 0 });
    expect(saved).toMatchObject({ ok: true, draft: { attachments: [{ id: mine, filename: 'mine.pdf' }] } });
    // Sent with a note from elsewhere in the meantime: no longer part of the draft.
    const sentNote = app.messages.post(anna, conversationId, { text: 'Internal copy', private: true });
    app.attachments.claim(conversationId, sentNote.message.id, [mine]);
    expect(app.drafts.get(anna, conversationId).reply.attachments).toEqual([]);
  });

  it('clears the subject, Cc and files of the reply draft when the reply is sent', async () => {
    const { anna, conversationId, upload } = await setup();
    app.drafts.save(anna, conversationId, { kind: 'reply', text: 'Hej', subject: 'Din ordre', cc: ['chef@firma.dk'], attachmentIds: [upload('kvittering.pdf')], baseRevision: 0 });
    app.messages.post(anna, conversationId, { text: 'Hej', private: false });
    expect(app.drafts.get(anna, conversationId).reply).toEqual(expect.objectContaining({ text: '', subject: null, cc: [], attachments: [], revision: 2 }));
  });

  it('clears a draft that holds only email fields when the reply is sent', async () => {
    const { anna, conversationId } = await setup();
    app.drafts.save(anna, conversationId, { kind: 'reply', text: '', cc: ['chef@firma.dk'], baseRevision: 0 });
    app.messages.post(anna, conversationId, { text: 'Sent from the API', private: false });
    expect(app.drafts.get(anna, conversationId).reply).toMatchObject({ cc: [], revision: 2 });
  });
});
