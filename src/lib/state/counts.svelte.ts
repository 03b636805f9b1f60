import { api } from '$lib/client/api';

export interface Bucket {
  open: number;
  unread: number;
}
export interface Counts {
  mine: Bucket;
  unassigned: Bucket;
  all: Bucket;
  inboxes: { inboxId: number; open: number; unread: number }[];
}

/** View badges from `GET /api/conversations/counts`, refreshed (debounced) after changes. */
export class CountsState {
  data = $state.raw<Counts | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #inflight = false;
  #again = false;

  inbox(id: number): Bucket | undefined {
    return this.data?.inboxes.find((i) => i.inboxId === id);
  }

  schedule(ms = 400): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.refresh();
    }, ms);
  }

  async refresh(): Promise<void> {
    if (this.#inflight) {
      this.#again = true;
      return;
    }
    this.#inflight = true;
    try {
      this.data = await api<Counts>('/api/conversations/counts');
    } catch {
      // keep the last known badges
    } finally {
      this.#inflight = false;
      if (this.#again) {
        this.#again = false;
        this.schedule();
      }
    }
  }

  dispose() {
    if (this.#timer) clearTimeout(this.#timer);
  }
}
