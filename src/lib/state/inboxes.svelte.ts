import type { Inbox } from '$lib/shared/schemas/inbox';
import { api } from '$lib/client/api';
import type { ReadCache } from '$lib/client/offline/read-cache';

/** The inboxes I can see (all of them for supervisors and admins). */
export class InboxesState {
  items = $state.raw<Inbox[]>([]);
  loaded = $state(false);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #asked = new Set<number>();

  /** `cache` keeps the last answer for offline starts (the service worker never caches the API). */
  constructor(private readonly cache?: () => Promise<ReadCache>) {}

  /** A conversation of an inbox I do not know yet (one created since I loaded): load again, once. */
  notice(id: number): void {
    if (!this.loaded || this.get(id) || this.#timer || this.#asked.has(id)) return;
    this.#asked.add(id);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.load();
    }, 300);
  }

  async load(): Promise<void> {
    try {
      const { items } = await api<{ items: Inbox[] }>('/api/inboxes');
      this.items = items.slice().sort((a, b) => a.name.localeCompare(b.name));
      void this.cache?.().then((c) => c.saveInboxes(this.items)).catch(() => undefined);
    } catch {
      // Keep what we had; on an offline start, what was saved last time.
      if (!this.items.length) {
        const saved = await this.cache?.().then((c) => c.loadInboxes()).catch(() => undefined);
        if (saved && !this.items.length) this.items = saved.items;
      }
    } finally {
      this.loaded = true;
    }
  }

  get(id: number | null | undefined): Inbox | undefined {
    return id == null ? undefined : this.items.find((i) => i.id === id);
  }
}
