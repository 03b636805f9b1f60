import sanitizeHtml from 'sanitize-html';

/** Total size of `cid:` images embedded as data: URIs in one message; larger ones are left out. */
export const MAX_INLINE_BYTES = 2 * 1024 * 1024;

const INLINE_IMAGE = /^image\/(png|jpe?g|gif|webp|bmp)$/i;
const DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp|bmp);base64,[a-z0-9+/=\s]+$/i;

/** Drops CSS declarations that load or run something (url(), expression(), behaviors, imports). */
function cleanStyle(attribs: Record<string, string>): Record<string, string> {
  if (!attribs.style) return attribs;
  const kept = attribs.style
    .split(';')
    .filter((d) => d.trim() && !/url\s*\(|expression\s*\(|@import|behavior|-moz-binding|javascript:/i.test(d))
    .join(';');
  const next = { ...attribs };
  if (kept) next.style = kept;
  else delete next.style;
  return next;
}

export interface InlineImage {
  contentId: string;
  contentType: string;
  content: Buffer;
}

/**
 * Email HTML made safe to show (in a sandboxed, opaque-origin iframe): no scripts, event
 * handlers, javascript: URLs, svg, frames, objects, forms, link/meta/base or style sheets.
 * Inline styles and images stay, as do blockquote, class names and `type=cite` so that quoted
 * history can be recognised and collapsed.
 *
 * `cid:` images become data: URIs: the viewer's iframe has an opaque origin, so it would send
 * no session cookie for an /api URL, while a data: URI needs no request at all.
 */
export function sanitizeEmailHtml(html: string, inline: InlineImage[] = []): string {
  const byCid = new Map(inline.map((i) => [i.contentId.replace(/^<|>$/g, '').toLowerCase(), i]));
  let budget = MAX_INLINE_BYTES;
  const cidToData = (src: string): string | null => {
    const image = byCid.get(decodeURIComponent(src.slice(4)).replace(/^<|>$/g, '').toLowerCase());
    if (!image || !INLINE_IMAGE.test(image.contentType) || image.content.length > budget) return null;
    budget -= image.content.length;
    return `data:${image.contentType.toLowerCase()};base64,${image.content.toString('base64')}`;
  };

  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'del', 'ins', 'big', 'tt', 'strike'],
    disallowedTagsMode: 'discard',
    allowedAttributes: {
      '*': ['style', 'class', 'dir', 'lang', 'title', 'align', 'valign', 'width', 'height', 'bgcolor', 'color', 'border'],
      a: ['href', 'name', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height'],
      blockquote: ['type', 'cite'],
      font: ['face', 'size', 'color'],
      table: ['cellpadding', 'cellspacing', 'border', 'width', 'align', 'bgcolor'],
      td: ['colspan', 'rowspan', 'nowrap'],
      th: ['colspan', 'rowspan', 'nowrap', 'scope'],
      ol: ['start', 'type'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https', 'data', 'cid'] },
    allowProtocolRelative: false,
    transformTags: {
      '*': (tagName, attribs) => ({ tagName, attribs: cleanStyle(attribs) }),
      a: (tagName, attribs) => ({ tagName, attribs: { ...cleanStyle(attribs), target: '_blank', rel: 'noopener noreferrer nofollow' } }),
      img: (tagName, attribs) => {
        const src = (attribs.src ?? '').trim();
        const next = cleanStyle(attribs);
        if (/^cid:/i.test(src)) {
          const data = cidToData(src);
          if (data) next.src = data;
          else delete next.src;
        } else if (/^data:/i.test(src) && !DATA_IMAGE.test(src)) {
          delete next.src;
        }
        return { tagName, attribs: next };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
}
