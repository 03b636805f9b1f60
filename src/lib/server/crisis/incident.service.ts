import { eq, inArray } from 'drizzle-orm';
import type { DeclareIncidentBody, Incident, IncidentDetail, IncidentUpdate, PatchIncidentBody, PostIncidentUpdateBody } from '$lib/shared/schemas/incident';
import type { Db } from '../db/client';
import { inboxes, incidentUpdates, incidents } from '../db/schema';
import { badRequest, conflict } from '../errors';
import type { EventLog, EventRecorder } from '../events/event-log';
import { requireRole, type AuthContext } from '../auth/auth-context';
import type { JobQueue } from '../jobs/job-queue';
import type { AuditService } from './audit.service';
import type { IncidentRow } from './incident.mapper';
import type { IncidentQueries } from './incident.queries';
import { BROADCAST_JOB } from './broadcast.job';

/** What happened to an incident, for whoever follows it in the same transaction (push, outbound webhook). */
export interface IncidentChange {
  kind: 'declared' | 'edited' | 'updated' | 'resolved';
  incident: Incident;
  /** The timeline entry this change added (none for an edit). */
  update: IncidentUpdate | null;
}
export type IncidentChangeHook = (events: EventRecorder, change: IncidentChange) => void;

type Actor = AuthContext['user'];

/**
 * Declaring, editing and updating incidents. Each change, its audit entry and its `incident.*`
 * event commit together; the event is unscoped, so every console gets it.
 */
export class IncidentService {
  readonly #hooks: IncidentChangeHook[] = [];

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly queue: JobQueue,
    private readonly queries: IncidentQueries,
    private readonly audit: AuditService,
  ) {}

  /** Follow declares, edits, updates and resolves inside their transaction. */
  onChange(hook: IncidentChangeHook): void {
    this.#hooks.push(hook);
  }

  list(query: { active?: boolean; limit: number }): Incident[] {
    return this.queries.list(query.active, query.limit);
  }

  get(id: number): IncidentDetail {
    const incident = this.queries.incident(id);
    return { ...incident, updates: this.queries.updates(id), broadcasts: this.queries.broadcasts(id) };
  }

  /** A repeated declare with the same Idempotency-Key (by the same user) answers the first incident. */
  declare(auth: AuthContext, body: DeclareIncidentBody, idempotencyKey: string | null = null): { incident: Incident; created: boolean } {
    requireRole(auth, 'lead');
    return this.log.transact((events) => {
      if (idempotencyKey !== null) {
        const seen = this.audit.declaredWithKey(auth.user.id, idempotencyKey);
        if (seen !== null) return { incident: this.queries.incident(seen), created: false };
      }
      const match = body.match ?? { keywords: [], channels: [], inboxIds: [] };
      this.#assertInboxes(match.inboxIds);
      const now = Date.now();
      const row = this.db
        .insert(incidents)
        .values({
          title: body.title,
          severity: body.severity,
          status: 'investigating',
          message: body.message,
          internalNote: body.internalNote || null,
          components: dedupe(body.components),
          matchKeywords: dedupe(match.keywords),
          matchChannels: dedupe(match.channels),
          matchInboxIds: dedupe(match.inboxIds),
          autoAcknowledge: body.autoAcknowledge,
          declaredBy: auth.user.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
      const first = this.#insertUpdate(row.id, auth.user, { status: 'investigating', message: body.message, notifyLinked: false, resolveLinked: false }, null, now);
      this.audit.record(auth.user.id, 'incident.declared', { type: 'incident', id: row.id }, { title: row.title, severity: row.severity, ...(idempotencyKey !== null ? { idempotencyKey } : {}) });
      const incident = this.queries.toIncident(row);
      events.record('incident.declared', { incident });
      this.#changed(events, { kind: 'declared', incident, update: this.queries.update(first.id) });
      return { incident, created: true };
    });
  }

  /** Fixes the declaration of a running incident (not its timeline). */
  edit(auth: AuthContext, id: number, patch: PatchIncidentBody): Incident {
    requireRole(auth, 'lead');
    return this.log.transact((events) => {
      const row = this.#active(id);
      if (patch.match) this.#assertInboxes(patch.match.inboxIds);
      const next: Partial<typeof incidents.$inferInsert> = {};
      if (patch.title !== undefined) next.title = patch.title;
      if (patch.severity !== undefined) next.severity = patch.severity;
      if (patch.internalNote !== undefined) next.internalNote = patch.internalNote || null;
      if (patch.components !== undefined) next.components = dedupe(patch.components);
      if (patch.match !== undefined) {
        next.matchKeywords = dedupe(patch.match.keywords);
        next.matchChannels = dedupe(patch.match.channels);
        next.matchInboxIds = dedupe(patch.match.inboxIds);
      }
      if (patch.autoAcknowledge !== undefined) next.autoAcknowledge = patch.autoAcknowledge;
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(next) as [keyof IncidentRow, unknown][]) {
        if (JSON.stringify(row[key]) === JSON.stringify(value)) continue;
        before[key] = row[key];
        after[key] = value;
      }
      if (!Object.keys(after).length) return this.queries.toIncident(row);
      const updated = this.db.update(incidents).set({ ...after, updatedAt: Date.now() }).where(eq(incidents.id, id)).returning().get();
      this.audit.record(auth.user.id, 'incident.edited', { type: 'incident', id }, { fields: Object.keys(after), before, after });
      const incident = this.queries.toIncident(updated);
      events.record('incident.updated', { incident });
      this.#changed(events, { kind: 'edited', incident, update: null });
      return incident;
    });
  }

  /**
   * A new entry in the timeline; its status becomes the incident's, its message the customer-facing
   * one. With `notifyLinked`, one pending delivery per open linked conversation is written here,
   * with the update, and a durable job sends them. A repeated Idempotency-Key answers the stored
   * update (also after the incident was resolved by it).
   */
  postUpdate(auth: AuthContext, id: number, body: PostIncidentUpdateBody, idempotencyKey: string | null = null): { update: IncidentUpdate; incident: Incident; created: boolean } {
    requireRole(auth, 'lead');
    return this.log.transact((events) => {
      const row = this.queries.rowOrThrow(id);
      if (idempotencyKey !== null) {
        const seen = this.queries.updateByKey(id, idempotencyKey);
        if (seen) return { update: this.queries.update(seen.id)!, incident: this.queries.toIncident(row), created: false };
      }
      if (row.resolvedAt !== null) throw conflict('this incident is resolved and takes no more updates', 'incident_resolved');
      const now = Date.now();
      const resolving = body.status === 'resolved';
      const inserted = this.#insertUpdate(id, auth.user, body, idempotencyKey, now);
      const updated = this.db
        .update(incidents)
        .set({ status: body.status, message: body.message, updatedAt: now, ...(resolving ? { resolvedAt: now } : {}) })
        .where(eq(incidents.id, id))
        .returning()
        .get();
      let recipients = 0;
      if (body.notifyLinked) recipients = this.#queueDeliveries(id, inserted.id, now);
      if (recipients > 0 || body.resolveLinked) this.queue.enqueue(BROADCAST_JOB, { updateId: inserted.id }, { uniqueKey: `broadcast:${inserted.id}`, maxAttempts: 20 });
      const update = this.queries.update(inserted.id)!;
      this.audit.record(auth.user.id, resolving ? 'incident.resolved' : 'incident.updated', { type: 'incident', id }, {
        updateId: inserted.id,
        status: body.status,
        notifyLinked: body.notifyLinked,
        resolveLinked: body.resolveLinked,
        recipients,
        ...(idempotencyKey !== null ? { idempotencyKey } : {}),
      });
      const incident = this.queries.toIncident(updated);
      events.record(resolving ? 'incident.resolved' : 'incident.updated', { incident });
      if (body.notifyLinked) events.record('incident.progress', { incidentId: id, progress: this.queries.progress(id, inserted.id) });
      this.#changed(events, { kind: resolving ? 'resolved' : 'updated', incident, update });
      return { update, incident, created: true };
    });
  }

  #insertUpdate(incidentId: number, author: Actor, body: Pick<PostIncidentUpdateBody, 'status' | 'message' | 'notifyLinked' | 'resolveLinked'>, idempotencyKey: string | null, now: number) {
    return this.db
      .insert(incidentUpdates)
      .values({ incidentId, status: body.status, message: body.message, authorId: author.id, notifyLinked: body.notifyLinked, resolveLinked: body.resolveLinked, idempotencyKey, createdAt: now })
      .returning()
      .get();
  }

  /** One pending delivery per open linked conversation: the snapshot the broadcast sends to. */
  #queueDeliveries(incidentId: number, updateId: number, now: number): number {
    return this.db.$client
      .prepare(
        `INSERT INTO incident_deliveries (key, incident_id, update_id, conversation_id, status, created_at, updated_at)
         SELECT 'update:' || @updateId || ':' || id, @incidentId, @updateId, id, 'pending', @now, @now
         FROM conversations WHERE incident_id = @incidentId AND status != 'resolved'
         ON CONFLICT (key) DO NOTHING`,
      )
      .run({ incidentId, updateId, now }).changes;
  }

  #active(id: number): IncidentRow {
    const row = this.queries.rowOrThrow(id);
    if (row.resolvedAt !== null) throw conflict('this incident is resolved; it can no longer be changed', 'incident_resolved');
    return row;
  }

  #assertInboxes(ids: number[]) {
    if (!ids.length) return;
    const known = new Set(this.db.select({ id: inboxes.id }).from(inboxes).where(inArray(inboxes.id, ids)).all().map((r) => r.id));
    const unknown = ids.filter((i) => !known.has(i));
    if (unknown.length) throw badRequest(`match.inboxIds: no inbox ${unknown.join(', ')}`, 'unknown_inbox');
  }

  #changed(events: EventRecorder, change: IncidentChange) {
    for (const hook of this.#hooks) hook(events, change);
  }
}

const dedupe = <T>(values: T[]): T[] => [...new Set(values)];

