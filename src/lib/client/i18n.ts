/** Words for the product's enums, and system events worded in the interface's language. */
import * as m from '$lib/paraglide/messages';
import type { ChannelKind, ConversationStatus, PresenceStatus, Priority, Role } from '$lib/shared/schemas/common';
import type { DeliveryStatus, Message } from '$lib/shared/schemas/message';
import { formatDateTime } from './format';

// Record lookups, not switches: a new enum value fails type-checking here until it has words.
type Words<K extends string> = Record<K, () => string>;

const STATUS: Words<ConversationStatus> = { open: m.status_open, pending: m.status_pending, snoozed: m.status_snoozed, resolved: m.status_resolved };
const STATUS_FILTER: Words<ConversationStatus | 'any'> = {
  open: m.filter_open,
  pending: m.filter_pending,
  snoozed: m.filter_snoozed,
  resolved: m.filter_resolved,
  any: m.status_any,
};
const PRIORITY: Words<Priority> = { low: m.priority_low, normal: m.priority_normal, high: m.priority_high, urgent: m.priority_urgent };
// Product names stay as their makers write them in every language.
const CHANNEL: Words<ChannelKind> = {
  api: m.channel_api,
  email: m.channel_email,
  chat: m.channel_chat,
  messenger: () => 'Messenger',
  instagram: () => 'Instagram',
  whatsapp: () => 'WhatsApp',
  telegram: () => 'Telegram',
};
const ROLE: Words<Role> = { agent: m.role_agent, lead: m.role_lead, supervisor: m.role_supervisor, admin: m.role_admin };
const PRESENCE: Words<PresenceStatus> = { online: m.presence_online, away: m.presence_away, offline: m.presence_offline };
const DELIVERY: Words<DeliveryStatus> = {
  received: m.delivery_received,
  queued: m.delivery_queued,
  sent: m.delivery_sent,
  delivered: m.delivery_delivered,
  read: m.delivery_read,
  failed: m.delivery_failed,
};

/** One conversation's status ("Open", in Polish "Otwarta"). */
export const statusLabel = (s: ConversationStatus): string => STATUS[s]();
/** A status as a list filter ("Open" conversations, in Polish "Otwarte"). */
export const statusFilterLabel = (s: ConversationStatus | 'any'): string => STATUS_FILTER[s]();
export const priorityLabel = (p: Priority): string => PRIORITY[p]();
export const channelLabel = (c: ChannelKind): string => CHANNEL[c]();
export const roleLabel = (r: Role): string => ROLE[r]();
export const presenceLabel = (p: PresenceStatus): string => PRESENCE[p]();
export const deliveryLabel = (s: DeliveryStatus): string => DELIVERY[s]();

type EventData = NonNullable<Message['eventData']>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const reopened = (actor: string | null) => (actor ? m.system_reopened({ actor }) : m.system_reopened_auto());

/** Each system event in words, given its data and the acting user's name (null for automation). */
const SYSTEM_EVENTS: Record<string, (d: EventData, actor: string | null) => string> = {
  assigned: (d, actor) => (actor ? m.system_assigned({ actor, assignee: str(d.assigneeName) }) : m.system_assigned_auto({ assignee: str(d.assigneeName) })),
  unassigned: (_d, actor) => (actor ? m.system_unassigned({ actor }) : m.system_unassigned_auto()),
  resolved: (_d, actor) => (actor ? m.system_resolved({ actor }) : m.system_resolved_auto()),
  reopened: (_d, actor) => reopened(actor),
  open: (_d, actor) => reopened(actor),
  pending: (_d, actor) => m.system_pending({ actor: actor ?? 'Switchboard' }),
  snoozed: (d, actor) => m.system_snoozed({ actor: actor ?? 'Switchboard', until: typeof d.snoozedUntil === 'string' ? formatDateTime(d.snoozedUntil) : '' }),
  snooze_ended: () => m.system_snooze_ended(),
  priority: (d, actor) => m.system_priority({ actor: actor ?? 'Switchboard', priority: isPriority(d.priority) ? priorityLabel(d.priority) : str(d.priority) }),
  incident_linked: (d, actor) =>
    actor && !d.auto ? m.crisis_system_linked({ actor, id: String(d.incidentId ?? ''), title: str(d.incidentTitle) }) : m.crisis_system_linked_auto({ id: String(d.incidentId ?? ''), title: str(d.incidentTitle) }),
  escalated: (d, actor) => m.floor_system_escalated({ actor: actor ?? 'Switchboard', reason: str(d.reason) }),
  incident_unlinked: (d, actor) => (actor ? m.crisis_system_unlinked({ actor, id: String(d.incidentId ?? '') }) : m.crisis_system_unlinked_auto({ id: String(d.incidentId ?? '') })),
};

/** A system message in words: "Anna assigned this to Mikko", "Resolved by Anna", ...; unknown events keep the server's text. */
export function systemEventText(msg: Message): string {
  const d = msg.eventData ?? {};
  const actor = typeof d.actorName === 'string' && d.actorName ? d.actorName : null;
  const words = msg.event && Object.hasOwn(SYSTEM_EVENTS, msg.event) ? SYSTEM_EVENTS[msg.event] : null;
  return words ? words(d, actor) : msg.text;
}

function isPriority(v: unknown): v is Priority {
  return typeof v === 'string' && Object.hasOwn(PRIORITY, v);
}

export const LOCALE_NAMES: Record<'en' | 'pl' | 'fi' | 'da', string> = {
  en: 'English',
  pl: 'Polski',
  fi: 'Suomi',
  da: 'Dansk',
};
