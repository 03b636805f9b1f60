/**
 * What the agent last saw, for reading with no network: the first page of each list view and the
 * most recently opened conversations with their messages. Always shown with the time it was
 * saved; replaced by fresh data as soon as the server answers.
 */
import type { ConversationDetail, ConversationSummary } from '$lib/shared/schemas/conversation';
import type { Message } from '$lib/shared/schemas/message';
import type { Inbox } from '$lib/shared/schemas/inbox';
import type { CachedInboxes, CachedList, CachedThread, OfflineDb } from './offline-db';

export const KEEP_THREADS = 50;

export class ReadCache {
  constructor(private readonly db: OfflineDb) {}

  async saveList(key: string, items: ConversationSummary[]): Promise<void> {
    await this.db.put('lists', { key, items, savedAt: Date.now() });
  }

  loadList(key: string): Promise<CachedList | undefined> {
    return this.db.get('lists', key);
  }

  /** Keeps the conversation; the oldest beyond the last {@link KEEP_THREADS} are dropped. */
  async saveThread(detail: ConversationDetail, messages: Message[]): Promise<void> {
    const tx = this.db.transaction('threads', 'readwrite');
    await tx.store.put({ conversationId: detail.id, detail, messages: messages.filter((m) => m.id > 0), savedAt: Date.now() });
    let extra = (await tx.store.count()) - KEEP_THREADS;
    let cursor = extra > 0 ? await tx.store.index('savedAt').openCursor() : null;
    while (cursor && extra-- > 0) {
      await cursor.delete();
      cursor = await cursor.continue();
    }
    await tx.done;
  }

  loadThread(id: number): Promise<CachedThread | undefined> {
    return this.db.get('threads', id);
  }

  async saveInboxes(items: Inbox[]): Promise<void> {
    await this.db.put('meta', { key: 'inboxes', items, savedAt: Date.now() });
  }

  loadInboxes(): Promise<CachedInboxes | undefined> {
    return this.db.get('meta', 'inboxes');
  }
}
