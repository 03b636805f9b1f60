/**
 * What the console needs to know about a message's HTML before framing it: whether a "Load
 * images" or "Show quoted text" control makes sense, and how tall the frame should start. The
 * server decides what is actually held back or hidden; these are only hints for the controls.
 */

const REMOTE = /<img\b[^>]*\bsrc\s*=\s*["']?\s*https?:|url\s*\(\s*["']?\s*https?:/i;
const QUOTED = /\bgmail_quote\b|\byahoo_quoted\b|\bmoz-cite-prefix\b|\bprotonmail_quote\b|type\s*=\s*["']?cite\b|\bdivRplyFwdMsg\b|\bappendonsend\b|\b(wrote|pisze|kirjoitti|skrev|schrieb|a écrit)\s*:\s*(<[^>]*>\s*)*<blockquote/i;

export function hasRemoteContent(html: string): boolean {
  return REMOTE.test(html);
}

/** Outlook's "From: … Sent: …" header of the quoted mail, as the server recognises it. */
const OUTLOOK_HEADER = />\s*(<[^>]+>\s*)*(From|Od|Lähettäjä|Fra|Von|De)\s*:[\s\S]{1,400}?(Sent|Date|Wysłano|Data|Lähetetty|Päivämäärä|Sendt|Dato|Gesendet|Datum|Envoyé)\s*:/i;

/** A superset of what the server hides, so a hidden quote always has its toggle. */
export function hasQuotedHistory(html: string): boolean {
  return QUOTED.test(html) || OUTLOOK_HEADER.test(html);
}

export function messageBodyUrl(id: number, opts: { images: boolean; quotes: boolean }): string {
  const q = new URLSearchParams();
  if (opts.images) q.set('images', '1');
  if (opts.quotes) q.set('quotes', '1');
  const qs = q.toString();
  return `/api/messages/${id}/body${qs ? `?${qs}` : ''}`;
}

const LINE_PX = 22;
const PADDING_PX = 36;
export const FRAME_MIN_PX = 72;
export const FRAME_MAX_PX = 480;
const QUOTE_START = /<[^>]+(class\s*=\s*["'][^"']*\b(gmail_quote|yahoo_quoted|moz-cite-prefix)\b|id\s*=\s*["']?(divRplyFwdMsg|appendonsend)\b|type\s*=\s*["']?cite\b)/i;

/**
 * The frame's height from the HTML (a sandboxed frame cannot be measured from outside): text
 * wrapped at the card's width, one line per block, images by their height attribute. Quoted
 * history counts only when shown. Taller mail scrolls inside the frame or opens in the full view.
 */
export function estimateFrameHeight(html: string, withQuotes: boolean, widthPx = 640): number {
  let source = html;
  if (!withQuotes) {
    const cuts = [source.search(QUOTE_START), source.search(OUTLOOK_HEADER)].filter((i) => i > 0);
    if (cuts.length) source = source.slice(0, Math.min(...cuts));
  }
  source = source.replace(/<(style|script|head|title)\b[\s\S]*?<\/\1\s*>/gi, '');
  const charsPerLine = Math.max(24, Math.floor((widthPx - 32) / 7.6));
  let px = 0;
  for (const img of source.matchAll(/<img\b[^>]*>/gi)) {
    const h = /\bheight\s*=\s*["']?(\d+)/i.exec(img[0])?.[1];
    const w = /\bwidth\s*=\s*["']?(\d+)/i.exec(img[0])?.[1];
    const scale = w && Number(w) > widthPx - 32 ? (widthPx - 32) / Number(w) : 1;
    px += h ? Math.min(600, Number(h)) * scale + 4 : 24;
  }
  const blocks = (source.match(/<(p|div|br|tr|li|h[1-6]|hr|blockquote|table)\b/gi) ?? []).length;
  const text = source
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const lines = Math.ceil(text.length / charsPerLine) + Math.ceil(blocks * 0.7);
  px += lines * LINE_PX + PADDING_PX;
  return Math.round(Math.min(FRAME_MAX_PX, Math.max(FRAME_MIN_PX, px)));
}

const IMAGES_KEY = 'sb_email_images_from';

/** Senders whose images the agent chose to always load (this browser only). */
export function imagesTrusted(sender: string | null | undefined): boolean {
  if (!sender) return false;
  try {
    const list = JSON.parse(localStorage.getItem(IMAGES_KEY) ?? '[]') as unknown;
    return Array.isArray(list) && list.includes(sender.toLowerCase());
  } catch {
    return false;
  }
}

export function trustImagesFrom(sender: string): void {
  try {
    const list = JSON.parse(localStorage.getItem(IMAGES_KEY) ?? '[]') as unknown;
    const next = new Set(Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []);
    next.add(sender.toLowerCase());
    localStorage.setItem(IMAGES_KEY, JSON.stringify([...next].slice(-500)));
  } catch {
    // storage blocked: the choice holds for this message only
  }
}
