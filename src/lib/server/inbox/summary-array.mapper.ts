import type { ConversationSummary } from '$lib/shared/schemas/conversation';
import type { ChannelKind, ConversationStatus, Priority } from '$lib/shared/schemas/common';
import { NO_SLA } from '$lib/shared/schemas/sla';
import { slaSnapshot } from '../metrics/sla-snapshot';
import { iso, isoOrNull } from './conversation.mapper';

/**
 * The names of SUMMARY_COLUMNS in select order, for rows read as arrays (the conversation list:
 * better-sqlite3 spent more building 30-property row objects than running the query). A spec
 * checks them against the statement's columns, so the positions below cannot drift.
 */
export const SUMMARY_ARRAY_KEYS = [
  'id',
  'inboxId',
  'channel',
  'status',
  'snoozedUntil',
  'priority',
  'subject',
  'contactId',
  'contactName',
  'contactEmail',
  'assigneeId',
  'labels',
  'lastMessageAt',
  'lastMessagePreview',
  'lastIncomingAt',
  'incidentId',
  'escalatedAt',
  'escalatedBy',
  'escalationReason',
  'unread',
  'slaPolicyId',
  'slaPausedAt',
  'slaFirstResponseDueAt',
  'slaFirstResponseWarnAt',
  'slaFirstResponseMetAt',
  'slaFirstResponseBreachedAt',
  'slaResolutionDueAt',
  'slaResolutionWarnAt',
  'slaResolutionMetAt',
  'slaResolutionBreachedAt',
] as const;

type N = number | null;
export type SummaryArray = [
  id: number,
  inboxId: number,
  channel: ChannelKind,
  status: ConversationStatus,
  snoozedUntil: N,
  priority: Priority,
  subject: string | null,
  contactId: number,
  contactName: string,
  contactEmail: string | null,
  assigneeId: N,
  labels: string,
  lastMessageAt: number,
  lastMessagePreview: string,
  lastIncomingAt: N,
  incidentId: N,
  escalatedAt: N,
  escalatedBy: N,
  escalationReason: string | null,
  unread: number,
  slaPolicyId: N,
  slaPausedAt: N,
  slaFirstResponseDueAt: N,
  slaFirstResponseWarnAt: N,
  slaFirstResponseMetAt: N,
  slaFirstResponseBreachedAt: N,
  slaResolutionDueAt: N,
  slaResolutionWarnAt: N,
  slaResolutionMetAt: N,
  slaResolutionBreachedAt: N,
];

function slaOf(r: SummaryArray, now: number) {
  if (r[20] === null) return NO_SLA;
  const columns = {
    slaPolicyId: r[20],
    slaPausedAt: r[21],
    slaFirstResponseDueAt: r[22],
    slaFirstResponseWarnAt: r[23],
    slaFirstResponseMetAt: r[24],
    slaFirstResponseBreachedAt: r[25],
    slaResolutionDueAt: r[26],
    slaResolutionWarnAt: r[27],
    slaResolutionMetAt: r[28],
    slaResolutionBreachedAt: r[29],
  };
  return slaSnapshot(columns, r[3], now);
}

/** `toSummary` for a row read as an array: the same object, key for key. */
export function toSummaryFromArray(r: SummaryArray, now: number): ConversationSummary {
  const [id, inboxId, channel, status, snoozedUntil, priority, subject, contactId, contactName, contactEmail, assigneeId, labels] = r;
  const [lastMessageAt, lastMessagePreview, lastIncomingAt, incidentId, escalatedAt, escalatedBy, escalationReason, unread] = [r[12], r[13], r[14], r[15], r[16], r[17], r[18], r[19]];
  return {
    id,
    inboxId,
    channel,
    status,
    snoozedUntil: isoOrNull(snoozedUntil),
    priority,
    subject,
    contact: { id: contactId, name: contactName, email: contactEmail },
    assigneeId,
    labels: JSON.parse(labels) as string[],
    lastMessageAt: iso(lastMessageAt),
    lastMessagePreview,
    lastIncomingAt: isoOrNull(lastIncomingAt),
    incidentId,
    unread: unread === 1,
    sla: slaOf(r, now),
    escalation: escalatedAt === null ? null : { at: iso(escalatedAt), byId: escalatedBy, reason: escalationReason ?? '' },
  };
}
