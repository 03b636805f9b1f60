import { z } from 'zod';
import type { DeliveryReport, InboundInput } from '../../inbox/message.service';
import { issueSummary, noEvents, type MetaEnvelope, type MetaEvents } from './meta-events';
import { WaContact, WaEntry, WaMessage, WaStatus, WaValue } from './whatsapp-webhook.schema';

/** Statuses that are delivery steps; others (`deleted`, `warning`) are not. */
const DeliveryStep = z.enum(['sent', 'delivered', 'read', 'failed']);

/**
 * Customer messages and delivery statuses of a WhatsApp webhook. Changes for other phone numbers
 * of the same business account are skipped: they belong to another inbox.
 */
export function readWhatsAppEvents(envelope: MetaEnvelope, phoneNumberId: string): MetaEvents {
  const events = noEvents();
  if (envelope.object !== 'whatsapp_business_account') {
    events.unreadable.push(`a webhook for "${envelope.object}", not "whatsapp_business_account"`);
    return events;
  }
  for (const rawEntry of envelope.entry) {
    const entry = WaEntry.safeParse(rawEntry);
    if (!entry.success) {
      events.unreadable.push(`entry: ${issueSummary(entry.error)}`);
      continue;
    }
    for (const change of entry.data.changes) {
      if (change.field !== 'messages') continue;
      const value = WaValue.safeParse(change.value);
      if (!value.success) events.unreadable.push(`change: ${issueSummary(value.error)}`);
      else if (value.data.metadata.phone_number_id === phoneNumberId) readValue(value.data, events);
    }
  }
  return events;
}

function readValue(value: { contacts?: unknown[]; messages?: unknown[]; statuses?: unknown[] }, events: MetaEvents) {
  const names = new Map<string, string>();
  for (const raw of value.contacts ?? []) {
    const c = WaContact.safeParse(raw);
    if (c.success && c.data.profile?.name?.trim()) names.set(c.data.wa_id, c.data.profile.name.trim());
  }
  for (const raw of value.messages ?? []) {
    const m = WaMessage.safeParse(raw);
    if (!m.success) events.unreadable.push(`message: ${issueSummary(m.error)}`);
    else {
      const input = toInbound(m.data, names.get(m.data.from));
      if (input) events.messages.push(input);
    }
  }
  for (const raw of value.statuses ?? []) {
    const s = WaStatus.safeParse(raw);
    if (!s.success) events.unreadable.push(`status: ${issueSummary(s.error)}`);
    else {
      const step = DeliveryStep.safeParse(s.data.status);
      if (step.success) events.reports.push({ externalId: s.data.id, report: toReport(s.data, step.data) });
    }
  }
}

function toInbound(message: WaMessage, name: string | undefined): InboundInput | null {
  const text = whatsAppText(message);
  if (text === null) return null;
  // Without a profile name, the number itself (wa_id is the number without the +).
  return { contact: { externalId: message.from, name: name ?? `+${message.from}` }, externalMessageId: message.id, text };
}

/**
 * The message as text. Media stay WhatsApp media ids for now (`[image] WhatsApp media 123`), to
 * be fetched with the access token; a later change may download them when they arrive.
 */
export function whatsAppText(m: WaMessage): string | null {
  const media = m.image ?? m.video ?? m.audio ?? m.document ?? m.sticker;
  if (m.text) return m.text.body.trim() ? m.text.body : null;
  if (media) return [media.caption, `[${m.type}] ${media.filename ? `${media.filename}, ` : ''}WhatsApp media ${media.id}`].filter(Boolean).join('\n');
  if (m.location) {
    const { latitude, longitude, name, address } = m.location;
    return [`[location] ${latitude}, ${longitude}`, name, address].filter(Boolean).join(' — ');
  }
  if (m.button) return m.button.text;
  if (m.interactive?.button_reply) return m.interactive.button_reply.title;
  if (m.interactive?.list_reply) return [m.interactive.list_reply.title, m.interactive.list_reply.description].filter(Boolean).join(' — ');
  // An empty emoji removes an earlier reaction: nothing to add to the thread.
  if (m.reaction) return m.reaction.emoji ? `[reaction] ${m.reaction.emoji}` : null;
  if (m.contacts) return m.contacts.map((c) => ['[contact]', c.name?.formatted_name, ...(c.phones ?? []).map((p) => p.phone)].filter(Boolean).join(' ')).join('\n');
  return `[${m.type} message]`;
}

function toReport(s: WaStatus, step: z.infer<typeof DeliveryStep>): DeliveryReport {
  if (step !== 'failed') return { status: step };
  const e = s.errors?.[0];
  const error = e ? [e.code && `WhatsApp error ${e.code}`, e.message ?? e.title, e.error_data?.details].filter(Boolean).join(': ') : 'WhatsApp could not deliver the message';
  return { status: 'failed', error };
}
