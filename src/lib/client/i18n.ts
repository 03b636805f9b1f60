/** Words for the product's enums, and system events worded in the interface's language. */
import * as m from '$lib/paraglide/messages';
import type { ChannelKind, ConversationStatus, PresenceStatus, Priority, Role } from '$lib/shared/schemas/common';
import type { DeliveryStatus, Message } from '$lib/shared/schemas/message';
import { formatDateTime } from './format';

/** One conversation's status ("Open", in Polish "Otwarta"). */
export function statusLabel(s: ConversationStatus): string {
  switch (s) {
    case 'open':
      return m.status_open();
    case 'pending':
      return m.status_pending();
    case 'snoozed':
      return m.status_snoozed();
    case 'resolved':
      return m.status_resolved();
  }
}

/** A status as a list filter ("Open" conversations, in Polish "Otwarte"). */
export function statusFilterLabel(s: ConversationStatus | 'any'): string {
  switch (s) {
    case 'open':
      return m.filter_open();
    case 'pending':
      return m.filter_pending();
    case 'snoozed':
      return m.filter_snoozed();
    case 'resolved':
      return m.filter_resolved();
    case 'any':
      return m.status_any();
  }
}

export function priorityLabel(p: Priority): string {
  switch (p) {
    case 'low':
      return m.priority_low();
    case 'normal':
      return m.priority_normal();
    case 'high':
      return m.priority_high();
    case 'urgent':
      return m.priority_urgent();
  }
}

export function channelLabel(c: ChannelKind): string {
  switch (c) {
    case 'api':
      return m.channel_api();
    case 'email':
      return m.channel_email();
    case 'chat':
      return m.channel_chat();
    case 'messenger':
      return 'Messenger';
    case 'instagram':
      return 'Instagram';
    case 'whatsapp':
      return 'WhatsApp';
    case 'telegram':
      return 'Telegram';
  }
}

export function roleLabel(r: Role): string {
  switch (r) {
    case 'agent':
      return m.role_agent();
    case 'lead':
      return m.role_lead();
    case 'supervisor':
      return m.role_supervisor();
    case 'admin':
      return m.role_admin();
  }
}

export function presenceLabel(p: PresenceStatus): string {
  switch (p) {
    case 'online':
      return m.presence_online();
    case 'away':
      return m.presence_away();
    case 'offline':
      return m.presence_offline();
  }
}

export function deliveryLabel(s: DeliveryStatus): string {
  switch (s) {
    case 'received':
      return m.delivery_received();
    case 'queued':
      return m.delivery_queued();
    case 'sent':
      return m.delivery_sent();
    case 'delivered':
      return m.delivery_delivered();
    case 'read':
      return m.delivery_read();
    case 'failed':
      return m.delivery_failed();
  }
}

/** A system message in words: "Anna assigned this to Mikko", "Resolved by Anna", ... */
export function systemEventText(msg: Message): string {
  const d = msg.eventData ?? {};
  const actor = typeof d.actorName === 'string' && d.actorName ? d.actorName : null;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (msg.event) {
    case 'assigned':
      return actor ? m.system_assigned({ actor, assignee: str(d.assigneeName) }) : m.system_assigned_auto({ assignee: str(d.assigneeName) });
    case 'unassigned':
      return actor ? m.system_unassigned({ actor }) : m.system_unassigned_auto();
    case 'resolved':
      return actor ? m.system_resolved({ actor }) : m.system_resolved_auto();
    case 'reopened':
      return actor ? m.system_reopened({ actor }) : m.system_reopened_auto();
    case 'open':
      return actor ? m.system_reopened({ actor }) : m.system_reopened_auto();
    case 'pending':
      return m.system_pending({ actor: actor ?? 'Switchboard' });
    case 'snoozed': {
      const until = typeof d.snoozedUntil === 'string' ? formatDateTime(d.snoozedUntil) : '';
      return m.system_snoozed({ actor: actor ?? 'Switchboard', until });
    }
    case 'snooze_ended':
      return m.system_snooze_ended();
    case 'priority':
      return m.system_priority({ actor: actor ?? 'Switchboard', priority: isPriority(d.priority) ? priorityLabel(d.priority) : str(d.priority) });
    default:
      return msg.text;
  }
}

function isPriority(v: unknown): v is Priority {
  return v === 'low' || v === 'normal' || v === 'high' || v === 'urgent';
}

export const LOCALE_NAMES: Record<'en' | 'pl' | 'fi' | 'da', string> = {
  en: 'English',
  pl: 'Polski',
  fi: 'Suomi',
  da: 'Dansk',
};
