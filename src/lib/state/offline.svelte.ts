/**
 * What this browser keeps for the agent: drafts and the outbox in IndexedDB. The outbox is
 * flushed on start, when the browser says it is online, when the socket reconnects, on a timer,
 * and when Background Sync fires (where the browser has it; never relied upon).
 */
import type { CreateMessageBody, Message } from '$lib/shared/schemas/message';
import type { Draft, DraftPair, PutDraftBody } from '$lib/shared/schemas/draft';
import { api, ApiError, errorMessage } from '$lib/client/api';
import { openOfflineDb, type OutboxItem } from '$lib/client/offline/offline-db';
import { Outbox, type SendResult } from '$lib/client/offline/outbox';
import { ReadCache } from '$lib/client/offline/read-cache';
import { DraftStore, type DraftRemote, type PutResult, type SyncOutcome } from '$lib/client/offline/draft-store';

// While replies or drafts wait, a cheap retry every few seconds: the `online` event is unreliable
// and the socket may take a while to come back after a long outage.
const FLUSH_EVERY_MS = 5_000;
const SYNC_TAG = 'switchboard-outbox';

async function postReply(item: OutboxItem): Promise<SendResult> {
  try {
    const message = await api<Message>(`/api/conversations/${item.conversationId}/messages`, { method: 'POST', body: item.body });
    return { ok: true, message };
  } catch (err) {
    const status = err instanceof ApiError ? err.status : 0;
    const error = errorMessage(err);
    // No answer, the server busy or restarting, or a session to renew: try again later.
    if (status === 0 || status === 401 || status === 408 || status === 429 || status >= 500) return { ok: false, retry: true, error };
    return { ok: false, retry: false, error };
  }
}

const draftRemote: DraftRemote = {
  get: (id) => api<DraftPair>(`/api/conversations/${id}/draft`),
  async put(id, body: PutDraftBody): Promise<PutResult> {
    const res = await fetch(`/api/conversations/${id}/draft`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
    const data = await res.json().catch(() => null);
    if (res.status === 409 && data?.current) return { ok: false, current: data.current };
    if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? 'http_error', data?.error?.message ?? res.statusText);
    return { ok: true, draft: data };
  },
};

type DraftListener = (outcome: SyncOutcome, draft: Draft) => void;

export interface OfflineHooks {
  /** A queued reply reached the server: show the stored message in place of the queued one. */
  sent(item: OutboxItem, message: Message): void;
  /** The first reply kept only in this browser while storage is not persistent. */
  storageAtRisk(): void;
}

export class OfflineState {
  /** Replies not yet accepted by the server, oldest first (pending and failed). */
  items = $state.raw<OutboxItem[]>([]);
  readonly ready: Promise<void>;
  drafts!: DraftStore;
  cache!: ReadCache;
  #outbox!: Outbox;
  #cleanup: (() => void)[] = [];
  #draftListeners = new Set<DraftListener>();
  /** Drafts the server clears itself, as their message just arrived (`conversationId:kind`). */
  #clearedBySend = new Set<string>();

  constructor(
    userId: number,
    private readonly hooks: OfflineHooks,
  ) {
    this.ready = openOfflineDb(userId).then(async (db) => {
      this.drafts = new DraftStore(db, draftRemote);
      this.cache = new ReadCache(db);
      this.#outbox = new Outbox(db, postReply, {
        sent: (item, message) => {
          this.#clearedBySend.add(`${item.conversationId}:${item.body.private ? 'note' : 'reply'}`);
          this.hooks.sent(item, message);
        },
        changed: (items) => (this.items = items),
      });
      this.items = await this.#outbox.items();
    });
  }

  get unsent(): number {
    return this.items.length;
  }

  start(): void {
    const flush = () => void this.flush();
    window.addEventListener('online', flush);
    // Replies or drafts may wait (an IndexedDB read when nothing does).
    const timer = setInterval(flush, FLUSH_EVERY_MS);
    const fromWorker = (e: MessageEvent) => {
      if (e.data?.type === 'FLUSH_OUTBOX') flush();
    };
    navigator.serviceWorker?.addEventListener('message', fromWorker);
    this.#cleanup.push(
      () => window.removeEventListener('online', flush),
      () => clearInterval(timer),
      () => navigator.serviceWorker?.removeEventListener('message', fromWorker),
    );
    flush();
  }

  stop(): void {
    this.#cleanup.forEach((f) => f());
    this.#cleanup = [];
  }

  /** Sends queued replies, then saves drafts typed while the server was out of reach. */
  async flush(): Promise<void> {
    await this.ready;
    await this.#outbox.flush();
    const cleared = new Set(this.#clearedBySend);
    this.#clearedBySend.clear();
    for (const local of await this.drafts.dirty()) {
      // Emptied by that send: the server's own clear (draft.updated) settles it without a stale save.
      if (local.text === '' && cleared.has(`${local.conversationId}:${local.kind}`)) continue;
      const outcome = await this.drafts.push(local.conversationId, local.kind);
      if (outcome.state === 'offline') break;
      if (outcome.state === 'conflict') for (const fn of this.#draftListeners) fn(outcome, outcome.theirs);
    }
  }

  /** Resolves once the reply is in IndexedDB; sending it goes on in the background. */
  async queue(conversationId: number, body: CreateMessageBody & { clientId: string }): Promise<void> {
    await this.ready;
    await this.#outbox.enqueue(conversationId, body);
    void this.#askForBackgroundSync();
    void this.#outbox.flush().then(() => {
      if (this.items.some((i) => i.clientId === body.clientId && i.state === 'pending')) this.hooks.storageAtRisk();
    });
  }

  /** A `draft.updated` event: merged into this browser's copy, then told to the open composer. */
  async remoteDraft(draft: Draft): Promise<void> {
    await this.ready;
    const outcome = await this.drafts.applyRemote(draft);
    for (const fn of this.#draftListeners) fn(outcome, draft);
  }

  onRemoteDraft(fn: DraftListener): () => void {
    this.#draftListeners.add(fn);
    return () => this.#draftListeners.delete(fn);
  }

  async retry(clientId: string): Promise<void> {
    await this.ready;
    await this.#outbox.retry(clientId);
  }

  async discard(clientId: string): Promise<void> {
    await this.ready;
    await this.#outbox.discard(clientId);
  }

  async #askForBackgroundSync() {
    try {
      const reg = await navigator.serviceWorker?.ready;
      const sync = (reg as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
      await sync?.register(SYNC_TAG);
    } catch {
      // Not available (or not allowed): the timer and the online event flush instead.
    }
  }
}
