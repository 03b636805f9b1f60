import type { LoggedEvent } from '$lib/shared/schemas/events';
import type { PublishedEvent } from '../events/event-bus';
import { inboxAudience, userRoom } from './rooms';

/** What the fan-out needs of Socket.IO's default namespace (an interface, so it can be tested without sockets). */
export interface FanoutTarget {
  /** Socket ids in a room (each socket is also in a room named by its own id). */
  room(name: string): ReadonlySet<string> | undefined;
  /** Every connected socket id. */
  all(): Iterable<string>;
  /** One frame to each of these sockets. */
  emit(socketIds: string[], event: string, payload: unknown): void;
}

/**
 * Fans committed facts out to sockets, one frame per socket per flush: the events published in
 * one go (a group commit announces a whole burst, an ingest two events) are collected until the
 * current job ends, then each socket gets the ones it may see, in seq order — alone as their own
 * event when there is one, else as one `facts` frame. Sockets that see the same events share one
 * encoded frame. A frame per event would cost a write (and a syscall) per socket per event, which
 * is most of the server's time in a burst.
 */
export class FactFanout {
  #pending: PublishedEvent[] = [];

  constructor(private readonly target: FanoutTarget) {}

  publish(event: PublishedEvent): void {
    if (this.#pending.length === 0) queueMicrotask(() => this.#flushSafely());
    this.#pending.push(event);
  }

  /** Outside the bus's own guard now: a failing emit must not become an uncaught exception. */
  #flushSafely() {
    try {
      this.flush();
    } catch (err) {
      console.error('[realtime] fan-out failed', err);
    }
  }

  flush(): void {
    const events = this.#pending;
    this.#pending = [];
    if (events.length === 0) return;
    // socket id -> indexes of the events it sees (ascending, so in seq order)
    const seen = new Map<string, number[]>();
    events.forEach((e, i) => {
      for (const id of this.#audience(e)) {
        const list = seen.get(id);
        if (!list) seen.set(id, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    });
    const groups = new Map<string, { indexes: number[]; ids: string[] }>();
    for (const [id, indexes] of seen) {
      const key = indexes.join(',');
      const group = groups.get(key);
      if (group) group.ids.push(id);
      else groups.set(key, { indexes, ids: [id] });
    }
    for (const { indexes, ids } of groups.values()) {
      if (indexes.length === 1) {
        const e = events[indexes[0]];
        this.target.emit(ids, e.type, e.payload);
      } else {
        this.target.emit(ids, 'facts', indexes.map((i) => toLogged(events[i])));
      }
    }
  }

  *#audience(e: PublishedEvent): Iterable<string> {
    if (e.userId !== null) yield* this.target.room(userRoom(e.userId)) ?? [];
    else if (e.inboxId !== null) for (const room of inboxAudience(e.inboxId)) yield* this.target.room(room) ?? [];
    else yield* this.target.all();
  }
}

function toLogged(e: PublishedEvent): LoggedEvent {
  return { seq: e.seq, type: e.type, payload: e.payload } as LoggedEvent;
}
