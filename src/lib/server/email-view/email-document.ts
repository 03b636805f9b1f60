/**
 * Turns a message's stored HTML into the standalone document the console frames: sanitised
 * again, links opened in a new tab, remote images and CSS held back unless asked for, quoted
 * history marked and hidden unless asked for. The headers make it inert even when opened directly.
 */
import { parseDocument, DomUtils } from 'htmlparser2';
import render from 'dom-serializer';
import { Text, type Element } from 'domhandler';
import { sanitizeEmailHtml } from './email-sanitizer';
import { filterInlineStyle, filterStyleSheet, imageSrcAllowed, isRemoteUrl } from './remote-content';
import { markQuotes, QUOTE_ATTR } from './quote-marker';

export interface EmailViewOptions {
  /** Let remote images and remote CSS load (the agent clicked "Load images"). */
  images: boolean;
  /** Show quoted history instead of hiding it. */
  quotes: boolean;
}

export interface EmailView {
  body: string;
  /** Something remote was held back (a "Load images" button makes sense). */
  blockedRemote: boolean;
  hasQuotes: boolean;
}

const SAFE_HREF = /^(https?:|mailto:)/i;

/** An inline part of the mail (`cid:` image) by its Content-ID, without angle brackets. */
export type InlineImages = Map<string, { contentType: string; data: Buffer }>;

const INLINE_TYPES = /^image\/(png|jpe?g|gif|webp|bmp)$/i;

/** Sanitises and rewrites the mail body; pure, so it can be tested without a server. */
export function renderEmailBody(html: string, opts: EmailViewOptions, inline: InlineImages = new Map()): EmailView {
  const doc = parseDocument(sanitizeEmailHtml(html));
  let blockedRemote = false;
  for (const el of DomUtils.findAll(() => true, doc.children) as Element[]) {
    if (el.name === 'a') rewriteLink(el);
    if (el.name === 'img') {
      embedInline(el, inline);
      blockedRemote = rewriteImage(el, opts.images) || blockedRemote;
    }
    if (el.attribs.style !== undefined) {
      const { style, blocked } = filterInlineStyle(el.attribs.style, opts.images);
      blockedRemote ||= blocked;
      if (style) el.attribs.style = style;
      else delete el.attribs.style;
    }
    if (el.name === 'style') {
      const { css, blocked } = filterStyleSheet(DomUtils.textContent(el), opts.images);
      blockedRemote ||= blocked;
      for (const child of [...el.children]) DomUtils.removeElement(child);
      DomUtils.appendChild(el, new Text(css));
    }
  }
  const hasQuotes = markQuotes(doc);
  return { body: render(doc, { encodeEntities: 'utf8' }), blockedRemote, hasQuotes };
}

function rewriteLink(a: Element) {
  const href = a.attribs.href?.trim();
  if (!href || !SAFE_HREF.test(href)) delete a.attribs.href;
  a.attribs.target = '_blank';
  a.attribs.rel = 'noopener noreferrer';
}

/** `cid:` images become data URLs of their part, so the frame needs no request to show them. */
function embedInline(img: Element, inline: InlineImages) {
  const src = img.attribs.src?.trim() ?? '';
  if (!/^cid:/i.test(src)) return;
  const part = inline.get(decodeURIComponent(src.slice(4)).replace(/^<|>$/g, ''));
  if (part && INLINE_TYPES.test(part.contentType)) img.attribs.src = `data:${part.contentType.toLowerCase()};base64,${part.data.toString('base64')}`;
}

/**
 * True when a remote image was held back. A held-back image becomes a placeholder box of its
 * size with its alt text, instead of a broken-image icon.
 */
function rewriteImage(img: Element, images: boolean): boolean {
  const src = img.attribs.src ?? '';
  if (imageSrcAllowed(src, images)) return false;
  delete img.attribs.src;
  if (!isRemoteUrl(src)) return false;
  const px = (v: string | undefined) => (v && /^\d{1,4}$/.test(v.trim()) ? `${Math.max(16, Number(v))}px` : null);
  const width = px(img.attribs.width);
  const height = px(img.attribs.height);
  const alt = (img.attribs.alt ?? '').trim();
  img.name = 'span';
  img.attribs = {
    'data-sb-blocked': '',
    ...(alt ? { title: alt } : {}),
    ...(width || height ? { style: [width && `width:${width}`, height && `height:${height}`].filter(Boolean).join(';') } : {}),
  };
  for (const child of [...img.children]) DomUtils.removeElement(child);
  if (alt) DomUtils.appendChild(img, new Text(alt));
  return true;
}

const BASE_CSS = `
html{background:#fff;color-scheme:light}
body{margin:0;padding:12px 16px;font:14px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff;overflow-wrap:anywhere;word-break:break-word}
body>:first-child,body>:first-child>:first-child{margin-top:0}
img{max-width:100%;height:auto}
table{max-width:100%}
pre{white-space:pre-wrap}
a{color:#0b5cad}
blockquote{margin:8px 0;padding-left:12px;border-left:3px solid #d0d7de;color:#57606a}
[data-sb-blocked]{display:inline-flex;align-items:center;justify-content:center;box-sizing:border-box;max-width:100%;min-width:24px;min-height:24px;padding:4px 8px;overflow:hidden;background:#f0f2f4;border:1px dashed #c4cad1;border-radius:4px;color:#57606a;font-size:12px;vertical-align:middle}
`;

/** The full HTML document for the frame; no script, no base, no meta refresh can be in it. */
export function emailDocument(view: EmailView, opts: EmailViewOptions): string {
  const hide = opts.quotes ? '' : `[${QUOTE_ATTR}]{display:none!important}`;
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><style>${BASE_CSS}${hide}</style></head><body>${view.body}</body></html>`;
}

/** Response headers for the framed document; the CSP sandbox makes it an opaque, scriptless origin. */
export function emailDocumentHeaders(opts: EmailViewOptions): Record<string, string> {
  const remote = opts.images ? ' http: https:' : '';
  const csp = [
    'sandbox allow-popups allow-popups-to-escape-sandbox',
    "default-src 'none'",
    `style-src 'unsafe-inline'${remote}`,
    `img-src data:${remote}`,
    ...(opts.images ? ['font-src data: http: https:'] : []),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'private, no-store',
    'x-frame-options': 'SAMEORIGIN',
    'cross-origin-resource-policy': 'same-origin',
  };
}
