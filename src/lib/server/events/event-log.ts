import type { Db } from '../db/client';
import type { EventPayloadMap, EventType } from '$lib/shared/schemas/events';
import type { EventBus, PublishedEvent } from './event-bus';

export type Scope = { inboxId?: number | null; userId?: number | null };
type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;

/** What an open group transaction holds back from its members until it ends (see `EventLog.deferring`). */
export interface Held {
  /** Events, published once the transaction has committed. */
  events: PublishedEvent[];
  /** Writes run just before COMMIT (see `EventRecorder.last`). */
  lastWrites: (() => void)[];
}

/** Collects the events of one transaction; they are published only after it commits. */
export class EventRecorder {
  readonly pending: PublishedEvent[] = [];
  readonly lastWrites: (() => void)[] = [];
  constructor(private readonly insert: (type: string, scope: Scope, now: number) => number) {}

  record<K extends EventType>(type: K, payload: WithoutSeq<EventPayloadMap[K]>, scope: Scope = {}): EventPayloadMap[K] {
    const now = Date.now();
    // The seq is the row id, so it is written first and then patched into the stored payload.
    const seq = this.insert(type, scope, now);
    const full = { seq, ...payload } as EventPayloadMap[K];
    this.pending.push({ seq, type, payload: full, inboxId: scope.inboxId ?? null, userId: scope.userId ?? null } as PublishedEvent);
    return full;
  }

  /**
   * Runs `write` at the end of the outermost transaction instead of now. For search-index (FTS5)
   * inserts: FTS5 writes its pending index data out at every savepoint, so an insert followed by
   * savepoints (hooks, the next member of a group commit) costs several times one at the end.
   */
  last(write: () => void): void {
    this.lastWrites.push(write);
  }
}

export class EventLog {
  readonly #insert;
  readonly #fill;
  readonly #max;
  /** Set while a group transaction is open (see `deferring`): its members' events and last writes wait here. */
  #held: Held | null = null;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
  ) {
    const client = db.$client;
    this.#insert = client.prepare('INSERT INTO events (type, payload, inbox_id, user_id, created_at) VALUES (?, ?, ?, ?, ?)');
    this.#fill = client.prepare('UPDATE events SET payload = ? WHERE seq = ?');
    this.#max = client.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM events');
  }

  /**
   * Runs `fn` in one immediate transaction. Changes and their events commit together; events
   * reach the bus only after the commit, so a rolled-back change is never announced. Inside
   * `deferring` this is a savepoint of the enclosing transaction, and its events wait for that.
   */
  transact<T>(fn: (events: EventRecorder) => T): T {
    const recorder = new EventRecorder((type, scope, now) => {
      return Number(this.#insert.run(type, '{}', scope.inboxId ?? null, scope.userId ?? null, now).lastInsertRowid);
    });
    const run = this.db.$client.transaction(() => {
      const result = fn(recorder);
      if (!this.#held) for (const write of recorder.lastWrites) write();
      for (const e of recorder.pending) this.#fill.run(JSON.stringify(e.payload), e.seq);
      return result;
    });
    const result = run.immediate();
    if (this.#held) {
      this.#held.events.push(...recorder.pending);
      this.#held.lastWrites.push(...recorder.lastWrites);
    } else this.publish(recorder.pending);
    return result;
  }

  /**
   * Runs `fn`, which opens and ends one transaction around several `transact` calls (group
   * commit), with their events collected in `held` instead of published: a savepoint's release is
   * not a commit. The caller publishes them once its transaction has committed, and drops those
   * of a rolled-back member or transaction; it runs the held last writes just before its COMMIT.
   */
  deferring<T>(fn: (held: Held) => T): T {
    if (this.#held) throw new Error('event publishing is already deferred by an open group transaction');
    const held: Held = { events: [], lastWrites: [] };
    this.#held = held;
    try {
      return fn(held);
    } finally {
      this.#held = null;
    }
  }

  /** Hands committed events to the bus, in order. */
  publish(events: readonly PublishedEvent[]): void {
    for (const e of events) this.bus.publish(e);
  }

  currentSeq(): number {
    return this.#max.get()?.seq ?? 0;
  }
}
