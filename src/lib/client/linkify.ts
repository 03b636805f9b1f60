/**
 * Splits message text into plain text and links for rendering as text nodes and <a> elements
 * (never as HTML). Only http, https and mailto links are made; anything else stays text.
 */
import { tokenize } from 'linkifyjs';

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const ALLOWED = /^(https?:\/\/|mailto:)/i;

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const push = (part: TextPart) => {
    const last = parts.at(-1);
    if (part.kind === 'text' && last?.kind === 'text') last.text += part.text;
    else parts.push(part);
  };
  for (const token of tokenize(text)) {
    const raw = token.toString();
    const href = token.isLink ? token.toHref('http') : '';
    if (token.isLink && ALLOWED.test(href)) push({ kind: 'link', text: raw, href });
    else push({ kind: 'text', text: raw });
  }
  return parts;
}
