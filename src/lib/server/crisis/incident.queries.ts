import { and, asc, desc, eq, isNull, isNotNull, sql } from 'drizzle-orm';
import type { BroadcastProgress, Incident, IncidentUpdate } from '$lib/shared/schemas/incident';
import type { Db } from '../db/client';
import { conversations, incidentDeliveries, incidentUpdates, incidents, users } from '../db/schema';
import { notFound } from '../errors';
import { toIncident, toIncidentUpdate, toProgress, type IncidentRow } from './incident.mapper';
import type { MatchableIncident } from './incident-matcher';

/** Reads of incidents, their timelines and broadcast progress. */
export class IncidentQueries {
  // Asked for every new conversation (crisis matching runs in the ingest transaction): built once.
  readonly #active;

  constructor(private readonly db: Db) {
    this.#active = db.select().from(incidents).where(isNull(incidents.resolvedAt)).prepare();
  }

  row(id: number): IncidentRow | undefined {
    return this.db.select().from(incidents).where(eq(incidents.id, id)).get();
  }

  rowOrThrow(id: number): IncidentRow {
    const row = this.row(id);
    if (!row) throw notFound('incident');
    return row;
  }

  incident(id: number): Incident {
    return this.toIncident(this.rowOrThrow(id));
  }

  toIncident(row: IncidentRow): Incident {
    const declaredBy = row.declaredBy !== null ? { id: row.declaredBy, name: this.userName(row.declaredBy) ?? '' } : null;
    return toIncident(row, { declaredBy, linkedCount: this.linkedCount(row.id), latestUpdate: this.latestUpdate(row.id) });
  }

  /** Newest first; `active` only those not resolved. */
  list(active: boolean | undefined, limit: number): Incident[] {
    const where = active === true ? isNull(incidents.resolvedAt) : active === false ? isNotNull(incidents.resolvedAt) : undefined;
    return this.db.select().from(incidents).where(where).orderBy(desc(incidents.createdAt), desc(incidents.id)).limit(limit).all().map((r) => this.toIncident(r));
  }

  /** Every active incident's rules, for matching new conversations. */
  activeRules(): (MatchableIncident & { row: IncidentRow })[] {
    return this.#active
      .all()
      .map((row) => ({ id: row.id, severity: row.severity, createdAt: row.createdAt, keywords: row.matchKeywords, channels: row.matchChannels, inboxIds: row.matchInboxIds, row }));
  }

  updates(incidentId: number): IncidentUpdate[] {
    return this.db
      .select({ u: incidentUpdates, author: users.name })
      .from(incidentUpdates)
      .leftJoin(users, eq(users.id, incidentUpdates.authorId))
      .where(eq(incidentUpdates.incidentId, incidentId))
      .orderBy(asc(incidentUpdates.id))
      .all()
      .map((r) => toIncidentUpdate(r.u, r.author));
  }

  update(updateId: number): IncidentUpdate | null {
    const r = this.db.select({ u: incidentUpdates, author: users.name }).from(incidentUpdates).leftJoin(users, eq(users.id, incidentUpdates.authorId)).where(eq(incidentUpdates.id, updateId)).get();
    return r ? toIncidentUpdate(r.u, r.author) : null;
  }

  updateByKey(incidentId: number, key: string) {
    return this.db.select().from(incidentUpdates).where(and(eq(incidentUpdates.incidentId, incidentId), eq(incidentUpdates.idempotencyKey, key))).get();
  }

  latestUpdate(incidentId: number): IncidentUpdate | null {
    const r = this.db
      .select({ u: incidentUpdates, author: users.name })
      .from(incidentUpdates)
      .leftJoin(users, eq(users.id, incidentUpdates.authorId))
      .where(eq(incidentUpdates.incidentId, incidentId))
      .orderBy(desc(incidentUpdates.id))
      .limit(1)
      .get();
    return r ? toIncidentUpdate(r.u, r.author) : null;
  }

  linkedCount(incidentId: number): number {
    return this.db.select({ n: sql<number>`count(*)` }).from(conversations).where(eq(conversations.incidentId, incidentId)).get()?.n ?? 0;
  }

  /** Sending progress of each broadcast (and of the acknowledgements, `updateId` null). */
  broadcasts(incidentId: number): BroadcastProgress[] {
    const rows = this.db
      .select({ updateId: incidentDeliveries.updateId, status: incidentDeliveries.status, n: sql<number>`count(*)` })
      .from(incidentDeliveries)
      .where(eq(incidentDeliveries.incidentId, incidentId))
      .groupBy(incidentDeliveries.updateId, incidentDeliveries.status)
      .all();
    const byUpdate = new Map<number | null, Partial<Record<'pending' | 'queued' | 'sent' | 'failed', number>>>();
    for (const r of rows) byUpdate.set(r.updateId, { ...byUpdate.get(r.updateId), [r.status]: r.n });
    return [...byUpdate].sort(([a], [b]) => (a ?? 0) - (b ?? 0)).map(([updateId, counts]) => toProgress(updateId, counts));
  }

  progress(incidentId: number, updateId: number | null): BroadcastProgress {
    const rows = this.db
      .select({ status: incidentDeliveries.status, n: sql<number>`count(*)` })
      .from(incidentDeliveries)
      .where(and(eq(incidentDeliveries.incidentId, incidentId), updateId === null ? isNull(incidentDeliveries.updateId) : eq(incidentDeliveries.updateId, updateId)))
      .groupBy(incidentDeliveries.status)
      .all();
    return toProgress(updateId, Object.fromEntries(rows.map((r) => [r.status, r.n])));
  }

  userName(id: number): string | null {
    return this.db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? null;
  }
}
