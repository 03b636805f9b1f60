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

export function hasQuotedHistory(html: string): boolean {
  return QUOTED.test(html);
}

export function messageBodyUrl(id: number, opts: { images: boolean; quotes: boolean }): string {
  const q = new URLSearchParams();
  if (opts.images) q.set('images', '1');
  if (opts.quotes) q.set('quotes', '1');
  const qs = q.toString();
  return `/api/messages/${id}/body${qs ? `?${qs}` : ''}`;
}

const LINE_PX = 22;
const PADDING_PX = 28;
export const FRAME_MIN_PX = 88;
export const FRAME_MAX_PX = 440;

/**
 * The frame's height from the plain-text part (a sandboxed frame cannot be measured): wrapped
 * lines at about 72 characters, quoted lines ("> …" and everything after "On … wrote:") only
 * when shown. Taller mail scrolls inside the frame and opens in the full view.
 */
export function estimateFrameHeight(text: string, withQuotes: boolean): number {
  let lines = 0;
  for (const line of text.split('\n')) {
    if (!withQuotes && (/^\s*>/.test(line) || /^\s*On\b.{4,200}\bwrote:\s*$/.test(line))) {
      if (/wrote:\s*$/.test(line)) break;
      continue;
    }
    lines += Math.max(1, Math.ceil(line.length / 72));
  }
  return Math.round(Math.min(FRAME_MAX_PX, Math.max(FRAME_MIN_PX, lines * LINE_PX + PADDING_PX)));
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
