import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { incidentDeliveries } from '../db/schema';
import type { EventLog } from '../events/event-log';
import type { OutgoingStatusHook } from '../inbox/message.service';
import type { IncidentQueries } from './incident.queries';

const SENT = new Set(['sent', 'delivered', 'read']);

/**
 * Follows what became of the messages sent to linked customers: each delivery row moves with its
 * message (in the message's own transaction), and the lead's consoles get `incident.progress`,
 * at most one per broadcast per `windowMs` and always one after the last change.
 */
export class BroadcastProgress {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #lastAt = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly queries: IncidentQueries,
    private readonly windowMs = 200,
  ) {}

  /** A message left (or failed): its delivery row follows. A bounce after "sent" still counts as failed. */
  readonly onMessageStatus: OutgoingStatusHook = (_events, message) => {
    const next = message.status === 'failed' ? 'failed' : SENT.has(message.status) ? 'sent' : null;
    if (!next) return;
    const from: ('queued' | 'sent')[] = next === 'failed' ? ['queued', 'sent'] : ['queued'];
    const moved = this.db
      .update(incidentDeliveries)
      .set({ status: next, error: next === 'failed' ? (message.error ?? 'the channel reported a failure') : null, updatedAt: Date.now() })
      .where(and(eq(incidentDeliveries.messageId, message.id), inArray(incidentDeliveries.status, from)))
      .returning({ incidentId: incidentDeliveries.incidentId, updateId: incidentDeliveries.updateId })
      .all();
    for (const row of moved) this.touch(row.incidentId, row.updateId);
  };

  /** Something changed for this broadcast: announce it soon (after the current transaction). */
  touch(incidentId: number, updateId: number | null): void {
    const key = `${incidentId}:${updateId}`;
    if (this.#timers.has(key)) return;
    const wait = Math.max(0, (this.#lastAt.get(key) ?? 0) + this.windowMs - Date.now());
    const timer = setTimeout(() => {
      this.#timers.delete(key);
      this.#lastAt.set(key, Date.now());
      this.#announce(incidentId, updateId);
    }, wait);
    timer.unref();
    this.#timers.set(key, timer);
  }

  stop(): void {
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
  }

  #announce(incidentId: number, updateId: number | null) {
    try {
      this.log.transact((events) => {
        if (!this.queries.row(incidentId)) return;
        events.record('incident.progress', { incidentId, progress: this.queries.progress(incidentId, updateId) });
      });
    } catch (err) {
      console.error('[crisis] progress event failed', err);
    }
  }
}
