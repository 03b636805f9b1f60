/**
 * Replies that have not reached the server yet. Each has a client-generated id that the server
 * stores once per conversation, so however often a flush is interrupted, repeated or run in two
 * tabs at once, the customer gets every reply exactly once, in the order it was written.
 */
import type { CreateMessageBody, Message } from '$lib/shared/schemas/message';
import type { OfflineDb, OutboxItem } from './offline-db';

/** What one attempt came to: stored, try again later (network, server down), or refused. */
export type SendResult = { ok: true; message: Message } | { ok: false; retry: true; error: string } | { ok: false; retry: false; error: string };

export type OutboxSender = (item: OutboxItem) => Promise<SendResult>;

export interface OutboxEvents {
  /** The server stored it (the stored message replaces the queued one). */
  sent(item: OutboxItem, message: Message): void;
  /** The list changed (queued, failed, retried, discarded). */
  changed(items: OutboxItem[]): void;
}

const LOCK = 'switchboard-outbox-flush';

export class Outbox {
  #flushing: Promise<void> | null = null;
  #again = false;
  #changes = 0;

  constructor(
    private readonly db: OfflineDb,
    private readonly send: OutboxSender,
    private readonly events: OutboxEvents,
  ) {}

  async items(): Promise<OutboxItem[]> {
    return this.db.getAllFromIndex('outbox', 'order');
  }

  /** Keeps the reply in IndexedDB before anything else happens to it. */
  async enqueue(conversationId: number, body: CreateMessageBody & { clientId: string }): Promise<OutboxItem> {
    // Reading the last place and taking the next in one transaction: replies written in quick
    // succession never share a place (and so never go out of order).
    const tx = this.db.transaction('outbox', 'readwrite');
    const last = await tx.store.index('order').openCursor(null, 'prev');
    const item: OutboxItem = { clientId: body.clientId, conversationId, body, order: (last?.value.order ?? 0) + 1, createdAt: Date.now(), attempts: 0, state: 'pending', error: null };
    await tx.store.put(item);
    await tx.done;
    await this.#changed();
    return item;
  }

  /**
   * Sends what is pending, oldest first. Stops at the first network failure (so order holds);
   * a refused reply is marked failed with the server's reason and the rest go on. Calls while a
   * flush runs make it go round once more instead of starting a second one.
   */
  flush(): Promise<void> {
    if (this.#flushing) {
      this.#again = true;
      return this.#flushing;
    }
    this.#flushing = (async () => {
      try {
        do {
          this.#again = false;
          await withLock(() => this.#flushOnce());
        } while (this.#again);
      } finally {
        this.#flushing = null;
      }
    })();
    return this.#flushing;
  }

  async retry(clientId: string): Promise<void> {
    const item = await this.db.get('outbox', clientId);
    if (!item) return;
    await this.db.put('outbox', { ...item, state: 'pending', error: null });
    await this.#changed();
    await this.flush();
  }

  async discard(clientId: string): Promise<void> {
    await this.db.delete('outbox', clientId);
    await this.#changed();
  }

  async #flushOnce(): Promise<void> {
    for (const queued of await this.items()) {
      // Another tab may have sent or discarded it meanwhile.
      const item = await this.db.get('outbox', queued.clientId);
      if (!item || item.state !== 'pending') continue;
      const attempt = { ...item, attempts: item.attempts + 1 };
      const result = await this.send(attempt).catch((err: unknown): SendResult => ({ ok: false, retry: true, error: err instanceof Error ? err.message : String(err) }));
      if (result.ok) {
        await this.db.delete('outbox', item.clientId);
        this.events.sent(item, result.message);
        await this.#changed();
        continue;
      }
      if (result.retry) {
        await this.db.put('outbox', { ...attempt, error: result.error });
        await this.#changed();
        return;
      }
      await this.db.put('outbox', { ...attempt, state: 'failed', error: result.error });
      await this.#changed();
    }
  }

  /** Reports the list; a slower read that a newer one overtook is dropped, never shown last. */
  async #changed() {
    const change = ++this.#changes;
    const items = await this.items();
    if (change === this.#changes) this.events.changed(items);
  }
}

/** One flush at a time across this browser's tabs, where the Web Locks API exists. */
async function withLock(fn: () => Promise<void>): Promise<void> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return fn();
  await locks.request(LOCK, fn);
}
