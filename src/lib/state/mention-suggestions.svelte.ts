/**
 * Suggestions while an agent types `@` in a private note: teammates whose name or handle starts
 * with what follows the `@` (any word of the name, accents ignored), chosen with the arrow keys
 * and Enter or Tab, or the mouse.
 */
import { handleOf, mentionQueryAt } from '$lib/shared/mentions';
import type { UserSummary } from '$lib/shared/schemas/user';
import { suggestionKeydown } from './suggestion-keys';

const MAX = 6;
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

export type MentionPick = { text: string; caret: number };

export class MentionSuggestions {
  items = $state.raw<UserSummary[]>([]);
  active = $state(0);
  #start = -1;
  #query = '';
  #end = -1;

  constructor(private readonly teammates: () => UserSummary[]) {}

  get open(): boolean {
    return this.items.length > 0;
  }

  /** Call on every input and caret move with the textarea's value and caret. */
  update(text: string, caret: number): void {
    const at = mentionQueryAt(text, caret);
    if (!at) return this.close();
    const q = fold(at.query);
    this.#start = at.start;
    this.#end = caret;
    const matches = this.teammates().filter((u) => !u.disabled && (fold(handleOf(u.email)).startsWith(q) || fold(u.name).split(/\s+/).some((w) => w.startsWith(q))));
    // A new query starts at its best match; a caret move that keeps the query keeps the choice.
    if (q !== this.#query || this.active >= matches.length) this.active = 0;
    this.#query = q;
    this.items = matches.slice(0, MAX);
  }

  close(): void {
    this.items = [];
    this.active = 0;
  }

  /** Handles the keys that drive the list; true when the key was used (the caller stops it). */
  keydown(e: Pick<KeyboardEvent, 'key' | 'isComposing' | 'preventDefault'>, text: string, apply: (pick: MentionPick) => void): boolean {
    return suggestionKeydown(this, e, () => apply(this.pick(text, this.items[this.active])));
  }

  /** The text with the typed `@query` replaced by the teammate's handle and a space. */
  pick(text: string, user: UserSummary): MentionPick {
    const mention = `@${handleOf(user.email)} `;
    const after = text.slice(this.#end).replace(/^ /, '');
    this.close();
    return { text: text.slice(0, this.#start) + mention + after, caret: this.#start + mention.length };
  }
}
