import { afterEach, describe, expect, it } from 'vitest';
import { authFor, customerMessage, makeInbox, makeUser, testApp } from '../../../../tests/factories/app.factory';
import type { SwitchboardApp } from '../app';
import type { PublishedEvent } from '../events/event-bus';

let app: SwitchboardApp;
afterEach(async () => app?.close());

async function setup() {
  app = testApp();
  const anna = await makeUser(app, 'agent', 'Anna');
  const inbox = makeInbox(app, [anna.id]);
  const events: PublishedEvent[] = [];
  app.bus.subscribe((e) => events.push(e));
  return { anna: authFor(app, anna), inbox, events };
}

const announced = (events: PublishedEvent[], type: string) => events.filter((e) => e.type === type).map((e) => e.payload as Record<string, unknown>);

describe('an inbound customer message', () => {
  it('is announced exactly as it is stored and later read back', async () => {
    const { anna, inbox, events } = await setup();
    const { conversationId } = app.messages.ingest(inbox.record, customerMessage({ text: 'Paczka nie dotarła', html: '<p>Paczka nie dotarła</p>' }));
    const [created] = announced(events, 'message.created');
    const stored = app.messages.list(anna, conversationId, undefined, 50).items;
    expect(stored).toHaveLength(1);
    expect(created.message).toEqual(stored[0]);
  });

  it('carries its files in the announcement only when it came with files', async () => {
    const { anna, inbox, events } = await setup();
    const data = Buffer.from('%PDF-1.4 invoice');
    const { conversationId } = app.messages.ingest(inbox.record, customerMessage({ attachments: [{ filename: 'faktura.pdf', contentType: 'application/pdf', data }] }));
    app.messages.ingest(inbox.record, customerMessage({ text: 'and no file this time' }));
    const [withFile, without] = announced(events, 'message.created').map((p) => p.message as { attachments: { filename: string }[] });
    expect(withFile.attachments.map((a) => a.filename)).toEqual(['faktura.pdf']);
    expect(without.attachments).toEqual([]);
    expect(app.messages.list(anna, conversationId, undefined, 50).items[0].attachments).toEqual(withFile.attachments);
  });

  it('keeps the contact’s name and email current from what the channel sends', async () => {
    const { anna, inbox } = await setup();
    const first = app.messages.ingest(inbox.record, customerMessage({ contact: { externalId: 'wa-48600', name: 'Zofia' } }));
    app.messages.ingest(inbox.record, customerMessage({ contact: { externalId: 'wa-48600', name: 'Zofia Łukasik', email: 'zofia@example.pl' } }));
    app.messages.ingest(inbox.record, customerMessage({ contact: { externalId: 'wa-48600', name: 'Zofia Łukasik' } }));
    const detail = app.conversations.get(anna, first.conversationId);
    expect(detail.contact).toMatchObject({ name: 'Zofia Łukasik', email: 'zofia@example.pl' });
  });

  it('starts a new conversation after the last one was resolved, and reopens a snoozed one', async () => {
    const { anna, inbox, events } = await setup();
    const contact = { externalId: 'tg-7', name: 'Mikko' };
    const first = app.messages.ingest(inbox.record, customerMessage({ contact }));
    app.conversations.update(anna, first.conversationId, { status: 'resolved' });
    const second = app.messages.ingest(inbox.record, customerMessage({ contact }));
    expect(second.conversationId).not.toBe(first.conversationId);

    app.conversations.update(anna, second.conversationId, { status: 'snoozed', snoozedUntil: new Date(Date.now() + 3_600_000).toISOString() });
    events.length = 0;
    const third = app.messages.ingest(inbox.record, customerMessage({ contact }));
    expect(third.conversationId).toBe(second.conversationId);
    const [update] = announced(events, 'conversation.updated');
    expect(update.changes).toEqual(['lastMessage', 'status']);
    expect(update.conversation).toMatchObject({ status: 'open', snoozedUntil: null, lastMessagePreview: 'Hello' });
  });

  it('keeps threads of the same contact apart', async () => {
    const { inbox } = await setup();
    const contact = { externalId: 'mail-1', name: 'Søren' };
    const a = app.messages.ingest(inbox.record, customerMessage({ contact, threadId: 'order-1', subject: 'Order 1' }));
    const b = app.messages.ingest(inbox.record, customerMessage({ contact, threadId: 'order-2', subject: 'Order 2' }));
    const a2 = app.messages.ingest(inbox.record, customerMessage({ contact, threadId: 'order-1' }));
    expect(b.conversationId).not.toBe(a.conversationId);
    expect(a2.conversationId).toBe(a.conversationId);
  });

  it('continues the conversation the channel names only when it is in the same inbox', async () => {
    const { anna, inbox } = await setup();
    const other = makeInbox(app, [anna.user.id]);
    const elsewhere = app.messages.ingest(other.record, customerMessage());
    const here = app.messages.ingest(inbox.record, customerMessage({ conversationId: elsewhere.conversationId }));
    expect(here.conversationId).not.toBe(elsewhere.conversationId);
  });
});
