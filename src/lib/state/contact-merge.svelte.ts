import type { ContactDetail, ContactListItem } from '$lib/shared/schemas/contact';
import { api, errorMessage, query } from '$lib/client/api';

/** The merge picker: search as you type, pick one, confirm, merge into the contact at hand. */
export class ContactMergeState {
  q = $state('');
  results = $state.raw<ContactListItem[]>([]);
  searching = $state(false);
  searched = $state(false);
  picked = $state.raw<ContactListItem | null>(null);
  busy = $state(false);
  error = $state<string | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | null = null;

  constructor(readonly targetId: number) {}

  /** Debounced: one request per pause in typing, the previous one cancelled. */
  search(): void {
    clearTimeout(this.#timer);
    const q = this.q.trim();
    if (!q) {
      this.results = [];
      this.searched = false;
      return;
    }
    this.#timer = setTimeout(() => void this.#run(q), 250);
  }

  async #run(q: string) {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.searching = true;
    this.error = null;
    try {
      const { items } = await api<{ items: ContactListItem[] }>(`/api/contacts${query({ q, exclude: this.targetId, limit: 20 })}`, { signal: abort.signal });
      this.results = items;
      this.searched = true;
    } catch (err) {
      if (!abort.signal.aborted) this.error = errorMessage(err);
    } finally {
      if (this.#abort === abort) this.searching = false;
    }
  }

  async merge(): Promise<ContactDetail | null> {
    if (!this.picked) return null;
    this.busy = true;
    this.error = null;
    try {
      return await api<ContactDetail>(`/api/contacts/${this.targetId}/merge`, { method: 'POST', body: { sourceContactId: this.picked.id } });
    } catch (err) {
      this.error = errorMessage(err);
      return null;
    } finally {
      this.busy = false;
    }
  }

  reset(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
    this.q = '';
    this.results = [];
    this.searched = false;
    this.picked = null;
    this.error = null;
  }
}
