/**
 * The realtime connection: one typed Socket.IO client, its state for the header, and the rule
 * that keeps the inbox honest. The last applied `seq` is kept in memory and sessionStorage; on
 * EVERY (re)connect we `sync` from it (repeating while `hasMore`) and apply the events in order,
 * skipping any with seq <= the last applied, so a dropped network or a restarted server leaves
 * neither a gap nor a duplicate. Live events that arrive while a sync runs wait in a buffer.
 */
import type { EventType, LoggedEvent, TypingPayload } from '$lib/shared/schemas/events';
import type { ClientToServerEvents } from '$lib/shared/realtime-events';
import type { ConversationViewers } from '$lib/shared/schemas/collab';
import { createSocket, type AppSocket } from '$lib/client/socket';
import { api } from '$lib/client/api';

export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'offline';

/** Every logged fact the server pushes (exhaustive: the compiler checks the keys). */
const FACTS: Record<EventType, true> = {
  'message.created': true,
  'message.updated': true,
  'conversation.created': true,
  'conversation.updated': true,
  'presence.updated': true,
  'inbox.updated': true,
  'access.changed': true,
  'draft.updated': true,
  'incident.declared': true,
  'incident.updated': true,
  'incident.resolved': true,
  'incident.progress': true,
  'conversation.escalated': true,
  'csat.rated': true,
  'mention.created': true,
  'mention.read': true,
};

export interface RealtimeHandlers {
  onEvent(event: LoggedEvent): void;
  onTyping(payload: TypingPayload): void;
  /** Who has a conversation open changed (collision detection). */
  onViewers?(payload: ConversationViewers): void;
  /** The socket dropped: what it announced live (viewers) is no longer known. */
  onDisconnected?(): void;
  onSessionEnded(reason: string): void;
  /** After each (re)connect, once the sync has caught up. */
  onConnected(firstTime: boolean): void;
}

export class Realtime {
  state = $state<ConnectionState>('connecting');
  /** When the last successful sync finished (for the header's tooltip). */
  syncedAt = $state<number | null>(null);

  #socket: AppSocket | null = null;
  #lastSeq = 0;
  #syncing = false;
  #buffer: LoggedEvent[] = [];
  #connectedOnce = false;
  #storageKey: string;
  #cleanup: (() => void)[] = [];

  constructor(
    userId: number,
    baselineSeq: number | null,
    private readonly handlers: RealtimeHandlers,
  ) {
    this.#storageKey = `sb_seq:${userId}`;
    let stored = 0;
    try {
      stored = Number(sessionStorage.getItem(this.#storageKey) ?? 0) || 0;
    } catch {
      // storage unavailable: memory only
    }
    // The page's data was loaded after `baselineSeq` was read, so replaying from it is enough.
    this.#lastSeq = baselineSeq ?? stored;
    this.#persist();
  }

  get lastSeq() {
    return this.#lastSeq;
  }

  get socket(): AppSocket | null {
    return this.#socket;
  }

  start(): void {
    if (this.#socket) return;
    const socket = createSocket();
    this.#socket = socket;

    for (const type of Object.keys(FACTS) as EventType[]) {
      (socket.on as (ev: string, fn: (payload: { seq: number }) => void) => void)(type, (payload) => {
        this.#live({ seq: payload.seq, type, payload } as LoggedEvent);
      });
    }
    // Facts committed together arrive as one frame, in seq order.
    socket.on('facts', (events) => events.forEach((e) => this.#live(e)));
    socket.on('typing', (p) => this.handlers.onTyping(p));
    socket.on('conversation.viewers', (p) => this.handlers.onViewers?.(p));
    socket.on('session.ended', (p) => this.handlers.onSessionEnded(p.reason));

    socket.on('connect', () => void this.#onConnect());
    socket.on('disconnect', (reason) => {
      this.state = navigator.onLine ? 'reconnecting' : 'offline';
      this.handlers.onDisconnected?.();
      // The server closed us on purpose (e.g. access revoked): try again; auth decides.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1_000);
    });
    socket.on('connect_error', (err) => {
      if (err.message === 'unauthorized') {
        this.handlers.onSessionEnded('unauthorized');
        return;
      }
      this.state = navigator.onLine ? 'reconnecting' : 'offline';
    });
    socket.io.on('reconnect_attempt', () => {
      if (this.state !== 'offline') this.state = 'reconnecting';
    });

    const online = () => {
      if (!socket.connected) {
        this.state = 'reconnecting';
        socket.connect();
      }
    };
    const offline = () => {
      if (!socket.connected) this.state = 'offline';
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    this.#cleanup.push(() => window.removeEventListener('online', online), () => window.removeEventListener('offline', offline));

    socket.connect();
  }

  stop(): void {
    this.#cleanup.forEach((fn) => fn());
    this.#cleanup = [];
    this.#socket?.removeAllListeners();
    this.#socket?.io.removeAllListeners();
    this.#socket?.disconnect();
    this.#socket = null;
  }

  /** Sends a command if connected; resolves to false when it could not be delivered. */
  emit<E extends 'presence:set' | 'typing:set' | 'conversation:read'>(
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
  ): boolean {
    const socket = this.#socket;
    if (!socket?.connected) return false;
    (socket.emit as (ev: string, p: unknown) => void)(event, payload);
    return true;
  }

  /** Sends a command and waits for the server's ack: `undelivered` when offline or timed out. */
  async request<E extends 'presence:set' | 'typing:set' | 'conversation:read'>(
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
    timeoutMs = 5_000,
  ): Promise<'ok' | 'refused' | 'undelivered'> {
    const socket = this.#socket;
    if (!socket?.connected) return 'undelivered';
    try {
      const timed = socket.timeout(timeoutMs);
      const send = timed.emitWithAck as unknown as (this: typeof timed, ev: string, p: unknown) => Promise<{ ok: boolean }>;
      const ack = await send.call(timed, event, payload);
      return ack.ok ? 'ok' : 'refused';
    } catch {
      return 'undelivered';
    }
  }

  /** Tells the server which conversation this console shows; resolves to its other viewers (null when not delivered). */
  async viewing(conversationId: number | null): Promise<ConversationViewers | null> {
    const socket = this.#socket;
    if (!socket?.connected) return null;
    try {
      const ack = await socket.timeout(5_000).emitWithAck('viewing:set', { conversationId });
      return ack.ok ? ack.data : null;
    } catch {
      return null;
    }
  }

  async #onConnect() {
    const first = !this.#connectedOnce;
    this.#connectedOnce = true;
    await this.#sync();
    if (this.#socket?.connected) this.state = 'online';
    this.handlers.onConnected(first);
  }

  async #sync(): Promise<void> {
    const socket = this.#socket;
    if (!socket) return;
    this.#syncing = true;
    try {
      for (let round = 0; round < 1_000; round++) {
        const since = this.#lastSeq;
        let data: { events: LoggedEvent[]; seq: number; hasMore: boolean };
        try {
          const ack = await socket.timeout(15_000).emitWithAck('sync', { since });
          if (!ack.ok) throw new Error(ack.error.message);
          data = ack.data;
        } catch {
          // The socket may have dropped mid-sync; REST carries the same log.
          data = await api<{ events: LoggedEvent[]; seq: number; hasMore: boolean }>(`/api/sync?since=${since}`);
        }
        for (const e of data.events) this.#apply(e);
        // Nothing more to see up to `seq`: jump there (events we may not see are skipped).
        if (data.seq > this.#lastSeq) {
          this.#lastSeq = data.seq;
          this.#persist();
        }
        if (!data.hasMore) break;
      }
      this.syncedAt = Date.now();
    } catch {
      // Both paths failed: the next reconnect (or the retry below) syncs again from lastSeq.
      setTimeout(() => {
        if (this.#socket?.connected && !this.#syncing) void this.#sync();
      }, 3_000);
    } finally {
      this.#syncing = false;
      this.#flush();
    }
  }

  #flush() {
    const buffered = this.#buffer;
    this.#buffer = [];
    for (const e of buffered) this.#apply(e);
  }

  #live(event: LoggedEvent) {
    if (this.#syncing) this.#buffer.push(event);
    else this.#apply(event);
  }

  #apply(event: LoggedEvent) {
    if (event.seq <= this.#lastSeq) return;
    this.#lastSeq = event.seq;
    this.#persist();
    try {
      this.handlers.onEvent(event);
    } catch (err) {
      console.error('[realtime] could not apply', event.type, err);
    }
  }

  #persist() {
    try {
      sessionStorage.setItem(this.#storageKey, String(this.#lastSeq));
    } catch {
      // memory only
    }
  }
}
