import type { BroadcastProgress, Incident, IncidentUpdate } from '$lib/shared/schemas/incident';
import type { incidentUpdates, incidents } from '../db/schema';

export type IncidentRow = typeof incidents.$inferSelect;
export type UpdateRow = typeof incidentUpdates.$inferSelect;
type Person = { id: number; name: string } | null;

const iso = (ms: number) => new Date(ms).toISOString();

export function toIncidentUpdate(row: UpdateRow, authorName: string | null): IncidentUpdate {
  return {
    id: row.id,
    status: row.status,
    message: row.message,
    author: row.authorId !== null ? { id: row.authorId, name: authorName ?? '' } : null,
    notifyLinked: row.notifyLinked,
    resolveLinked: row.resolveLinked,
    createdAt: iso(row.createdAt),
  };
}

export function toIncident(row: IncidentRow, extra: { declaredBy: Person; linkedCount: number; latestUpdate: IncidentUpdate | null }): Incident {
  return {
    id: row.id,
    title: row.title,
    severity: row.severity,
    status: row.status,
    message: row.message,
    internalNote: row.internalNote,
    components: row.components,
    match: { keywords: row.matchKeywords, channels: row.matchChannels as Incident['match']['channels'], inboxIds: row.matchInboxIds },
    autoAcknowledge: row.autoAcknowledge,
    declaredBy: extra.declaredBy,
    startedAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    resolvedAt: row.resolvedAt === null ? null : iso(row.resolvedAt),
    linkedCount: extra.linkedCount,
    latestUpdate: extra.latestUpdate,
  };
}

/** Delivery rows counted by status -> sent / failed / remaining. */
export function toProgress(updateId: number | null, counts: Partial<Record<'pending' | 'queued' | 'sent' | 'failed', number>>): BroadcastProgress {
  const sent = counts.sent ?? 0;
  const failed = counts.failed ?? 0;
  const remaining = (counts.pending ?? 0) + (counts.queued ?? 0);
  return { updateId, total: sent + failed + remaining, sent, failed, remaining };
}
