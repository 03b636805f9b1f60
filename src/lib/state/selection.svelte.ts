/**
 * Conversations picked in the list for a bulk action. A checkbox on a row (or `x`, or a
 * long press) toggles one, Shift extends from the last one toggled, Esc clears. On phones a
 * "Select" button or a long press enters selection mode, where a tap toggles instead of opening.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { ConversationSummary } from '$lib/shared/schemas/conversation';

/** The server takes at most this many ids per bulk request. */
export const BULK_MAX = 500;

export class SelectionState {
  readonly ids = new SvelteSet<number>();
  /** Selection mode entered by hand (phone): a tap on a row toggles it. */
  mode = $state(false);
  /** A bulk request is on its way. */
  busy = $state(false);
  /** Where a Shift range starts: the row toggled last. */
  #anchor: number | null = null;

  constructor(private readonly rows: () => ConversationSummary[]) {}

  /** The action bar shows (and the checkboxes stay visible). */
  get active(): boolean {
    return this.mode || this.ids.size > 0;
  }

  get size(): number {
    return this.ids.size;
  }

  has(id: number): boolean {
    return this.ids.has(id);
  }

  /** Selected rows, in list order. */
  selected(): ConversationSummary[] {
    if (!this.ids.size) return [];
    return this.rows().filter((c) => this.ids.has(c.id));
  }

  toggle(id: number, on = !this.ids.has(id)): void {
    if (on) {
      if (this.ids.size < BULK_MAX) this.ids.add(id);
    } else this.ids.delete(id);
    this.#anchor = id;
  }

  /** Shift: everything between the last toggled row and this one takes this one's new state. */
  range(id: number, on = !this.ids.has(id)): void {
    const rows = this.rows();
    const from = this.#anchor === null ? -1 : rows.findIndex((c) => c.id === this.#anchor);
    const to = rows.findIndex((c) => c.id === id);
    if (from < 0 || to < 0) return this.toggle(id, on);
    const [lo, hi] = from < to ? [from, to] : [to, from];
    for (let i = lo; i <= hi; i++) {
      const rid = rows[i]!.id;
      if (!on) this.ids.delete(rid);
      else if (this.ids.size < BULK_MAX) this.ids.add(rid);
    }
    this.#anchor = id;
  }

  /** All loaded rows (up to the bulk limit). */
  selectAll(): void {
    for (const c of this.rows()) {
      if (this.ids.size >= BULK_MAX) break;
      this.ids.add(c.id);
    }
  }

  /** Keeps only these (e.g. the ones a bulk action could not change). */
  keep(ids: number[]): void {
    const wanted = new Set(ids);
    for (const id of [...this.ids]) if (!wanted.has(id)) this.ids.delete(id);
  }

  /** Forgets rows that left the list (resolved elsewhere, moved to another view, ...). */
  prune(rows: ConversationSummary[]): void {
    if (!this.ids.size) return;
    const present = new Set(rows.map((c) => c.id));
    for (const id of [...this.ids]) if (!present.has(id)) this.ids.delete(id);
  }

  enter(): void {
    this.mode = true;
  }

  clear(): void {
    this.ids.clear();
    this.mode = false;
    this.#anchor = null;
  }
}
