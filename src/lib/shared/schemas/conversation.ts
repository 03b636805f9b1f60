import { z } from 'zod';
import { ChannelKind, ConversationStatus, Id, Label, Priority } from './common';
import { ConversationSla } from './sla';

export const ContactRef = z.object({ id: z.number().int(), name: z.string(), email: z.string().nullable() });

export const ConversationSummary = z.object({
  id: z.number().int(),
  inboxId: z.number().int(),
  channel: ChannelKind,
  status: ConversationStatus,
  snoozedUntil: z.string().nullable(),
  priority: Priority,
  subject: z.string().nullable(),
  contact: ContactRef,
  assigneeId: z.number().int().nullable(),
  labels: z.array(z.string()),
  lastMessageAt: z.string(),
  lastMessagePreview: z.string(),
  lastIncomingAt: z.string().nullable(),
  /** The incident this conversation is linked to (crisis mode), if any. */
  incidentId: z.number().int().nullable(),
  unread: z.boolean(),
  /** The SLA clock: due times and state (all null when no policy applies). */
  sla: ConversationSla,
  /** Escalated to the inbox's leads: when, by whom and why; null once a lead takes it. */
  escalation: z.object({ at: z.string(), byId: z.number().int().nullable(), reason: z.string() }).nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const ContactIdentity = z.object({ inboxId: z.number().int(), channel: ChannelKind, externalId: z.string(), display: z.string() });
export type ContactIdentity = z.infer<typeof ContactIdentity>;

export const Contact = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  /** The contact's ids on the channels of inboxes the caller can see; `display` is how agents read it. */
  identities: z.array(ContactIdentity),
  createdAt: z.string(),
});

/**
 * For channels that allow free-text replies only for a while after the customer's last message
 * (WhatsApp: 24 h): whether the window is open and when it closes. Null for other channels.
 */
export const ReplyWindow = z.object({ open: z.boolean(), closesAt: z.string().nullable() });
export type ReplyWindow = z.infer<typeof ReplyWindow>;

export const ConversationDetail = ConversationSummary.extend({
  createdAt: z.string(),
  updatedAt: z.string(),
  firstReplyAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  threadId: z.string().nullable(),
  contact: Contact,
  replyWindow: ReplyWindow.nullable(),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

const Assignee = z.union([z.literal('me'), z.literal('none'), Id]);

export const ConversationListQuery = z
  .object({
    status: ConversationStatus.optional(),
    inboxId: Id.optional(),
    channel: ChannelKind.optional(),
    assignee: Assignee.optional(),
    label: Label.optional(),
    priority: Priority.optional(),
    q: z.string().trim().max(200).optional(),
    unread: z.enum(['1', 'true']).optional(),
    /** Only conversations escalated to leads and not yet taken (the leads' "Escalated" view). */
    escalated: z.enum(['1', 'true']).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ConversationListQuery = z.infer<typeof ConversationListQuery>;

export const ConversationPage = z.object({ items: z.array(ConversationSummary), nextCursor: z.string().nullable() });

const SnoozeUntil = z.string().datetime({ offset: true });

export const PatchConversationBody = z
  .object({
    status: ConversationStatus,
    snoozedUntil: SnoozeUntil.nullable(),
    assigneeId: z.number().int().positive().nullable(),
    priority: Priority,
    labels: z.array(Label).max(20),
    subject: z.string().trim().max(300).nullable(),
    /** Link to an active incident, or null to unlink. */
    incidentId: z.number().int().positive().nullable(),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type PatchConversationBody = z.infer<typeof PatchConversationBody>;

export const BulkAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assign'), assigneeId: z.number().int().positive().nullable() }).strict(),
  z.object({ type: z.literal('status'), status: ConversationStatus, snoozedUntil: SnoozeUntil.optional() }).strict(),
  z.object({ type: z.literal('label'), add: z.array(Label).max(20).default([]), remove: z.array(Label).max(20).default([]) }).strict(),
  z.object({ type: z.literal('priority'), priority: Priority }).strict(),
]);
export type BulkAction = z.infer<typeof BulkAction>;

export const BulkBody = z.object({ ids: z.array(z.number().int().positive()).min(1).max(500), action: BulkAction }).strict();

export const BulkResult = z.object({
  updated: z.array(z.number().int()),
  failed: z.array(z.object({ id: z.number().int(), code: z.string(), message: z.string() })),
});

const ViewCount = z.object({ open: z.number().int(), unread: z.number().int() });

/** Badges: open conversations per view and inbox, and how many of them are unread for the caller. */
export const ConversationCounts = z.object({
  mine: ViewCount,
  unassigned: ViewCount,
  all: ViewCount,
  inboxes: z.array(ViewCount.extend({ inboxId: z.number().int() })),
});
export type ConversationCounts = z.infer<typeof ConversationCounts>;

export const LabelList = z.object({ items: z.array(z.object({ name: z.string(), count: z.number().int() })) });
export type LabelList = z.infer<typeof LabelList>;
