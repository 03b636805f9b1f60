import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { EventLog, Held } from './event-log';
import type { PublishedEvent } from './event-bus';

type Member = {
  work: () => unknown;
  /** Runs a function in the async context `run` was called in (the member's own request). */
  inContext: <R>(fn: () => R) => R;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export type GroupCommitOptions = {
  /** Most members in one transaction; the rest wait for the next one. */
  maxBatch?: number;
  /**
   * No further member joins once the batch has run this long: the transaction (and the event loop
   * it blocks) stays short even when each member is slow, and the rest go into the next one.
   */
  maxBatchMs?: number;
};

/**
 * Group commit: writes that arrive in the same event-loop turn (inbound messages of a burst) share
 * one write transaction, so the commit (WAL append, occasional checkpoint) is paid once per turn,
 * not once per message.
 *
 * Each member runs in its own savepoint: one that throws rolls back only its own writes and
 * events and gets its own error. Every member is answered only after the transaction committed
 * (durability is that of a lone transaction), and the events of the batch reach the bus only then;
 * a failed commit fails every member and announces nothing.
 *
 * Members must be synchronous (better-sqlite3 is), and the batch runs start to end in one
 * synchronous call, so no other code ever sees the transaction open.
 */
export class GroupCommit {
  readonly #queue: Member[] = [];
  readonly #maxBatch: number;
  readonly #maxBatchMs: number;
  #scheduled = false;

  constructor(
    private readonly client: Database.Database,
    private readonly log: EventLog,
    opts: GroupCommitOptions = {},
  ) {
    this.#maxBatch = Math.max(1, opts.maxBatch ?? 64);
    this.#maxBatchMs = opts.maxBatchMs ?? 25;
  }

  /** Queues `work` for this turn's transaction; settles after it committed (or failed). */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, inContext: AsyncLocalStorage.snapshot(), resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // setImmediate runs after the I/O callbacks of this loop turn (and their promise jobs): every
    // request whose body arrived in this turn has queued by then.
    setImmediate(() => {
      this.#scheduled = false;
      this.#flush();
      if (this.#queue.length) this.#schedule();
    });
  }

  #flush() {
    const batch: Member[] = [];
    const outcomes: Outcome[] = [];
    let events: PublishedEvent[] = [];
    const started = performance.now();
    const full = () => batch.length >= this.#maxBatch || (batch.length > 0 && performance.now() - started >= this.#maxBatchMs);
    try {
      this.log.deferring((held) => {
        events = held.events;
        this.client
          .transaction(() => {
            while (this.#queue.length > 0 && !full()) {
              const member = this.#queue.shift() as Member;
              batch.push(member);
              outcomes.push(this.#runMember(member, held));
            }
            for (const write of held.lastWrites) write();
          })
          .immediate();
      });
    } catch (error) {
      // BEGIN or COMMIT failed, or SQLite rolled the whole transaction back: nothing is stored.
      for (const member of batch) member.reject(error);
      return;
    }
    this.log.publish(events);
    batch.forEach((member, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) member.resolve(outcome.value);
      else member.reject(outcome.error);
    });
  }

  #runMember(member: Member, held: Held): Outcome {
    const mark = { events: held.events.length, lastWrites: held.lastWrites.length };
    try {
      // In its request's context: per-request state (statement counting, SvelteKit's request store) stays its own.
      return { ok: true, value: member.inContext(() => this.client.transaction(member.work)()) };
    } catch (error) {
      held.events.splice(mark.events);
      held.lastWrites.splice(mark.lastWrites);
      // Some errors (disk full, I/O) make SQLite roll back the whole transaction: the members
      // before this one are gone too, so the batch fails as a whole.
      if (!this.client.inTransaction) throw error;
      return { ok: false, error };
    }
  }
}
