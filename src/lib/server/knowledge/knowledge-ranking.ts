import { foldText } from '../inbox/search-text';
import type { Locale } from '$lib/shared/schemas/common';

/** What ranking needs of an entry (a row, before it becomes the API shape). */
export interface RankedCandidate {
  title: string;
  shortcut: string | null;
  language: Locale | null;
  /** FTS5 bm25 score: lower is better; 0 when there was no text query. */
  score: number;
}

const fold = (s: string) => foldText(s).toLowerCase();
const wordsOf = (s: string) => fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * How well an entry matches what was typed: 0 its shortcut starts with the query (`/ref` ->
 * `refund`), 1 every word starts a word of its title, 2 anything else the index found (body, tags).
 */
export function matchTier(entry: Pick<RankedCandidate, 'title' | 'shortcut'>, query: string): 0 | 1 | 2 {
  const q = fold(query).trim();
  if (!q) return 2;
  if (entry.shortcut && fold(entry.shortcut).startsWith(q.replace(/\s+/g, '-'))) return 0;
  const title = wordsOf(entry.title);
  const words = wordsOf(query);
  if (words.length && words.every((w) => title.some((t) => t.startsWith(w)))) return 1;
  return 2;
}

/** 0 the preferred language, 1 an entry for any language, 2 another language. */
export function languageRank(language: Locale | null, preferred: Locale | null): 0 | 1 | 2 {
  if (!preferred) return language ? 1 : 0;
  if (language === preferred) return 0;
  return language === null ? 1 : 2;
}

/**
 * Orders search results: shortcut matches first (shortest shortcut first), then title matches,
 * then body and tag matches; within each, the preferred language before entries for any language
 * before other languages, then by full-text score, then by title.
 */
export function rankEntries<T extends RankedCandidate>(entries: T[], query: string, preferred: Locale | null): T[] {
  const keyed = entries.map((entry) => {
    const tier = matchTier(entry, query);
    // Among shortcut matches the shortest is nearest to what was typed: `/ref` -> `refund` before `refund-partial`.
    return { entry, tier, lang: languageRank(entry.language, preferred), length: tier === 0 ? (entry.shortcut?.length ?? 0) : 0 };
  });
  keyed.sort((a, b) => a.tier - b.tier || a.lang - b.lang || a.length - b.length || a.entry.score - b.entry.score || a.entry.title.localeCompare(b.entry.title));
  return keyed.map((k) => k.entry);
}

/** The text written to the full-text index for one entry (folded like the message index). */
export function searchColumns(entry: { shortcut: string | null; title: string; body: string; tags: string[] }) {
  return {
    // `order-status` is indexed as its words too, so `/status` finds it.
    shortcut: foldText(entry.shortcut ?? ''),
    title: foldText(entry.title),
    body: foldText(entry.body),
    tags: foldText(entry.tags.join(' ')),
  };
}
