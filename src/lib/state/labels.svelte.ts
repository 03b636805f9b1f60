/**
 * Labels in use on the conversations I can see (`GET /api/labels`), for the Labels views and
 * the label pickers. Loaded at start and refreshed (debounced) when a conversation's labels
 * change or my access changes.
 */
import type { LabelList } from '$lib/shared/schemas/conversation';
import { api } from '$lib/client/api';

export type LabelCount = LabelList['items'][number];

export class LabelsState {
  items = $state.raw<LabelCount[]>([]);
  loaded = $state(false);
  /** The names alone, for suggestions (most used first). */
  names = $derived(
    this.items
      .slice()
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      .map((l) => l.name),
  );

  #timer: ReturnType<typeof setTimeout> | null = null;
  #inflight = false;
  #again = false;

  constructor() {
    try {
      // Labels were once learnt from seen conversations and kept here; the server knows them now.
      localStorage.removeItem('sb_labels');
    } catch {
      // no storage: nothing to forget
    }
  }

  schedule(ms = 800): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.load();
    }, ms);
  }

  async load(): Promise<void> {
    if (this.#inflight) {
      this.#again = true;
      return;
    }
    this.#inflight = true;
    try {
      const { items } = await api<LabelList>('/api/labels');
      this.items = items;
    } catch {
      // keep the last known labels
    } finally {
      this.#inflight = false;
      this.loaded = true;
      if (this.#again) {
        this.#again = false;
        this.schedule(200);
      }
    }
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
