/**
 * @mentions in private notes. A teammate is mentioned by their handle, the local part of their
 * email (`@anna.nowak`): stable when names change, unambiguous where two people share a name,
 * and readable in the plain text that every channel and export shows.
 */

// Not after a letter, digit or `@`, so `support@acme.com` is an address, not a mention.
const MENTION = /(?<![\p{L}\p{N}_.@+-])@([\p{L}\p{N}](?:[\p{L}\p{N}._+-]{0,62}[\p{L}\p{N}_+-])?)/gu;

export function handleOf(email: string): string {
  const at = email.lastIndexOf('@');
  return (at > 0 ? email.slice(0, at) : email).toLowerCase();
}

/** The distinct handles mentioned in a text, lower-cased, in order of first mention. */
export function mentionedHandles(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(MENTION)) found.add(match[1].toLowerCase());
  return [...found];
}

/** The `@query` being typed just before the caret, for suggestions; null when not in a mention. */
export function mentionQueryAt(text: string, caret: number): { query: string; start: number } | null {
  const before = text.slice(0, caret);
  const match = /(?<![\p{L}\p{N}_.@+-])@([\p{L}\p{N}._+-]{0,63})$/u.exec(before);
  return match ? { query: match[1].toLowerCase(), start: match.index } : null;
}
