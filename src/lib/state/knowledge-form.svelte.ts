/**
 * The create and edit form of one knowledge entry: the values, the body the server expects, and
 * the server's 400 issues placed at their fields.
 */
import { api, ApiError, errorMessage } from '$lib/client/api';
import type { Locale } from '$lib/shared/schemas/common';
import type { KnowledgeEntry, KnowledgeKind } from '$lib/shared/schemas/knowledge';
import { unknownVariables } from '$lib/shared/knowledge-variables';

type Issue = { path?: unknown[]; message?: string };
export type LanguageChoice = 'any' | Locale;

export const tagsOf = (text: string) => [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];

export class KnowledgeFormState {
  kind = $state<KnowledgeKind>('response');
  title = $state('');
  body = $state('');
  tags = $state('');
  language = $state<LanguageChoice>('any');
  shortcut = $state('');
  inboxIds = $state<number[]>([]);
  errors = $state<Record<string, string>>({});
  formError = $state<string | null>(null);
  busy = $state(false);

  constructor(
    readonly entry: KnowledgeEntry | null = null,
    defaults: { language?: Locale | null } = {},
  ) {
    this.kind = entry?.kind ?? 'response';
    this.title = entry?.title ?? '';
    this.body = entry?.body ?? '';
    this.tags = entry?.tags.join(', ') ?? '';
    this.language = (entry ? entry.language : defaults.language) ?? 'any';
    this.shortcut = entry?.shortcut ?? '';
    this.inboxIds = entry ? [...entry.inboxIds] : [];
  }

  /** Variables in the text that inserting cannot fill: shown while typing, saved anyway. */
  get unknownVariables(): string[] {
    return unknownVariables(this.body);
  }

  payload() {
    return {
      kind: this.kind,
      title: this.title.trim(),
      body: this.body.trim(),
      tags: tagsOf(this.tags),
      language: this.language === 'any' ? null : this.language,
      shortcut: this.shortcut.trim() || null,
      inboxIds: this.inboxIds,
    };
  }

  toggleInbox(id: number, on: boolean): void {
    this.inboxIds = on ? [...new Set([...this.inboxIds, id])] : this.inboxIds.filter((i) => i !== id);
  }

  /** Saves; the saved entry, or null with the errors shown. */
  async save(): Promise<KnowledgeEntry | null> {
    this.busy = true;
    this.errors = {};
    this.formError = null;
    try {
      const path = this.entry ? `/api/knowledge/${this.entry.id}` : '/api/knowledge';
      return await api<KnowledgeEntry>(path, { method: this.entry ? 'PATCH' : 'POST', body: this.payload() });
    } catch (err) {
      this.#place(err);
      return null;
    } finally {
      this.busy = false;
    }
  }

  #place(err: unknown): void {
    const errors: Record<string, string> = {};
    if (err instanceof ApiError) {
      for (const issue of err.issues as Issue[]) {
        const field = typeof issue.path?.[0] === 'string' ? issue.path[0] : null;
        if (field && issue.message && !errors[field]) errors[field] = issue.message;
      }
      if (err.code === 'unknown_inbox') errors.inboxIds = err.message;
    }
    this.errors = errors;
    if (!Object.keys(errors).length) this.formError = errorMessage(err);
  }
}
