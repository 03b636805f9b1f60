import type { Db } from '../db/client';
import type { StatementCache } from '../db/statement-cache';
import type { EventBus, PublishedEvent } from '../events/event-bus';
import type { EventLog, EventRecorder } from '../events/event-log';
import type { ConversationService } from '../inbox/conversation.service';
import type { ConversationStatus, Priority } from '$lib/shared/schemas/common';
import { advanceClock, type ClockState } from './sla-clock';
import { matchPolicy } from './sla-policy.match';
import type { SlaPolicyService } from './sla-policy.service';

interface FactsRow {
  id: number;
  inboxId: number;
  priority: Priority;
  status: ConversationStatus;
  createdAt: number;
  firstReplyAt: number | null;
  resolvedAt: number | null;
  incidentActive: number;
}

interface ClockRow {
  policyId: number | null;
  startedAt: number;
  pausedAt: number | null;
  pausedMs: number;
  frDue: number | null;
  frWarn: number | null;
  frMet: number | null;
  frBreached: number | null;
  resDue: number | null;
  resWarn: number | null;
  resMet: number | null;
  resBreached: number | null;
}

const toState = (r: ClockRow): ClockState => ({
  policyId: r.policyId,
  startedAt: r.startedAt,
  pausedAt: r.pausedAt,
  pausedMs: r.pausedMs,
  firstResponse: { dueAt: r.frDue, warnAt: r.frWarn, metAt: r.frMet, breachedAt: r.frBreached },
  resolution: { dueAt: r.resDue, warnAt: r.resWarn, metAt: r.resMet, breachedAt: r.resBreached },
});

const UNRESOLVED = "c.status IN ('open', 'pending', 'snoozed')";

/**
 * Keeps every unresolved conversation's SLA clock current. It follows the event bus (a
 * conversation created or changed, an incident resolved) rather than hooking into each service,
 * and a sweeper records breaches as due times pass and repairs anything an event missed
 * (a crash between a change and its clock update, an incident resolved elsewhere).
 * Clock changes that consoles can see are announced as `conversation.updated` with `['sla']`.
 */
export class SlaService {
  readonly #pending = new Set<number>();
  #flushScheduled = false;

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly cache: StatementCache,
    private readonly policies: SlaPolicyService,
    private readonly conversations: ConversationService,
  ) {}

  /** Follows the bus; returns the unsubscribe function. */
  follow(bus: EventBus): () => void {
    const stop = bus.subscribe((e) => this.#onEvent(e));
    this.policies.onChange(() => this.reapply());
    return stop;
  }

  /** Brings one conversation's clock up to date inside the caller's transaction. */
  reconcile(events: EventRecorder, conversationId: number, now = Date.now()): void {
    const facts = this.cache
      .get<[number], FactsRow>(
        `SELECT c.id, c.inbox_id AS inboxId, c.priority, c.status, c.created_at AS createdAt, c.first_reply_at AS firstReplyAt,
           c.resolved_at AS resolvedAt, (i.id IS NOT NULL AND i.resolved_at IS NULL) AS incidentActive
         FROM conversations c LEFT JOIN incidents i ON i.id = c.incident_id WHERE c.id = ?`,
      )
      .get(conversationId);
    if (!facts) return;
    const stored = this.cache
      .get<[number], ClockRow>(
        `SELECT policy_id AS policyId, started_at AS startedAt, paused_at AS pausedAt, paused_ms AS pausedMs,
           first_response_due_at AS frDue, first_response_warn_at AS frWarn, first_response_met_at AS frMet, first_response_breached_at AS frBreached,
           resolution_due_at AS resDue, resolution_warn_at AS resWarn, resolution_met_at AS resMet, resolution_breached_at AS resBreached
         FROM conversation_sla WHERE conversation_id = ?`,
      )
      .get(conversationId);
    const prev = stored ? toState(stored) : null;
    const policy = matchPolicy(this.policies.all(), facts.inboxId, facts.priority);
    const { next, breaches } = advanceClock(prev, policy?.clock ?? null, { ...facts, incidentActive: facts.incidentActive === 1 }, now);
    if (prev && JSON.stringify(prev) === JSON.stringify(next)) return;
    this.cache
      .get(
        `INSERT INTO conversation_sla (conversation_id, policy_id, started_at, paused_at, paused_ms,
           first_response_due_at, first_response_warn_at, first_response_met_at, first_response_breached_at,
           resolution_due_at, resolution_warn_at, resolution_met_at, resolution_breached_at, updated_at)
         VALUES (@id, @policyId, @startedAt, @pausedAt, @pausedMs, @frDue, @frWarn, @frMet, @frBreached, @resDue, @resWarn, @resMet, @resBreached, @now)
         ON CONFLICT (conversation_id) DO UPDATE SET policy_id = excluded.policy_id, started_at = excluded.started_at,
           paused_at = excluded.paused_at, paused_ms = excluded.paused_ms,
           first_response_due_at = excluded.first_response_due_at, first_response_warn_at = excluded.first_response_warn_at,
           first_response_met_at = excluded.first_response_met_at, first_response_breached_at = excluded.first_response_breached_at,
           resolution_due_at = excluded.resolution_due_at, resolution_warn_at = excluded.resolution_warn_at,
           resolution_met_at = excluded.resolution_met_at, resolution_breached_at = excluded.resolution_breached_at, updated_at = excluded.updated_at`,
      )
      .run({
        id: conversationId,
        policyId: next.policyId,
        startedAt: next.startedAt,
        pausedAt: next.pausedAt,
        pausedMs: Math.round(next.pausedMs),
        frDue: next.firstResponse.dueAt,
        frWarn: next.firstResponse.warnAt,
        frMet: next.firstResponse.metAt,
        frBreached: next.firstResponse.breachedAt,
        resDue: next.resolution.dueAt,
        resWarn: next.resolution.warnAt,
        resMet: next.resolution.metAt,
        resBreached: next.resolution.breachedAt,
        now,
      });
    for (const b of breaches) {
      this.cache
        .get(
          `INSERT INTO sla_breaches (conversation_id, policy_id, inbox_id, kind, due_at, breached_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (conversation_id, kind) DO NOTHING`,
        )
        .run(conversationId, next.policyId, facts.inboxId, b.kind, b.dueAt, now);
    }
    // A clock for a conversation without a policy, created or not, shows nothing new.
    if (prev || next.policyId !== null) this.conversations.emitUpdated(events, conversationId, ['sla'], null);
  }

  /** Records breaches that came due and repairs clocks that events missed. Runs on a timer. */
  sweep(now = Date.now()): number {
    // Separate statements, so each one walks its own (partial) index.
    const questions = [
      `SELECT conversation_id AS id FROM conversation_sla
         WHERE first_response_due_at <= @now AND first_response_met_at IS NULL AND first_response_breached_at IS NULL AND paused_at IS NULL LIMIT @limit`,
      `SELECT conversation_id AS id FROM conversation_sla
         WHERE resolution_due_at <= @now AND resolution_met_at IS NULL AND resolution_breached_at IS NULL AND paused_at IS NULL LIMIT @limit`,
      // Clocks never started (the process stopped between a change and its clock update).
      `SELECT c.id FROM conversations c LEFT JOIN conversation_sla s ON s.conversation_id = c.id
         WHERE ${UNRESOLVED} AND s.conversation_id IS NULL LIMIT @limit`,
      // Open conversations whose incident was linked, unlinked or resolved without an event we saw.
      `SELECT c.id FROM conversations c JOIN conversation_sla s ON s.conversation_id = c.id LEFT JOIN incidents i ON i.id = c.incident_id
         WHERE c.status = 'open' AND (s.paused_at IS NOT NULL) != (i.id IS NOT NULL AND i.resolved_at IS NULL) LIMIT @limit`,
    ];
    const ids = new Set<number>();
    for (const sql of questions) {
      for (const r of this.cache.get<[{ now: number; limit: number }], { id: number }>(sql).all({ now, limit: 500 })) ids.add(r.id);
    }
    this.#reconcileMany([...ids], now);
    return ids.size;
  }

  /** After a policy changed: every unresolved conversation may now fall under another one. */
  reapply(now = Date.now()): void {
    const ids = this.cache.get<[], { id: number }>(`SELECT c.id FROM conversations c WHERE ${UNRESOLVED}`).all();
    this.#reconcileMany(ids.map((r) => r.id), now);
  }

  #reconcileMany(ids: number[], now: number) {
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      this.log.transact((events) => {
        for (const id of chunk) this.reconcile(events, id, now);
      });
    }
  }

  #onEvent(e: PublishedEvent) {
    if (e.type === 'conversation.created' || e.type === 'conversation.updated') {
      if (e.payload.changes.length === 1 && e.payload.changes[0] === 'sla') return;
      this.#schedule([e.payload.conversation.id]);
    } else if (e.type === 'incident.declared' || e.type === 'incident.updated' || e.type === 'incident.resolved') {
      const linked = this.cache.get<[number], { id: number }>('SELECT id FROM conversations WHERE incident_id = ?').all(e.payload.incident.id);
      this.#schedule(linked.map((r) => r.id));
    }
  }

  /**
   * Handled after the current publish has reached every listener, so the clock's event never
   * overtakes the one that caused it on the socket.
   */
  #schedule(ids: number[]) {
    for (const id of ids) this.#pending.add(id);
    if (this.#flushScheduled || !this.#pending.size) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      const batch = [...this.#pending];
      this.#pending.clear();
      try {
        this.#reconcileMany(batch, Date.now());
      } catch (err) {
        console.error('[sla] clock update failed; the sweeper will retry', err);
      }
    });
  }
}
