/**
 * My @mentions: the Mentions view's list (newest first, paged back), the unread count for the
 * views nav, kept live by `mention.created` / `mention.read` (which sync replays after a drop).
 */
import type { Mention, MentionList } from '$lib/shared/schemas/collab';
import { api, errorMessage } from '$lib/client/api';

export class MentionsState {
  items = $state.raw<Mention[]>([]);
  unread = $state(0);
  nextCursor = $state<string | null>(null);
  loading = $state(false);
  loaded = $state(false);
  error = $state<string | null>(null);

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const page = await api<MentionList>('/api/mentions?limit=30');
      this.items = page.items;
      this.unread = page.unread;
      this.nextCursor = page.nextCursor;
      this.loaded = true;
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.loading = false;
    }
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loading) return;
    this.loading = true;
    try {
      const page = await api<MentionList>(`/api/mentions?limit=30&before=${encodeURIComponent(this.nextCursor)}`);
      const known = new Set(this.items.map((i) => i.id));
      this.items = [...this.items, ...page.items.filter((i) => !known.has(i.id))];
      this.nextCursor = page.nextCursor;
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.loading = false;
    }
  }

  /** A teammate mentioned me (live or replayed): newest first, once. */
  added(mention: Mention, unread: number): void {
    this.unread = unread;
    if (this.items.some((i) => i.id === mention.id)) return;
    this.items = [mention, ...this.items].sort((a, b) => b.id - a.id);
  }

  /** Mentions were read here or on another of my devices. */
  read(ids: number[], unread: number, at = new Date().toISOString()): void {
    this.unread = unread;
    const set = new Set(ids);
    if (this.items.some((i) => set.has(i.id) && !i.readAt)) this.items = this.items.map((i) => (set.has(i.id) && !i.readAt ? { ...i, readAt: at } : i));
  }

  hasUnreadIn(conversationId: number): boolean {
    return this.items.some((i) => i.conversationId === conversationId && !i.readAt);
  }

  /** Marks mentions read: shown at once, then stored (the `mention.read` event confirms the count). */
  async markRead(body: { ids: number[] } | { conversationId: number } | { all: true }): Promise<void> {
    const ids = 'ids' in body ? body.ids : this.items.filter((i) => !i.readAt && ('all' in body || i.conversationId === body.conversationId)).map((i) => i.id);
    const fresh = ids.filter((id) => this.items.some((i) => i.id === id && !i.readAt));
    if (fresh.length) this.read(fresh, Math.max(0, this.unread - fresh.length));
    try {
      const res = await api<{ ids: number[]; unread: number }>('/api/mentions/read', { method: 'POST', body });
      this.unread = res.unread;
    } catch {
      // The badge is corrected by the next load or event.
    }
  }
}
