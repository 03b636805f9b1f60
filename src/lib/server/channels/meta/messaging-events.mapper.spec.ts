import { describe, expect, it } from 'vitest';
import { imageAttachment, messagingMessage, messagingWebhook } from '../../../../../tests/fixtures/meta-webhooks';
import { MetaEnvelope } from './meta-events';
import { readMessagingEvents, type MessagingSource } from './messaging-events.mapper';

const PAGE = '104857600000001';
const messenger: MessagingSource = { object: 'page', accountId: PAGE, contactName: (id) => `Messenger user …${id.slice(-4)}` };
const read = (payload: unknown, source = messenger) => readMessagingEvents(MetaEnvelope.parse(payload), source);

describe('Messenger and Instagram webhook mapping', () => {
  it('turns a text message into an inbound message keyed by its mid, from the sender’s PSID', () => {
    const event = messagingMessage({ accountId: PAGE, senderId: '6789012345671234', mid: 'm_abc', text: 'Hej, hvor er min pakke?' });
    expect(read(messagingWebhook('page', PAGE, [event]))).toEqual({
      messages: [{ contact: { externalId: '6789012345671234', name: 'Messenger user …1234' }, externalMessageId: 'm_abc', text: 'Hej, hvor er min pakke?' }],
      reports: [],
      unreadable: [],
    });
  });

  it('reads every event of every entry of a batch, and drops echoes', () => {
    const at = { accountId: PAGE, senderId: '111' };
    const payload = {
      object: 'page',
      entry: [
        { id: PAGE, time: 1, messaging: [messagingMessage({ ...at, text: 'one' }), messagingMessage({ ...at, text: 'echo', isEcho: true })] },
        { id: PAGE, time: 2, messaging: [messagingMessage({ ...at, text: 'two' }), messagingMessage({ ...at, text: 'three' })] },
      ],
    };
    expect(read(payload).messages.map((m) => m.text)).toEqual(['one', 'two', 'three']);
  });

  it('writes attachments as lines after the text, and names an attachment-only message by its attachments', () => {
    const url = 'https://scontent.xx.fbcdn.net/v/t1.15752-9/photo.jpg?oh=1';
    const withText = messagingMessage({ accountId: PAGE, senderId: '1', text: 'See photo', attachments: [imageAttachment(url)] });
    const only = messagingMessage({ accountId: PAGE, senderId: '1', attachments: [{ type: 'fallback', payload: { url: 'https://example.com/x', title: 'A link' } }, { type: 'audio', payload: null }] });
    expect(read(messagingWebhook('page', PAGE, [withText, only])).messages.map((m) => m.text)).toEqual([`See photo\n[image] ${url}`, '[fallback] A link https://example.com/x\n[audio]']);
  });

  it('turns a postback into the title of the tapped button', () => {
    const postback = { sender: { id: '1' }, recipient: { id: PAGE }, timestamp: 1700000000000, postback: { mid: 'm_pb', title: 'Talk to a human', payload: 'HUMAN' } };
    expect(read(messagingWebhook('page', PAGE, [postback])).messages).toEqual([{ contact: { externalId: '1', name: 'Messenger user …1' }, externalMessageId: 'm_pb', text: 'Talk to a human' }]);
  });

  it('ignores deliveries, reads and reactions without calling them unreadable', () => {
    const delivery = { sender: { id: '1' }, recipient: { id: PAGE }, delivery: { mids: ['m_1'], watermark: 1 } };
    const reaction = { sender: { id: '1' }, recipient: { id: PAGE }, timestamp: 1, reaction: { mid: 'm_1', action: 'react', emoji: '👍' } };
    expect(read(messagingWebhook('page', PAGE, [delivery, reaction]))).toEqual({ messages: [], reports: [], unreadable: [] });
  });

  it('skips entries of another Page and webhooks of another product', () => {
    const event = messagingMessage({ accountId: '999', senderId: '1', text: 'for the other page' });
    expect(read(messagingWebhook('page', '999', [event])).messages).toEqual([]);
    expect(read(messagingWebhook('instagram', PAGE, [event])).unreadable).toEqual(['a webhook for "instagram", not "page"']);
  });

  it('reports a malformed event as unreadable and still reads the others', () => {
    const good = messagingMessage({ accountId: PAGE, senderId: '1', text: 'fine' });
    const broken = { sender: { id: '1' }, recipient: { id: PAGE }, message: { text: 'no mid' } };
    const events = read(messagingWebhook('page', PAGE, [broken, good]));
    expect(events.messages.map((m) => m.text)).toEqual(['fine']);
    expect(events.unreadable).toEqual([expect.stringContaining('message.mid')]);
  });

  it('reads Instagram entries whatever account id they carry, and marks unsupported messages', () => {
    const instagram: MessagingSource = { object: 'instagram', contactName: () => 'Instagram user' };
    const event = { sender: { id: '2' }, recipient: { id: '17841400000000000' }, timestamp: 1, message: { mid: 'aWdfZAG', is_unsupported: true } };
    expect(read(messagingWebhook('instagram', '17841400000000000', [event]), instagram).messages.map((m) => m.text)).toEqual(['[unsupported message]']);
  });
});
