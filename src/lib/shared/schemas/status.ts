import { z } from 'zod';
import { IncidentStatus, Severity } from './incident';

/**
 * The public status page's data (`/status.json`, and what `/status` and `/status/feed.atom`
 * show): customer-facing texts only, never internal notes or who wrote an update.
 */
export const componentStatuses = ['operational', 'degraded_performance', 'partial_outage', 'major_outage'] as const;
export const ComponentStatus = z.enum(componentStatuses);
export type ComponentStatus = z.infer<typeof ComponentStatus>;

export const statusIndicators = ['none', 'minor', 'major', 'critical'] as const;
export const StatusIndicator = z.enum(statusIndicators);
export type StatusIndicator = z.infer<typeof StatusIndicator>;

export const PublicIncidentUpdate = z.object({ id: z.number().int(), status: IncidentStatus, message: z.string(), createdAt: z.string() });
export type PublicIncidentUpdate = z.infer<typeof PublicIncidentUpdate>;

export const PublicIncident = z.object({
  id: z.number().int(),
  title: z.string(),
  severity: Severity,
  status: IncidentStatus,
  startedAt: z.string(),
  resolvedAt: z.string().nullable(),
  updatedAt: z.string(),
  components: z.array(z.string()),
  /** Newest first. */
  updates: z.array(PublicIncidentUpdate),
});
export type PublicIncident = z.infer<typeof PublicIncident>;

export const StatusComponent = z.object({ name: z.string(), status: ComponentStatus });
export type StatusComponent = z.infer<typeof StatusComponent>;

export const StatusDocument = z.object({
  page: z.object({ updatedAt: z.string() }),
  status: z.object({ indicator: StatusIndicator, description: z.string() }),
  components: z.array(StatusComponent),
  /** Active incidents (most severe first), then those resolved in the last 14 days (newest first). */
  incidents: z.array(PublicIncident),
});
export type StatusDocument = z.infer<typeof StatusDocument>;
