/**
 * Letters that FTS5's unicode61 tokenizer does not fold because they are not a base letter plus
 * a combining mark. Agents type without diacritics, so both the index and the query are folded.
 */
const extraFolds: Record<string, string> = {
  ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', æ: 'ae', Æ: 'AE', ß: 'ss', đ: 'd', Đ: 'D', œ: 'oe', Œ: 'OE', þ: 'th', Þ: 'TH', ð: 'd', Ð: 'D', ı: 'i',
};
const extraPattern = new RegExp(`[${Object.keys(extraFolds).join('')}]`, 'g');

export function foldText(text: string): string {
  return text
    .replace(extraPattern, (ch) => extraFolds[ch] ?? ch)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
}

/**
 * Builds an FTS5 query from what an agent typed: every word must match, as a prefix, so that
 * `zamow` finds `Zamówienie`. Returns null when nothing searchable is left.
 */
export function ftsQuery(input: string): string | null {
  const words = foldText(input)
    .toLowerCase()
    .split(/[^\p{L}\p{N}@._-]+/u)
    .map((w) => w.replace(/^[._@-]+|[._@-]+$/g, ''))
    .filter(Boolean)
    .slice(0, 12);
  if (!words.length) return null;
  return words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' AND ');
}

/** Short one-line preview for the conversation list. */
export function previewOf(text: string, max = 140): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
