/**
 * Counts failures per key in a sliding window. In memory: one process serves the embedded
 * SQLite deployment; a scale-out deployment would keep this in Redis next to the socket adapter.
 */
export class RateLimiter {
  readonly #hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  #recent(key: string, now: number): number[] {
    const list = (this.#hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.#hits.set(key, list);
    else this.#hits.delete(key);
    return list;
  }

  blocked(key: string, now = Date.now()): boolean {
    return this.#recent(key, now).length >= this.limit;
  }

  hit(key: string, now = Date.now()): void {
    this.#hits.set(key, [...this.#recent(key, now), now]);
  }

  /** Seconds until the oldest failure leaves the window. */
  retryAfter(key: string, now = Date.now()): number {
    const list = this.#recent(key, now);
    return list.length ? Math.max(1, Math.ceil((list[0] + this.windowMs - now) / 1000)) : 0;
  }
}
