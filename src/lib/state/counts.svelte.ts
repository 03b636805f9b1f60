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

/**
 * View badges from `GET /api/conversations/counts`: conversations with status `open` (what each
 * view's default "Open" list shows) and how many of those are unread. Refreshed (debounced)
 * after changes; reading a conversation takes it off the unread badges at once.
 */
export class CountsState {
  data = $state.raw<Counts | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #inflight = false;
  #again = false;
  /** Bumped by local adjustments: an answer requested before one is stale. */
  #edits = 0;

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

  /** An open, unread conversation was just read here: one fewer unread in its views. */
  readLocally(c: { status: string; assigneeId: number | null; inboxId: number }, meId: number): void {
    const d = this.data;
    if (!d || c.status !== 'open') return;
    const less = (b: Bucket): Bucket => ({ ...b, unread: Math.max(0, b.unread - 1) });
    this.#edits++;
    this.data = {
      mine: c.assigneeId === meId ? less(d.mine) : d.mine,
      unassigned: c.assigneeId === null ? less(d.unassigned) : d.unassigned,
      all: less(d.all),
      inboxes: d.inboxes.map((i) => (i.inboxId === c.inboxId ? { ...i, unread: Math.max(0, i.unread - 1) } : i)),
    };
  }

  async refresh(): Promise<void> {
    if (this.#inflight) {
      this.#again = true;
      return;
    }
    this.#inflight = true;
    const edits = this.#edits;
    try {
      const data = await api<Counts>('/api/conversations/counts');
      if (edits === this.#edits) this.data = data;
      else this.#again = true;
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
