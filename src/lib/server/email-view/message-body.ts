import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { attachments, messages } from '../db/schema';
import { assertInbox, type AuthContext } from '../auth/auth-context';
import { notFound } from '../errors';
import { emailDocument, emailDocumentHeaders, renderEmailBody, type EmailViewOptions, type InlineImages } from './email-document';

/**
 * The framed document of one message's HTML body, for members of its inbox only (404 for
 * everyone else, as for conversations). Messages without HTML have no body document.
 */
export function messageBodyResponse(db: Db, auth: AuthContext, messageId: number, opts: EmailViewOptions): Response {
  const row = db.select({ inboxId: messages.inboxId, html: messages.html }).from(messages).where(eq(messages.id, messageId)).get();
  if (!row) throw notFound('message');
  assertInbox(auth, row.inboxId, 'message');
  if (!row.html) throw notFound('message body');
  const view = renderEmailBody(row.html, opts, inlineImages(db, messageId));
  return new Response(emailDocument(view, opts), { status: 200, headers: emailDocumentHeaders(opts) });
}

/** The message's own parts with a Content-ID (`cid:` images), at most a few MB in all. */
function inlineImages(db: Db, messageId: number): InlineImages {
  const rows = db
    .select({ contentId: attachments.contentId, contentType: attachments.contentType, size: attachments.size, data: attachments.data })
    .from(attachments)
    .where(and(eq(attachments.messageId, messageId), isNotNull(attachments.contentId)))
    .all();
  const map: InlineImages = new Map();
  let budget = 8 * 1024 * 1024;
  for (const r of rows) {
    if (!r.contentId || !r.contentType.startsWith('image/') || r.size > budget) continue;
    budget -= r.size;
    map.set(r.contentId.replace(/^<|>$/g, ''), { contentType: r.contentType, data: r.data });
  }
  return map;
}
