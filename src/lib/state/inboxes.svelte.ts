import type { Inbox } from '$lib/shared/schemas/inbox';
import { api } from '$lib/client/api';

/** The inboxes I can see (all of them for supervisors and admins). */
export class InboxesState {
  items = $state.raw<Inbox[]>([]);
  loaded = $state(false);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #asked = new Set<number>();

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
    } catch {
      // keep what we had
    } finally {
      this.loaded = true;
    }
  }

  get(id: number | null | undefined): Inbox | undefined {
    return id == null ? undefined : this.items.find((i) => i.id === id);
  }
}
