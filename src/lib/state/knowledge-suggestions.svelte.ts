/**
 * The `/` menu of the composer: typing `/` at the start of a line or after a space searches the
 * knowledge base as you type (debounced, newest answer wins), and picking an entry replaces the
 * `/query` with its body, variables filled. What could not be filled stays visible and is listed
 * (`unresolvedIn`) until the agent replaces it.
 */
import { api, query } from '$lib/client/api';
import type { KnowledgeEntry, KnowledgeList } from '$lib/shared/schemas/knowledge';
import { fillVariables, stillUnresolved, type VariableContext } from '$lib/shared/knowledge-variables';
import { suggestionKeydown } from './suggestion-keys';

const MAX = 8;
const DEBOUNCE_MS = 120;

/** The `/query` being typed just before the caret; null when the caret is not in one. */
export function slashQueryAt(text: string, caret: number): { query: string; start: number } | null {
  const before = text.slice(0, caret);
  // Words separated by single spaces, so `/zwrot pien` searches two words; a line break, a
  // double space or a long run of words is ordinary writing again.
  const match = /(?:^|(?<=\s))\/((?:[\p{L}\p{N}_-]+ ?){0,4})$/u.exec(before);
  if (!match || match[1].length > 40) return null;
  return { query: match[1], start: match.index };
}

export type KnowledgePick = { text: string; caret: number };
type Search = (q: string, signal: AbortSignal) => Promise<KnowledgeEntry[]>;

export class KnowledgeSuggestions {
  items = $state.raw<KnowledgeEntry[]>([]);
  active = $state(0);
  /** `{{variables}}` an insertion could not fill, for the notice under the composer. */
  flagged = $state.raw<string[]>([]);
  #start = -1;
  #end = -1;
  #query: string | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inflight: AbortController | null = null;

  constructor(
    private readonly context: () => VariableContext,
    private readonly search: Search,
  ) {}

  /** The knowledge base over REST, ranked for the conversation (its inbox and customer's language). */
  static forConversation(conversationId: () => number, context: () => VariableContext): KnowledgeSuggestions {
    return new KnowledgeSuggestions(context, async (q, signal) => {
      const res = await api<KnowledgeList>(`/api/knowledge${query({ q, conversationId: conversationId(), limit: MAX })}`, { signal });
      return res.items;
    });
  }

  get open(): boolean {
    return this.items.length > 0;
  }

  /** Call on every input and caret move with the textarea's value and caret. */
  update(text: string, caret: number): void {
    const at = slashQueryAt(text, caret);
    if (!at) return this.close();
    this.#start = at.start;
    this.#end = caret;
    const q = at.query.trim();
    if (q === this.#query) return;
    this.#query = q;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#fetch(q), DEBOUNCE_MS);
  }

  async #fetch(q: string): Promise<void> {
    this.#inflight?.abort();
    const ctrl = new AbortController();
    this.#inflight = ctrl;
    try {
      const items = await this.search(q, ctrl.signal);
      if (ctrl.signal.aborted || this.#query !== q) return;
      this.items = items.slice(0, MAX);
      this.active = 0;
    } catch {
      // Offline or refused: no suggestions, and typing goes on as usual.
      if (!ctrl.signal.aborted && this.#query === q) this.items = [];
    }
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#inflight?.abort();
    this.#inflight = null;
    this.#query = null;
    this.items = [];
    this.active = 0;
  }

  /** Handles the keys that drive the list; true when the key was used (the caller stops it). */
  keydown(e: Pick<KeyboardEvent, 'key' | 'isComposing' | 'preventDefault'>, text: string, apply: (pick: KnowledgePick) => void): boolean {
    return suggestionKeydown(this, e, () => apply(this.pick(text, this.items[this.active])));
  }

  /** The text with the typed `/query` replaced by the entry's body, its variables filled. */
  pick(text: string, entry: KnowledgeEntry): KnowledgePick {
    const filled = fillVariables(entry.body, this.context());
    this.flagged = filled.unresolved;
    const after = text.slice(this.#end);
    const glue = after && !/^\s/.test(after) ? ' ' : '';
    this.close();
    return { text: text.slice(0, this.#start) + filled.text + glue + after, caret: this.#start + filled.text.length };
  }

  /** The flagged variables still in the text: those the agent has not replaced yet. */
  unresolvedIn(text: string): string[] {
    return this.flagged.length ? stillUnresolved(text, this.flagged) : [];
  }

  dispose(): void {
    this.close();
  }
}
