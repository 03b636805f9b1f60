import type { PresenceStatus } from '$lib/shared/schemas/common';
import type { EventLog } from '../events/event-log';

type Entry = { name: string; sockets: Set<string>; chosen: 'online' | 'away'; status: PresenceStatus };

/**
 * Who is online. Lives in memory (it describes live sockets); every change is logged so
 * consoles that were away catch up through `sync`.
 */
export class PresenceService {
  readonly #users = new Map<number, Entry>();

  constructor(private readonly log: EventLog) {}

  connected(userId: number, name: string, socketId: string) {
    const entry = this.#users.get(userId) ?? { name, sockets: new Set(), chosen: 'online', status: 'offline' };
    entry.sockets.add(socketId);
    this.#users.set(userId, entry);
    this.#publish(userId, entry);
  }

  disconnected(userId: number, socketId: string) {
    const entry = this.#users.get(userId);
    if (!entry) return;
    entry.sockets.delete(socketId);
    this.#publish(userId, entry);
  }

  /** The agent (or their idle timer) chose online or away. */
  set(userId: number, status: 'online' | 'away') {
    const entry = this.#users.get(userId);
    if (!entry) return;
    entry.chosen = status;
    this.#publish(userId, entry);
  }

  status(userId: number): PresenceStatus {
    return this.#users.get(userId)?.status ?? 'offline';
  }

  snapshot(): { userId: number; name: string; status: PresenceStatus }[] {
    return [...this.#users].map(([userId, e]) => ({ userId, name: e.name, status: e.status }));
  }

  #publish(userId: number, entry: Entry) {
    const status: PresenceStatus = entry.sockets.size === 0 ? 'offline' : entry.chosen;
    if (status === entry.status) return;
    entry.status = status;
    this.log.transact((events) => events.record('presence.updated', { userId, name: entry.name, status }));
  }
}
