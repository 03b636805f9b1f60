/**
 * The knowledge base page's list: search and filters (debounced, newest answer wins), and
 * deleting. Creating and editing is `KnowledgeFormState`.
 */
import { api, errorMessage, query } from '$lib/client/api';
import type { Locale } from '$lib/shared/schemas/common';
import type { KnowledgeEntry, KnowledgeKind, KnowledgeList } from '$lib/shared/schemas/knowledge';

export type KindFilter = 'all' | KnowledgeKind;
export type LanguageFilter = 'all' | Locale;

export class KnowledgeLibrary {
  items = $state.raw<KnowledgeEntry[] | null>(null);
  q = $state('');
  kind = $state<KindFilter>('all');
  language = $state<LanguageFilter>('all');
  error = $state<string | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request = 0;

  get filtered(): boolean {
    return !!this.q.trim() || this.kind !== 'all' || this.language !== 'all';
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    try {
      const params = { q: this.q.trim(), kind: this.kind === 'all' ? null : this.kind, language: this.language === 'all' ? null : this.language, limit: 200 };
      const res = await api<KnowledgeList>(`/api/knowledge${query(params)}`);
      if (request !== this.#request) return;
      this.items = res.items;
      this.error = null;
    } catch (err) {
      if (request !== this.#request) return;
      this.error = errorMessage(err);
      this.items ??= [];
    }
  }

  /** After a keystroke in the search box. */
  searchSoon(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.load(), 200);
  }

  /** A saved entry replaces its old version (or joins the list) without a reload. */
  saved(entry: KnowledgeEntry): void {
    const items = this.items ?? [];
    this.items = items.some((e) => e.id === entry.id) ? items.map((e) => (e.id === entry.id ? entry : e)) : [entry, ...items];
  }

  async remove(entry: KnowledgeEntry): Promise<boolean> {
    try {
      await api(`/api/knowledge/${entry.id}`, { method: 'DELETE' });
      this.items = (this.items ?? []).filter((e) => e.id !== entry.id);
      return true;
    } catch (err) {
      this.error = errorMessage(err);
      return false;
    }
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}
