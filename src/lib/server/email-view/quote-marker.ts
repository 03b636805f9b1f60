/**
 * Marks quoted history (`data-sb-quote`) so the frame can hide it until asked. Covers the
 * shapes the common clients write: Gmail (.gmail_quote), Apple Mail and Thunderbird
 * (blockquote[type=cite], .moz-cite-prefix), Yahoo (.yahoo_quoted), Outlook (everything after
 * #appendonsend or from #divRplyFwdMsg on), and "On … wrote:" lines right before a quote.
 */
import { Element as DomElement, type ChildNode, type Element, type ParentNode, type Text } from 'domhandler';
import { DomUtils } from 'htmlparser2';

export const QUOTE_ATTR = 'data-sb-quote';

const QUOTE_CLASSES = ['gmail_quote', 'gmail_quote_container', 'yahoo_quoted', 'moz-cite-prefix', 'protonmail_quote'];

/** "On Mon, 1 Dec 2026 at 10:00, Anna <a@b.c> wrote:" and its usual translations. */
const ATTRIBUTION = [
  /^\s*On\b[\s\S]{4,300}\bwrote:?\s*$/i,
  /^\s*(W dniu|Dnia)\b[\s\S]{4,300}\b(pisze|napisał\(a\)|napisał|napisała):?\s*$/i,
  /^\s*\S[\s\S]{4,300}\bkirjoitti:?\s*$/i,
  /^\s*Den\b[\s\S]{4,300}\bskrev[\s\S]{0,200}:\s*$/i,
  /^\s*Am\b[\s\S]{4,300}\bschrieb[\s\S]{0,200}:?\s*$/i,
  /^\s*Le\b[\s\S]{4,300}\ba écrit\s*:?\s*$/i,
];

/**
 * Outlook's header block of the quoted mail ("From: … Sent: … To: … Subject: …"), recognised by
 * its text when the ingest sanitiser has already dropped the #divRplyFwdMsg id.
 */
const OUTLOOK_HEADER = /^\s*(From|Od|Lähettäjä|Fra|Von|De)\s*:[\s\S]{1,400}?(Sent|Date|Wysłano|Data|Lähetetty|Päivämäärä|Sendt|Dato|Gesendet|Datum|Envoyé)\s*:/i;

const isElement = (n: ChildNode | null | undefined): n is Element => !!n && DomUtils.isTag(n);

function classes(el: Element): string[] {
  return (el.attribs.class ?? '').split(/\s+/).filter(Boolean);
}

function mark(el: Element) {
  el.attribs[QUOTE_ATTR] = '';
}

function isQuoteBlock(el: Element): boolean {
  if (el.name === 'blockquote' && (el.attribs.type ?? '').toLowerCase() === 'cite') return true;
  const cls = classes(el);
  if (QUOTE_CLASSES.some((c) => cls.includes(c))) return true;
  return el.attribs.id === 'divRplyFwdMsg';
}

function nextElement(node: ChildNode): Element | null {
  let n = node.next;
  while (n) {
    if (isElement(n)) return n.name === 'br' ? nextElement(n) : n;
    if (DomUtils.getText(n).trim()) return null;
    n = n.next;
  }
  return null;
}

const looksLikeAttribution = (text: string) => text.length < 600 && ATTRIBUTION.some((re) => re.test(text.replace(/\s+/g, ' ')));

function previousElement(node: ChildNode): Element | null {
  for (let n = node.prev; n; n = n.prev) {
    if (isElement(n)) return n;
    if (DomUtils.getText(n).trim()) return null;
  }
  return null;
}

/**
 * Quoted history is hidden only below something the sender wrote: a forward or a mail that is
 * all quote stays visible instead of looking empty.
 */
function hasTextBefore(node: ChildNode): boolean {
  for (let n: ChildNode | null = node; n; n = n.parent as ChildNode | null) {
    for (let p = n.prev; p; p = p.prev) {
      if (DomUtils.textContent(p).trim() || (isElement(p) && DomUtils.findOne((e) => e.name === 'img', [p]) !== null) || (isElement(p) && p.name === 'img')) return true;
    }
  }
  return false;
}

/** Marks `node` and every later sibling (Outlook puts the quoted mail after a separator). */
function markFrom(node: ChildNode) {
  for (let n: ChildNode | null = node; n; n = n.next) {
    if (isElement(n)) mark(n);
  }
}

function walk(parent: ParentNode): boolean {
  let found = false;
  for (const node of [...parent.children]) {
    if (isElement(node) && isQuoteStart(node) && !hasTextBefore(node)) {
      if (walk(node)) found = true;
      continue;
    }
    if (!isElement(node)) {
      if (node.type === 'text' && looksLikeAttribution(node.data) && nextElement(node)?.name === 'blockquote' && hasTextBefore(node)) {
        wrapText(node);
        found = true;
      }
      continue;
    }
    if (node.attribs.id === 'appendonsend') {
      markFrom(node);
      return true;
    }
    if (node.attribs.id === 'divRplyFwdMsg') {
      // Outlook's "From/Sent/To" header block; the <hr> before it belongs to the quote too.
      const prev = node.prev && isElement(node.prev) && node.prev.name === 'hr' ? node.prev : node;
      markFrom(prev);
      return true;
    }
    if (['div', 'p'].includes(node.name) && OUTLOOK_HEADER.test(DomUtils.textContent(node).slice(0, 600))) {
      const prev = previousElement(node);
      markFrom(prev?.name === 'hr' ? prev : node);
      return true;
    }
    if (isQuoteBlock(node)) {
      mark(node);
      found = true;
      continue;
    }
    if (['div', 'p', 'span'].includes(node.name) && looksLikeAttribution(DomUtils.textContent(node)) && nextElement(node)?.name === 'blockquote') {
      mark(node);
      found = true;
      continue;
    }
    if (walk(node)) found = true;
  }
  return found;
}

/** Whether this element would start quoted history (before looking at what precedes it). */
function isQuoteStart(el: Element): boolean {
  return (
    el.attribs.id === 'appendonsend' ||
    el.attribs.id === 'divRplyFwdMsg' ||
    isQuoteBlock(el) ||
    (['div', 'p'].includes(el.name) && OUTLOOK_HEADER.test(DomUtils.textContent(el).slice(0, 600))) ||
    (['div', 'p', 'span'].includes(el.name) && looksLikeAttribution(DomUtils.textContent(el)) && nextElement(el)?.name === 'blockquote')
  );
}

/** A bare "On … wrote:" text node gets its own marked <span>. */
function wrapText(node: Text) {
  const span = new DomElement('span', { [QUOTE_ATTR]: '' }, []);
  DomUtils.replaceElement(node, span);
  DomUtils.appendChild(span, node);
}

/** Marks quoted parts in place; true when any were found. */
export function markQuotes(root: ParentNode): boolean {
  return walk(root);
}
