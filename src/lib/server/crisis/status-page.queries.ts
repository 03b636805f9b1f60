import { and, desc, gte, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import type { IncidentStatus, Severity } from '$lib/shared/schemas/incident';
import type { PublicIncident, StatusDocument } from '$lib/shared/schemas/status';
import type { Db } from '../db/client';
import { incidentUpdates, incidents } from '../db/schema';
import { componentStatusList, overallIndicator, severityRank } from './component-status';

/** Resolved incidents stay on the status page this long. */
export const RECENT_DAYS = 14;
const RECENT_MS = RECENT_DAYS * 24 * 3600_000;
/** Enough for any real fortnight; a flood of incidents must not make the public page huge. */
const MAX_RESOLVED = 50;
const MAX_UPDATES_PER_INCIDENT = 100;

const iso = (ms: number) => new Date(ms).toISOString();

/** Words for `status.description`, in the asker's language. */
export type DescribeIndicator = (indicator: StatusDocument['status']['indicator']) => string;

/**
 * Reads what the public may see of incidents: titles, severities, components and the timeline's
 * status and customer-facing message. Internal notes, matching rules and authors are never
 * selected, so no later change to a mapper can leak them.
 */
export class StatusPageQueries {
  constructor(private readonly db: Db) {}

  incidents(now = Date.now()): PublicIncident[] {
    const rows = this.db
      .select({
        id: incidents.id,
        title: incidents.title,
        severity: incidents.severity,
        status: incidents.status,
        components: incidents.components,
        createdAt: incidents.createdAt,
        updatedAt: incidents.updatedAt,
        resolvedAt: incidents.resolvedAt,
      })
      .from(incidents)
      .where(or(isNull(incidents.resolvedAt), and(isNotNull(incidents.resolvedAt), gte(incidents.resolvedAt, now - RECENT_MS))))
      .orderBy(desc(incidents.createdAt), desc(incidents.id))
      .all();
    const active = rows.filter((r) => r.resolvedAt === null).sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.createdAt - a.createdAt || b.id - a.id);
    const resolved = rows
      .filter((r) => r.resolvedAt !== null)
      .sort((a, b) => b.resolvedAt! - a.resolvedAt! || b.id - a.id)
      .slice(0, MAX_RESOLVED);
    const listed = [...active, ...resolved];
    const updates = this.#updatesOf(listed.map((r) => r.id));
    return listed.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity as Severity,
      status: r.status as IncidentStatus,
      startedAt: iso(r.createdAt),
      resolvedAt: r.resolvedAt === null ? null : iso(r.resolvedAt),
      updatedAt: iso(Math.max(r.updatedAt, updates.get(r.id)?.[0]?.at ?? 0)),
      components: r.components ?? [],
      updates: (updates.get(r.id) ?? []).map(({ id, status, message, createdAt }) => ({ id, status, message, createdAt })),
    }));
  }

  #updatesOf(ids: number[]) {
    const byIncident = new Map<number, { id: number; status: IncidentStatus; message: string; createdAt: string; at: number }[]>();
    if (!ids.length) return byIncident;
    const rows = this.db
      .select({ incidentId: incidentUpdates.incidentId, id: incidentUpdates.id, status: incidentUpdates.status, message: incidentUpdates.message, createdAt: incidentUpdates.createdAt })
      .from(incidentUpdates)
      .where(inArray(incidentUpdates.incidentId, ids))
      .orderBy(desc(incidentUpdates.createdAt), desc(incidentUpdates.id))
      .all();
    for (const u of rows) {
      const list = byIncident.get(u.incidentId) ?? [];
      if (list.length < MAX_UPDATES_PER_INCIDENT) list.push({ id: u.id, status: u.status as IncidentStatus, message: u.message, createdAt: iso(u.createdAt), at: u.createdAt });
      byIncident.set(u.incidentId, list);
    }
    return byIncident;
  }

  /** The whole public document: overall state, components and incidents. */
  document(configuredComponents: readonly string[], describe: DescribeIndicator, now = Date.now()): StatusDocument {
    const list = this.incidents(now);
    const active = list.filter((i) => i.resolvedAt === null);
    const indicator = overallIndicator(active);
    const latest = list.reduce((max, i) => Math.max(max, Date.parse(i.updatedAt), i.resolvedAt ? Date.parse(i.resolvedAt) : 0), 0);
    return {
      page: { updatedAt: iso(latest || now) },
      status: { indicator, description: describe(indicator) },
      components: componentStatusList(configuredComponents, active),
      incidents: list,
    };
  }
}
