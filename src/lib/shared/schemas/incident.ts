import { z } from 'zod';
import { ChannelKind } from './common';

export const severities = ['minor', 'major', 'critical'] as const;
export const Severity = z.enum(severities);
export type Severity = z.infer<typeof Severity>;

export const incidentStatuses = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const IncidentStatus = z.enum(incidentStatuses);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Component = z.string().trim().min(1).max(60);
/** A word or phrase found in a new conversation's first message or subject (case- and accent-blind). */
const Keyword = z.string().trim().min(2).max(60);

/**
 * Which new conversations an incident takes in. Every given kind of rule must hold (keyword AND
 * channel AND inbox); within a kind any one entry is enough. An incident without rules links
 * nothing by itself.
 */
export const IncidentMatch = z
  .object({
    keywords: z.array(Keyword).max(50).default([]),
    channels: z.array(ChannelKind).max(10).default([]),
    inboxIds: z.array(z.number().int().positive()).max(100).default([]),
  })
  .strict();
export type IncidentMatch = z.infer<typeof IncidentMatch>;

export const DeclareIncidentBody = z
  .object({
    title: Text(200),
    severity: Severity,
    /** What customers are told: status page, widget banner, acknowledgements. */
    message: Text(2000),
    internalNote: z.string().trim().max(5000).optional(),
    components: z.array(Component).max(20).default([]),
    match: IncidentMatch.optional(),
    autoAcknowledge: z.boolean().default(false),
  })
  .strict();
export type DeclareIncidentBody = z.infer<typeof DeclareIncidentBody>;

export const PostIncidentUpdateBody = z
  .object({
    status: IncidentStatus,
    message: Text(2000),
    /** Send the text to every open linked conversation over its own channel. */
    notifyLinked: z.boolean().default(false),
    /** Only with status `resolved`: resolve every linked conversation too. */
    resolveLinked: z.boolean().default(false),
  })
  .strict()
  .refine((b) => !b.resolveLinked || b.status === 'resolved', { message: 'resolveLinked needs status resolved', path: ['resolveLinked'] });
export type PostIncidentUpdateBody = z.infer<typeof PostIncidentUpdateBody>;

/** Leads may fix the declaration while it runs (title, severity, rules...), not its history. */
export const PatchIncidentBody = z
  .object({
    title: Text(200),
    severity: Severity,
    internalNote: z.string().trim().max(5000),
    components: z.array(Component).max(20),
    match: IncidentMatch,
    autoAcknowledge: z.boolean(),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type PatchIncidentBody = z.infer<typeof PatchIncidentBody>;

export const IncidentListQuery = z.object({ active: z.enum(['1', 'true', '0', 'false']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();

const Person = z.object({ id: z.number().int(), name: z.string() });

export const IncidentUpdate = z.object({
  id: z.number().int(),
  status: IncidentStatus,
  message: z.string(),
  author: Person.nullable(),
  notifyLinked: z.boolean(),
  resolveLinked: z.boolean(),
  createdAt: z.string(),
});
export type IncidentUpdate = z.infer<typeof IncidentUpdate>;

/** Sending one update (or the acknowledgements) to linked customers: where it stands. */
export const BroadcastProgress = z.object({
  updateId: z.number().int().nullable(),
  total: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  remaining: z.number().int(),
});
export type BroadcastProgress = z.infer<typeof BroadcastProgress>;

export const Incident = z.object({
  id: z.number().int(),
  title: z.string(),
  severity: Severity,
  status: IncidentStatus,
  /** The current customer-facing message (the latest update's, or the declaration's). */
  message: z.string(),
  internalNote: z.string().nullable(),
  components: z.array(z.string()),
  match: IncidentMatch,
  autoAcknowledge: z.boolean(),
  declaredBy: Person.nullable(),
  startedAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  linkedCount: z.number().int(),
  latestUpdate: IncidentUpdate.nullable(),
});
export type Incident = z.infer<typeof Incident>;

export const IncidentDetail = Incident.extend({
  updates: z.array(IncidentUpdate),
  broadcasts: z.array(BroadcastProgress),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const IncidentReport = z.object({
  incidentId: z.number().int(),
  title: z.string(),
  severity: Severity,
  startedAt: z.string(),
  resolvedAt: z.string().nullable(),
  durationSeconds: z.number().int(),
  timeToFirstUpdateSeconds: z.number().int().nullable(),
  linkedByChannel: z.array(z.object({ channel: ChannelKind, count: z.number().int() })),
  linkedTotal: z.number().int(),
  customersNotified: z.number().int(),
  messagesSent: z.number().int(),
  messagesFailed: z.number().int(),
  timeline: z.array(IncidentUpdate),
});
export type IncidentReport = z.infer<typeof IncidentReport>;

/**
 * Server-wide crisis settings: the components the public status page lists, and where declare,
 * update and resolve are announced (a Slack or Microsoft Teams incoming webhook).
 */
export const CrisisSettings = z
  .object({
    components: z.array(Component).max(50),
    webhookUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable(),
    webhookFormat: z.enum(['slack', 'teams']),
  })
  .strict();
export type CrisisSettings = z.infer<typeof CrisisSettings>;
