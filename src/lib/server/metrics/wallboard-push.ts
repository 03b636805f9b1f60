/**
 * Pushes `metrics.live` to open wallboards. Sockets join one room per distinct scope
 * (`wallboard:all`, or a lead's inboxes and agents), so equal scopes share one computation.
 * Bus events are coalesced: the first relevant event arms a short timer and everything that
 * happens until it fires is answered by one recompute per scope. A slower tick catches what
 * changes with time alone (waits growing, SLA targets turning amber); a scope's figures are
 * sent only when they differ from the last ones sent.
 */
import type { LiveMetrics } from '$lib/shared/schemas/metrics';
import type { EventBus, PublishedEvent } from '../events/event-bus';
import type { LiveMetricsService } from './live-metrics.service';
import { scopeKey, type MetricsScope } from './metrics-scope';

export const WALLBOARD_COALESCE_MS = 300;
export const WALLBOARD_TICK_MS = 10_000;

/** What the push loop needs of Socket.IO (kept small so it is easy to follow and to test). */
export interface WallboardRooms {
  size(room: string): number;
  emit(room: string, figures: LiveMetrics): void;
}

const IGNORED: ReadonlySet<PublishedEvent['type']> = new Set(['draft.updated', 'incident.progress', 'access.changed']);

const fingerprint = (m: LiveMetrics) => JSON.stringify({ ...m, generatedAt: null });

export class WallboardPush {
  readonly #scopes = new Map<string, MetricsScope>();
  readonly #sent = new Map<string, string>();
  #timer: NodeJS.Timeout | null = null;
  #tick: NodeJS.Timeout | null = null;
  #stop: (() => void) | null = null;

  constructor(
    private readonly live: LiveMetricsService,
    private readonly rooms: WallboardRooms,
  ) {}

  static room(scope: MetricsScope): string {
    return `wallboard:${scopeKey(scope)}`;
  }

  start(bus: EventBus): () => void {
    this.#stop = bus.subscribe((e) => {
      if (!IGNORED.has(e.type)) this.schedule();
    });
    this.#tick = setInterval(() => this.flush(), WALLBOARD_TICK_MS);
    this.#tick.unref();
    return () => this.stop();
  }

  stop() {
    this.#stop?.();
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#tick) clearInterval(this.#tick);
    this.#timer = this.#tick = null;
  }

  /** A socket joined: remember its scope and hand it the figures now. */
  joined(scope: MetricsScope): LiveMetrics {
    const room = WallboardPush.room(scope);
    this.#scopes.set(room, scope);
    const figures = this.live.forScope(scope);
    this.#sent.set(room, fingerprint(figures));
    return figures;
  }

  schedule() {
    if (this.#timer || !this.#scopes.size) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.flush();
    }, WALLBOARD_COALESCE_MS);
  }

  flush() {
    for (const [room, scope] of this.#scopes) {
      if (this.rooms.size(room) === 0) {
        this.#scopes.delete(room);
        this.#sent.delete(room);
        continue;
      }
      try {
        const figures = this.live.forScope(scope);
        const print = fingerprint(figures);
        if (this.#sent.get(room) === print) continue;
        this.#sent.set(room, print);
        this.rooms.emit(room, figures);
      } catch (err) {
        console.error('[wallboard] recompute failed', err);
      }
    }
  }
}
