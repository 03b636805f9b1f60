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
