import { describe, expect, it } from 'vitest';
import { whatsappContact, whatsappStatus, whatsappText, whatsappWebhook } from '../../../../../tests/fixtures/meta-webhooks';
import { MetaEnvelope } from './meta-events';
import { readWhatsAppEvents, whatsAppText } from './whatsapp-events.mapper';
import { WaMessage } from './whatsapp-webhook.schema';

const PHONE = '106540352242922';
const read = (payload: unknown) => readWhatsAppEvents(MetaEnvelope.parse(payload), PHONE);
const text = (message: Record<string, unknown>) => whatsAppText(WaMessage.parse({ from: '1', id: 'wamid.1', ...message }));

describe('WhatsApp webhook mapping', () => {
  it('turns a text message into an inbound message from the wa_id, named from the contacts block', () => {
    const payload = whatsappWebhook(PHONE, { contacts: [whatsappContact('4520123456', 'Mette Sørensen')], messages: [whatsappText({ from: '4520123456', id: 'wamid.HBg', text: 'Hej!' })] });
    expect(read(payload)).toEqual({
      messages: [{ contact: { externalId: '4520123456', name: 'Mette Sørensen' }, externalMessageId: 'wamid.HBg', text: 'Hej!' }],
      reports: [],
      unreadable: [],
    });
  });

  it('names a customer without a profile by the number', () => {
    expect(read(whatsappWebhook(PHONE, { messages: [whatsappText({ from: '48600100200', text: 'x' })] })).messages[0].contact.name).toBe('+48600100200');
  });

  it('turns sent, delivered, read and failed statuses into delivery reports, and ignores other statuses', () => {
    const s = (status: string, errors?: unknown[]) => whatsappStatus({ id: `wamid.${status}`, status, recipient: '1', errors });
    const errors = [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' } }];
    const events = read(whatsappWebhook(PHONE, { statuses: [s('sent'), s('delivered'), s('read'), s('failed', errors), s('deleted')] }));
    expect(events.reports).toEqual([
      { externalId: 'wamid.sent', report: { status: 'sent' } },
      { externalId: 'wamid.delivered', report: { status: 'delivered' } },
      { externalId: 'wamid.read', report: { status: 'read' } },
      { externalId: 'wamid.failed', report: { status: 'failed', error: expect.stringMatching(/^WhatsApp error 131047: Re-engagement message: Message failed to send because more than 24 hours/) } },
    ]);
  });

  it('skips changes of another phone number of the business account, and fields other than messages', () => {
    const other = whatsappWebhook('999', { messages: [whatsappText({ from: '1', text: 'not ours' })] });
    const template = { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED' } }] }] };
    expect(read(other).messages).toEqual([]);
    expect(read(template)).toEqual({ messages: [], reports: [], unreadable: [] });
  });

  it('keeps a broken message out and reads the rest of the batch', () => {
    const events = read(whatsappWebhook(PHONE, { messages: [{ from: '1', type: 'text' }, whatsappText({ from: '1', text: 'ok' })] }));
    expect(events.messages.map((m) => m.text)).toEqual(['ok']);
    expect(events.unreadable).toEqual([expect.stringContaining('id')]);
  });

  it('writes media as their caption and WhatsApp media id, for a later download', () => {
    expect(text({ type: 'image', image: { id: '1479537139650973', mime_type: 'image/jpeg', sha256: 'x', caption: 'Broken lid' } })).toBe('Broken lid\n[image] WhatsApp media 1479537139650973');
    expect(text({ type: 'document', document: { id: '77', filename: 'faktura.pdf', mime_type: 'application/pdf' } })).toBe('[document] faktura.pdf, WhatsApp media 77');
  });

  it('writes locations, buttons, list replies, contacts and reactions as text, and drops a removed reaction', () => {
    expect(text({ type: 'location', location: { latitude: 60.1699, longitude: 24.9384, name: 'Kauppatori', address: 'Helsinki' } })).toBe('[location] 60.1699, 24.9384 — Kauppatori — Helsinki');
    expect(text({ type: 'button', button: { text: 'Yes, reschedule', payload: 'RESCHEDULE' } })).toBe('Yes, reschedule');
    expect(text({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'l1', title: 'Returns', description: 'Send something back' } } })).toBe('Returns — Send something back');
    expect(text({ type: 'contacts', contacts: [{ name: { formatted_name: 'Jens Ærø' }, phones: [{ phone: '+45 20 12 34 56' }] }] })).toBe('[contact] Jens Ærø +45 20 12 34 56');
    expect(text({ type: 'reaction', reaction: { message_id: 'wamid.x', emoji: '👍' } })).toBe('[reaction] 👍');
    expect(text({ type: 'reaction', reaction: { message_id: 'wamid.x', emoji: '' } })).toBeNull();
    expect(text({ type: 'unsupported', errors: [{ code: 131051 }] })).toBe('[unsupported message]');
  });
});
