import type { z } from 'zod';
import type { InboundInput } from '../../inbox/message.service';
import { MessagingEntry, MessagingEvent, type MessagingMessage } from './messaging-webhook.schema';
import { issueSummary, noEvents, type MetaEnvelope, type MetaEvents } from './meta-events';

export interface MessagingSource {
  /** The webhook `object` of the product: `page` (Messenger) or `instagram`. */
  object: string;
  /** When set, entries of other accounts are skipped (one app may serve several Pages). */
  accountId?: string;
  /** These webhooks carry no customer name; what to call the customer instead. */
  contactName: (senderId: string) => string;
}

/** Customer messages of a Messenger or Instagram webhook; echoes of our own sends are dropped. */
export function readMessagingEvents(envelope: MetaEnvelope, source: MessagingSource): MetaEvents {
  const events = noEvents();
  if (envelope.object !== source.object) {
    events.unreadable.push(`a webhook for "${envelope.object}", not "${source.object}"`);
    return events;
  }
  for (const rawEntry of envelope.entry) {
    const entry = MessagingEntry.safeParse(rawEntry);
    if (!entry.success) {
      events.unreadable.push(`entry: ${issueSummary(entry.error)}`);
      continue;
    }
    if (source.accountId && entry.data.id !== source.accountId) continue;
    for (const raw of entry.data.messaging ?? []) {
      const event = MessagingEvent.safeParse(raw);
      if (!event.success) events.unreadable.push(`messaging event: ${issueSummary(event.error)}`);
      else {
        const input = toInbound(event.data, source);
        if (input) events.messages.push(input);
      }
    }
  }
  return events;
}

function toInbound(event: MessagingEvent, source: MessagingSource): InboundInput | null {
  const contact = { externalId: event.sender.id, name: source.contactName(event.sender.id) };
  const { message, postback } = event;
  if (message) {
    // An echo is a message the Page sent (our own replies included): not the customer's.
    if (message.is_echo || message.is_deleted) return null;
    return { contact, externalMessageId: message.mid, text: messageText(message) };
  }
  if (postback) {
    const id = postback.mid ?? (event.timestamp ? `postback:${event.sender.id}:${event.timestamp}` : null);
    return id ? { contact, externalMessageId: id, text: postback.title } : null;
  }
  // Deliveries, reads, reactions, referrals, opt-ins: nothing for the thread.
  return null;
}

/**
 * Text and attachments as lines. Attachments stay links for now (`[image] https://...`); Meta's
 * URLs expire, so a later change may download them when they arrive.
 */
export function messageText(message: z.infer<typeof MessagingMessage>): string {
  const lines: string[] = [];
  if (message.text?.trim()) lines.push(message.text);
  for (const a of message.attachments ?? []) lines.push([`[${a.type}]`, a.payload?.title, a.payload?.url].filter(Boolean).join(' '));
  if (!lines.length) lines.push(message.is_unsupported ? '[unsupported message]' : '[empty message]');
  return lines.join('\n');
}
