import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/shared/realtime-events';
import type { LoggedEvent } from '../../src/lib/shared/schemas/events';
import type { ApiClient } from './api-client';

type AnyEvent = LoggedEvent;
const FACTS = [
  'message.created',
  'message.updated',
  'conversation.created',
  'conversation.updated',
  'presence.updated',
  'access.changed',
  'inbox.updated',
  'draft.updated',
  'incident.declared',
  'incident.updated',
  'incident.resolved',
  'incident.progress',
  'conversation.escalated',
  'csat.rated',
  'mention.created',
  'mention.read',
] as const;

/**
 * A console's realtime link as the browser runs it: live facts, plus `sync` from the last seq
 * on every (re)connect, applying each seq once.
 */
export class RealtimeClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly applied: AnyEvent[] = [];
  readonly live: AnyEvent[] = [];
  lastSeq = 0;
  #waiters: (() => void)[] = [];
  /** Live events that arrive while a sync is under way wait for it, so no gap is skipped. */
  #buffer: AnyEvent[] | null = null;

  constructor(base: string, client: ApiClient, opts: { since?: number } = {}) {
    this.lastSeq = opts.since ?? 0;
    this.socket = io(base, {
      transports: ['websocket'],
      extraHeaders: client.auth.cookie ? { cookie: client.auth.cookie } : undefined,
      auth: client.auth.token ? { token: client.auth.token } : {},
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
    });
    const live = (event: LoggedEvent) => {
      this.live.push(event);
      if (this.#buffer) this.#buffer.push(event);
      else this.#apply(event);
    };
    for (const type of FACTS) this.socket.on(type, (payload: LoggedEvent['payload']) => live({ seq: payload.seq, type, payload } as LoggedEvent));
    // Facts committed together come as one frame, in seq order.
    this.socket.on('facts', (events) => events.forEach(live));
    this.socket.on('connect', () => void this.sync());
    // Buffer from the moment the transport is back, before any live event can arrive.
    this.socket.io.on('reconnect', () => (this.#buffer ??= []));
  }

  async sync() {
    this.#buffer ??= [];
    try {
      for (;;) {
        const ack = await this.socket.emitWithAck('sync', { since: this.lastSeq });
        if (!ack.ok) throw new Error(ack.error.message);
        for (const e of ack.data.events) this.#apply(e as AnyEvent);
        this.lastSeq = Math.max(this.lastSeq, ack.data.seq);
        if (!ack.data.hasMore) break;
      }
    } finally {
      const buffered = this.#buffer ?? [];
      this.#buffer = null;
      for (const e of buffered) this.#apply(e);
      this.#notify();
    }
  }

  #apply(e: AnyEvent) {
    if (e.seq <= this.lastSeq) return;
    this.lastSeq = e.seq;
    this.applied.push(e);
    this.#notify();
  }

  #notify() {
    const w = this.#waiters;
    this.#waiters = [];
    w.forEach((f) => f());
  }

  /** Applied events of one type, typed by it. */
  ofType<K extends LoggedEvent['type']>(type: K): Extract<LoggedEvent, { type: K }>[] {
    return this.applied.filter((e): e is Extract<LoggedEvent, { type: K }> => e.type === type);
  }

  messagesCreated(conversationId?: number) {
    return this.ofType('message.created').filter((e) => conversationId === undefined || e.payload.conversationId === conversationId);
  }

  async connected(timeoutMs = 5000) {
    if (this.socket.connected) return;
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('socket did not connect')), timeoutMs);
      this.socket.once('connect', () => (clearTimeout(t), resolve()));
      this.socket.once('connect_error', (err) => (clearTimeout(t), reject(err)));
    });
    await this.sync();
  }

  /** Waits until `predicate` holds over the applied events. */
  async until(predicate: (events: AnyEvent[]) => boolean, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.applied)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; applied: ${JSON.stringify(this.applied.map((e) => [e.seq, e.type]))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }

  close() {
    this.socket.close();
  }
}
