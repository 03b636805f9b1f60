import type { ConversationSummary } from '$lib/shared/schemas/conversation';
import type { EmailMeta, Message, MessageAttachment } from '$lib/shared/schemas/message';
import type { ChannelKind, ConversationStatus, Priority } from '$lib/shared/schemas/common';
import type { messages } from '../db/schema';
import { SLA_COLUMNS, SLA_JOIN, slaSnapshot, type SlaColumns } from '../metrics/sla-snapshot';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms == null ? null : iso(ms));

/** Columns every conversation read selects, in the shape `toSummary` expects. */
export const SUMMARY_COLUMNS = `c.id, c.inbox_id AS inboxId, i.channel, c.status, c.snoozed_until AS snoozedUntil, c.priority,
  c.subject, c.contact_id AS contactId, ct.name AS contactName, ct.email AS contactEmail, c.assignee_id AS assigneeId,
  c.labels, c.last_message_at AS lastMessageAt, c.last_message_preview AS lastMessagePreview,
  c.last_incoming_at AS lastIncomingAt, c.incident_id AS incidentId,
  c.escalated_at AS escalatedAt, c.escalated_by AS escalatedBy, c.escalation_reason AS escalationReason,
  (c.last_incoming_at IS NOT NULL AND c.last_incoming_at > COALESCE(r.read_at, 0)) AS unread,
  ${SLA_COLUMNS}`;

/** Joins for SUMMARY_COLUMNS; the one parameter is the reading user's id (0 for nobody). */
export const SUMMARY_FROM = `conversations c
  JOIN contacts ct ON ct.id = c.contact_id
  JOIN inboxes i ON i.id = c.inbox_id
  LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = ?
  ${SLA_JOIN}`;

export interface SummaryRow extends SlaColumns {
  id: number;
  inboxId: number;
  channel: string;
  status: string;
  snoozedUntil: number | null;
  priority: string;
  subject: string | null;
  contactId: number;
  contactName: string;
  contactEmail: string | null;
  assigneeId: number | null;
  labels: string;
  lastMessageAt: number;
  lastMessagePreview: string;
  lastIncomingAt: number | null;
  incidentId: number | null;
  escalatedAt: number | null;
  escalatedBy: number | null;
  escalationReason: string | null;
  unread: number;
}

export function toSummary(row: SummaryRow): ConversationSummary {
  return {
    id: row.id,
    inboxId: row.inboxId,
    channel: row.channel as ChannelKind,
    status: row.status as ConversationStatus,
    snoozedUntil: isoOrNull(row.snoozedUntil),
    priority: row.priority as Priority,
    subject: row.subject,
    contact: { id: row.contactId, name: row.contactName, email: row.contactEmail },
    assigneeId: row.assigneeId,
    labels: JSON.parse(row.labels) as string[],
    lastMessageAt: iso(row.lastMessageAt),
    lastMessagePreview: row.lastMessagePreview,
    lastIncomingAt: isoOrNull(row.lastIncomingAt),
    incidentId: row.incidentId,
    unread: row.unread === 1,
    sla: slaSnapshot(row, row.status as ConversationStatus, Date.now()),
    escalation: row.escalatedAt === null ? null : { at: iso(row.escalatedAt), byId: row.escalatedBy, reason: row.escalationReason ?? '' },
  };
}

type MessageRow = typeof messages.$inferSelect;

/** What a message carries besides its own row (files, email envelope). */
export interface MessageExtras {
  attachments: MessageAttachment[];
  email: EmailMeta | null;
}

export const NO_EXTRAS: MessageExtras = { attachments: [], email: null };

/** Who wrote a message: an agent, the customer, the system (a line in the thread), or nobody known. */
export function messageAuthor(direction: Message['direction'], userId: number | null, contactId: number | null, name: string | null): Message['author'] {
  const type = userId != null ? 'user' : contactId != null ? 'contact' : direction === 'system' ? 'system' : null;
  return type ? { type, id: userId ?? contactId ?? null, name: name ?? '' } : null;
}

export function toMessage(row: MessageRow, authorName: string | null, extras: MessageExtras = NO_EXTRAS): Message {
  return {
    id: row.id,
    conversationId: row.conversationId,
    direction: row.direction,
    private: row.private,
    text: row.text,
    html: row.html,
    status: row.status,
    error: row.error,
    createdAt: iso(row.createdAt),
    author: messageAuthor(row.direction, row.authorUserId, row.authorContactId, authorName),
    clientId: row.clientId,
    externalId: row.externalId,
    event: row.event,
    eventData: row.eventData ?? null,
    attachments: extras.attachments,
    email: extras.email,
  };
}

export { iso, isoOrNull };
