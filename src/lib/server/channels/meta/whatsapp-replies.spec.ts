import { afterEach, describe, expect, it } from 'vitest';
import { authFor, customerMessage, makeUser, testApp } from '../../../../../tests/factories/app.factory';
import type { SwitchboardApp } from '../../app';
import { WHATSAPP_WINDOW_MS } from './whatsapp-window';

let app: SwitchboardApp;
afterEach(async () => app?.close());

async function setup() {
  app = testApp();
  const admin = authFor(app, await makeUser(app, 'admin', 'Ada'));
  const created = app.inboxes.create({
    name: 'WhatsApp',
    channel: 'whatsapp',
    settings: { appSecret: 'secret-123', verifyToken: 'verify-123', accessToken: 'EAAG-token', phoneNumberId: '106540352242922' },
  });
  const inbox = app.inboxes.record(created.id);
  const { conversationId } = app.messages.ingest(inbox, customerMessage({ contact: { externalId: '358401234567', name: 'Aino' } }));
  const lastIncomingAt = (at: number) => app.db.$client.prepare('UPDATE conversations SET last_incoming_at = ? WHERE id = ?').run(at, conversationId);
  const jobs = () => app.db.$client.prepare('SELECT count(*) AS n FROM jobs').get() as { n: number };
  return { admin, inbox, conversationId, lastIncomingAt, jobs };
}

describe('WhatsApp replies through the message service', () => {
  it('shows the reply window on the conversation', async () => {
    const { admin, conversationId, lastIncomingAt } = await setup();
    const at = Date.now() - 3600_000;
    lastIncomingAt(at);
    expect(app.conversations.get(admin, conversationId).replyWindow).toEqual({ open: true, closesAt: new Date(at + WHATSAPP_WINDOW_MS).toISOString() });
  });

  it('refuses a reply after the window before storing or queueing anything, but takes a private note', async () => {
    const { admin, conversationId, lastIncomingAt, jobs } = await setup();
    lastIncomingAt(Date.now() - WHATSAPP_WINDOW_MS - 1000);
    expect(() => app.messages.post(admin, conversationId, { text: 'Still there?', private: false })).toThrow(expect.objectContaining({ status: 409, code: 'whatsapp_window_closed' }));
    expect(app.messages.list(admin, conversationId, undefined, 50).items).toHaveLength(1);
    expect(jobs().n).toBe(0);
    expect(app.messages.post(admin, conversationId, { text: 'Went quiet', private: true }).created).toBe(true);
  });

  it('returns an already stored reply for a repeated clientId even after the window closed', async () => {
    const { admin, conversationId, lastIncomingAt } = await setup();
    const first = app.messages.post(admin, conversationId, { text: 'Hi', private: false, clientId: 'outbox-000001' });
    lastIncomingAt(Date.now() - 2 * WHATSAPP_WINDOW_MS);
    expect(app.messages.post(admin, conversationId, { text: 'Hi', private: false, clientId: 'outbox-000001' })).toEqual({ message: first.message, created: false });
  });

  it('applies delivery reports by provider id, only forwards, and ignores unknown ids', async () => {
    const { admin, inbox, conversationId } = await setup();
    const { message } = app.messages.post(admin, conversationId, { text: 'Hi', private: false });
    app.messages.setDelivery(message.id, { status: 'sent', externalId: 'wamid.1' });
    const status = () => app.messages.list(admin, conversationId, undefined, 50).items.find((m) => m.id === message.id)?.status;

    expect(app.messages.reportDelivery(inbox.id, 'wamid.1', { status: 'read' })).toBe('updated');
    expect(app.messages.reportDelivery(inbox.id, 'wamid.1', { status: 'delivered' })).toBe('unchanged');
    expect(app.messages.reportDelivery(inbox.id, 'wamid.1', { status: 'failed', error: 'late' })).toBe('unchanged');
    expect(status()).toBe('read');
    expect(app.messages.reportDelivery(inbox.id, 'wamid.unknown', { status: 'read' })).toBe('unknown');
    expect(app.messages.reportDelivery(inbox.id + 1, 'wamid.1', { status: 'read' })).toBe('unknown');
  });

  it('marks a sent reply failed with the reason, and never touches the customer’s own messages', async () => {
    const { admin, inbox, conversationId } = await setup();
    const { message } = app.messages.post(admin, conversationId, { text: 'Hi', private: false });
    app.messages.setDelivery(message.id, { status: 'sent', externalId: 'wamid.2' });
    expect(app.messages.reportDelivery(inbox.id, 'wamid.2', { status: 'failed', error: 'WhatsApp error 131026' })).toBe('updated');
    const failed = app.messages.list(admin, conversationId, undefined, 50).items.find((m) => m.id === message.id);
    expect(failed).toMatchObject({ status: 'failed', error: 'WhatsApp error 131026' });
    const incoming = app.messages.list(admin, conversationId, undefined, 50).items[0];
    expect(app.messages.reportDelivery(inbox.id, incoming.externalId!, { status: 'read' })).toBe('unknown');
  });
});
