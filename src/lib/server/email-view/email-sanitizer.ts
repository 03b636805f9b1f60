/**
 * The strict allow-list for customer HTML mail. Used again at render time as defence in depth:
 * whatever the stored HTML holds, only these tags, attributes and URL schemes reach the frame.
 */
import sanitizeHtml from 'sanitize-html';

const TAGS = [
  'a', 'abbr', 'address', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col',
  'colgroup', 'dd', 'del', 'dfn', 'div', 'dl', 'dt', 'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img',
  'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike',
  'strong', 'style', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'var', 'wbr',
];

const TABLE_ATTRS = ['align', 'valign', 'width', 'height', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'colspan', 'rowspan', 'nowrap'];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: TAGS,
  // <style> is kept for layout; its CSS is filtered afterwards (remote url() and @import).
  allowVulnerableTags: true,
  allowedAttributes: {
    '*': ['style', 'class', 'id', 'dir', 'lang', 'title', 'align'],
    a: ['href', 'name'],
    img: ['src', 'alt', 'width', 'height', 'border'],
    blockquote: ['type'],
    font: ['color', 'face', 'size'],
    ol: ['start', 'type'],
    table: TABLE_ATTRS,
    td: TABLE_ATTRS,
    th: TABLE_ATTRS,
    tr: TABLE_ATTRS,
    col: ['span', 'width'],
    colgroup: ['span', 'width'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'data', 'cid'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  // Script, style-less junk and form controls go with their content, never shown as text.
  nonTextTags: ['script', 'textarea', 'option', 'noscript', 'title', 'head', 'svg', 'math', 'template', 'iframe', 'object', 'select', 'button'],
  disallowedTagsMode: 'discard',
};

export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
