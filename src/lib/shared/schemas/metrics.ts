import { z } from 'zod';
import { ChannelKind, PresenceStatus } from './common';
import { IncidentStatus, Severity } from './incident';

/** Live queue figures of one channel (or of all of them). */
export const LiveQueueFigures = z.object({
  open: z.number().int(),
  unassigned: z.number().int(),
  /** Open conversations whose latest public message is the customer's. */
  waiting: z.number().int(),
  /** How long the oldest unanswered customer message among the waiting ones has waited. */
  longestWaitSeconds: z.number().int(),
  /** Unresolved conversations whose SLA state is `warning`. */
  atRisk: z.number().int(),
  /** Unresolved conversations whose SLA state is `breached`. */
  breached: z.number().int(),
});
export type LiveQueueFigures = z.infer<typeof LiveQueueFigures>;

export const LiveChannelFigures = LiveQueueFigures.extend({ channel: ChannelKind });
export type LiveChannelFigures = z.infer<typeof LiveChannelFigures>;

export const LiveAgent = z.object({
  id: z.number().int(),
  name: z.string(),
  status: PresenceStatus,
  /** Open conversations assigned to the agent. */
  load: z.number().int(),
  capacity: z.number().int(),
});
export type LiveAgent = z.infer<typeof LiveAgent>;

export const CsatFigure = z.object({
  /** Mean of the ratings (1-5) given in the period; null when there were none. */
  average: z.number().nullable(),
  responses: z.number().int(),
});
export type CsatFigure = z.infer<typeof CsatFigure>;

export const TodayFigures = z.object({
  firstResponseMedianSeconds: z.number().int().nullable(),
  resolutionMedianSeconds: z.number().int().nullable(),
  resolved: z.number().int(),
  csat: CsatFigure,
  /** Conversations opened per hour of today (24 entries, server time zone). */
  volumeByHour: z.array(z.number().int()).length(24),
  /** Median first response (seconds) per hour of today, by the hour of the reply; null where none. */
  firstResponseByHour: z.array(z.number().int().nullable()).length(24),
});
export type TodayFigures = z.infer<typeof TodayFigures>;

export const LiveIncident = z.object({ id: z.number().int(), title: z.string(), severity: Severity, status: IncidentStatus, startedAt: z.string() });

/** `GET /api/metrics/live` and the `metrics.live` socket event carry this. */
export const LiveMetrics = z.object({
  channels: z.array(LiveChannelFigures),
  totals: LiveQueueFigures,
  agents: z.array(LiveAgent),
  today: TodayFigures,
  incident: LiveIncident.nullable(),
  /** When the figures were computed (wait times grow from here). */
  generatedAt: z.string(),
  /** `all` for supervisors and admins; `team` for a lead's own teams and inboxes. */
  scope: z.enum(['all', 'team']),
});
export type LiveMetrics = z.infer<typeof LiveMetrics>;

/** Socket command `wallboard:join`: no options; the server derives the scope from the caller. */
export const WallboardJoinCommand = z.object({}).strict();

// ---- Reports ---------------------------------------------------------------------------------

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a real date');
const OptionalId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional();

/** `GET /api/reports` and `/api/reports/export.csv`: whole days in the server's time zone, both ends included. */
export const ReportQuery = z
  .object({
    from: LocalDate,
    to: LocalDate,
    inboxId: OptionalId,
    channel: ChannelKind.optional(),
    agentId: OptionalId,
    teamId: OptionalId,
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`) <= 366 * 86_400_000, { message: 'at most 366 days at once', path: ['to'] });
export type ReportQuery = z.infer<typeof ReportQuery>;

export const DurationStats = z.object({
  count: z.number().int(),
  medianSeconds: z.number().int().nullable(),
  p90Seconds: z.number().int().nullable(),
});
export type DurationStats = z.infer<typeof DurationStats>;

export const Report = z.object({
  from: z.string(),
  to: z.string(),
  /** Conversations started in the range. */
  opened: z.number().int(),
  /** Times a conversation was resolved in the range (a reopened one resolved again counts again). */
  resolved: z.number().int(),
  /** Of first replies given in the range (business time where an SLA policy with hours applies). */
  firstResponse: DurationStats,
  /** From the conversation's start to each resolve in the range. */
  resolution: DurationStats,
  /** SLA targets of conversations started in the range that were met or breached (running ones are left out). */
  sla: z.object({ met: z.number().int(), breached: z.number().int(), rate: z.number().nullable() }),
  csat: CsatFigure,
  messagesPerAgent: z.array(z.object({ agentId: z.number().int(), name: z.string(), messages: z.number().int() })),
  /** Customer messages by hour of day (server time zone), 24 entries. */
  busiestHours: z.array(z.number().int()).length(24),
  daily: z.array(z.object({ date: z.string(), opened: z.number().int(), resolved: z.number().int() })),
});
export type Report = z.infer<typeof Report>;

/** What the report filters offer the caller: inboxes, agents and teams in their scope. */
export const ReportFilterOptions = z.object({
  inboxes: z.array(z.object({ id: z.number().int(), name: z.string(), channel: ChannelKind })),
  agents: z.array(z.object({ id: z.number().int(), name: z.string() })),
  teams: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type ReportFilterOptions = z.infer<typeof ReportFilterOptions>;
