/** What a composer's suggestion list (mentions, canned responses) exposes to the keyboard. */
export interface SuggestionList {
  readonly open: boolean;
  readonly items: readonly unknown[];
  active: number;
  close(): void;
}

/**
 * The keys that drive a suggestion list: arrows move, Enter or Tab chooses, Escape closes. True
 * when the key was used (and its default stopped), so the composer does not also act on it.
 */
export function suggestionKeydown(list: SuggestionList, e: Pick<KeyboardEvent, 'key' | 'isComposing' | 'preventDefault'>, choose: () => void): boolean {
  if (!list.open || e.isComposing) return false;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    list.active = (list.active + (e.key === 'ArrowDown' ? 1 : -1) + list.items.length) % list.items.length;
  } else if (e.key === 'Enter' || e.key === 'Tab') {
    choose();
  } else if (e.key === 'Escape') {
    list.close();
  } else {
    return false;
  }
  e.preventDefault();
  return true;
}
