import { io, type Socket } from 'socket.io-client';
import type { WidgetClientToServer, WidgetHandshake, WidgetMessage, WidgetServerToClient, WidgetSession } from '../../src/lib/shared/widget-events';

type Received = { type: string; payload: any };

/** A visitor's widget socket as the frame opens it: namespace /widget, the handshake in `auth`. */
export class VisitorClient {
  readonly socket: Socket<WidgetServerToClient, WidgetClientToServer>;
  readonly received: Received[] = [];
  session: WidgetSession | null = null;
  #waiters: (() => void)[] = [];

  constructor(base: string, auth: WidgetHandshake, opts: { origin?: string } = {}) {
    this.socket = io(`${base}/widget`, {
      transports: ['websocket'],
      auth,
      extraHeaders: opts.origin ? { origin: opts.origin } : undefined,
      reconnection: false,
      // Its own connection: a shared Manager would carry the console client's cookie, or lack it.
      forceNew: true,
    });
    this.socket.on('session.ready', (s) => {
      this.session = s;
      this.#push('session.ready', s);
    });
    for (const type of ['message.created', 'messages.seen', 'agent.typing', 'agents.online', 'incident.banner', 'csat.survey'] as const) {
      this.socket.on(type, (payload: unknown) => this.#push(type, payload));
    }
  }

  #push(type: string, payload: unknown) {
    this.received.push({ type, payload });
    const w = this.#waiters;
    this.#waiters = [];
    w.forEach((f) => f());
  }

  /** Resolves with the session, or rejects with the handshake refusal (`err.data.code`). */
  ready(timeoutMs = 5000): Promise<WidgetSession> {
    return new Promise((resolve, reject) => {
      if (this.session) return resolve(this.session);
      const t = setTimeout(() => reject(new Error('no session.ready')), timeoutMs);
      this.socket.once('session.ready', (s) => (clearTimeout(t), resolve(s)));
      this.socket.once('connect_error', (err) => (clearTimeout(t), reject(err)));
    });
  }

  messages(): WidgetMessage[] {
    return this.received.filter((r) => r.type === 'message.created').map((r) => r.payload as WidgetMessage);
  }

  of(type: string) {
    return this.received.filter((r) => r.type === type).map((r) => r.payload);
  }

  async until(predicate: () => boolean, timeoutMs = 4000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; received: ${JSON.stringify(this.received.map((r) => r.type))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 100));
        this.#waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }

  send(text: string, clientId: string) {
    return this.socket.emitWithAck('message:send', { clientId, text });
  }

  close() {
    this.socket.close();
  }
}
