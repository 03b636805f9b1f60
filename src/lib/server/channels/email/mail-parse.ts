import { simpleParser, type AddressObject, type Attachment } from 'mailparser';
import type { NewAttachment } from '../../inbox/attachment.service';
import { sanitizeEmailHtml } from './html-sanitize';
import { detectBounce, isAutoSubmitted, type Bounce } from './mail-flags';

export interface Mailbox {
  address: string;
  name: string;
}

export interface ParsedEmail {
  messageId: string | null;
  from: Mailbox | null;
  to: Mailbox[];
  cc: Mailbox[];
  subject: string | null;
  inReplyTo: string | null;
  references: string[];
  text: string;
  html: string | null;
  attachments: NewAttachment[];
  autoSubmitted: boolean;
  bounce: Bounce | null;
}

const mailboxes = (value: AddressObject | AddressObject[] | undefined): Mailbox[] =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((a) => a.value)
    // Groups (`undisclosed-recipients:;`) carry members instead of an address.
    .flatMap((m) => (m.group ? m.group : [m]))
    .filter((m) => !!m.address)
    .map((m) => ({ address: m.address!.trim().toLowerCase(), name: (m.name ?? '').trim() }));

const ids = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((v) => v.match(/<[^<>\s]+>/g) ?? []);

/** An image referenced from the HTML by Content-ID (multipart/related), not a file to list. */
const isInlineImage = (a: Attachment) => !!a.cid && (a.related || a.contentDisposition === 'inline') && a.contentType.startsWith('image/');

/**
 * Parses one message as received: any charset and transfer encoding (mailparser decodes them,
 * RFC 2047 words and RFC 2231 parameters included), HTML sanitised at once, `cid:` images
 * embedded, files kept, machine mail and bounces recognised.
 */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { keepCidLinks: true, skipTextToHtml: true });
  const header = (name: string): string | null => {
    const v = mail.headers.get(name);
    if (v == null) return null;
    return typeof v === 'string' ? v : typeof v === 'object' && 'value' in v ? String(v.value) : String(v);
  };
  const from = mailboxes(mail.from)[0] ?? null;
  const files = mail.attachments.filter((a) => a.content && Buffer.isBuffer(a.content));
  const inline = files.filter(isInlineImage).map((a) => ({ contentId: a.cid!, contentType: a.contentType, content: a.content }));
  const html = typeof mail.html === 'string' && mail.html.trim() ? sanitizeEmailHtml(mail.html, inline) : null;
  // mailparser derives the text from the HTML when a message has no text part.
  const text = (mail.text ?? '').trim();
  const inReplyTo = ids(mail.inReplyTo)[0] ?? null;
  const ct = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | string | undefined;
  const contentType = typeof ct === 'object' && ct.value ? [ct.value, ...Object.entries(ct.params ?? {}).map(([k, v]) => `${k}=${v}`)].join('; ') : header('content-type');
  return {
    messageId: ids(mail.messageId)[0] ?? null,
    from,
    to: mailboxes(mail.to),
    cc: mailboxes(mail.cc),
    subject: mail.subject?.trim() || null,
    inReplyTo,
    references: ids(mail.references),
    text,
    html,
    attachments: files.map((a) => ({
      filename: a.filename ?? (isInlineImage(a) ? `image.${a.contentType.split('/')[1] ?? 'bin'}` : 'attachment'),
      contentType: a.contentType,
      data: a.content,
      contentId: a.cid ?? null,
      inline: isInlineImage(a),
    })),
    autoSubmitted: isAutoSubmitted(header, from?.address ?? null),
    bounce: detectBounce({ contentType, fromAddress: from?.address ?? null, raw: raw.toString('latin1'), inReplyTo, text }),
  };
}
