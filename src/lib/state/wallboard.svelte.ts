/**
 * The wallboard's live figures. It keeps its own socket: on every (re)connect it joins the
 * wallboard again, and the join's answer is the full current snapshot, so a dropped network or a
 * night asleep resyncs by itself; between snapshots the server pushes `metrics.live` whenever a
 * figure changes. Waits grow on the screen every second from the time the figures were received.
 */
import type { LiveMetrics, LiveQueueFigures } from '$lib/shared/schemas/metrics';
import { createSocket, type AppSocket } from '$lib/client/socket';
import { keepScreenAwake } from '$lib/client/wake-lock';

export type WallboardConnection = 'connecting' | 'live' | 'stale' | 'forbidden';

export class WallboardState {
  figures = $state<LiveMetrics | null>(null);
  connection = $state<WallboardConnection>('connecting');
  now = $state(Date.now());
  #receivedAt = 0;
  #socket: AppSocket | null = null;
  #cleanup: (() => void)[] = [];

  start() {
    const socket = createSocket();
    this.#socket = socket;
    socket.on('connect', () => this.#join());
    socket.on('disconnect', () => {
      if (this.connection !== 'forbidden') this.connection = 'stale';
    });
    socket.on('metrics.live', (figures) => this.#apply(figures));
    socket.connect();

    const tick = setInterval(() => (this.now = Date.now()), 1000);
    // Back from sleep: the socket may not have noticed the network went away.
    const wake = () => {
      if (document.visibilityState !== 'visible') return;
      if (socket.connected) this.#join();
      else socket.connect();
    };
    document.addEventListener('visibilitychange', wake);
    window.addEventListener('online', wake);
    this.#cleanup.push(
      () => clearInterval(tick),
      () => document.removeEventListener('visibilitychange', wake),
      () => window.removeEventListener('online', wake),
      keepScreenAwake(),
    );
  }

  stop() {
    this.#cleanup.forEach((fn) => fn());
    this.#cleanup = [];
    this.#socket?.removeAllListeners();
    this.#socket?.disconnect();
    this.#socket = null;
  }

  /** Seconds the longest waiting customer has waited, as of now. */
  waitSeconds(q: LiveQueueFigures): number {
    if (!q.waiting) return 0;
    return q.longestWaitSeconds + Math.max(0, Math.floor((this.now - this.#receivedAt) / 1000));
  }

  agentCounts() {
    const agents = this.figures?.agents ?? [];
    return {
      online: agents.filter((a) => a.status === 'online').length,
      away: agents.filter((a) => a.status === 'away').length,
      offline: agents.filter((a) => a.status === 'offline').length,
    };
  }

  #join() {
    this.#socket?.emit('wallboard:join', {}, (ack) => {
      if (ack.ok) this.#apply(ack.data);
      else if (ack.error.code === 'forbidden') this.connection = 'forbidden';
    });
  }

  #apply(figures: LiveMetrics) {
    this.figures = figures;
    this.#receivedAt = Date.now();
    this.now = this.#receivedAt;
    this.connection = 'live';
  }
}
