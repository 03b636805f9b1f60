import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { messages } from '../db/schema';
import { assertInbox, type AuthContext } from '../auth/auth-context';
import { notFound } from '../errors';
import { emailDocument, emailDocumentHeaders, renderEmailBody, type EmailViewOptions } from './email-document';

/**
 * The framed document of one message's HTML body, for members of its inbox only (404 for
 * everyone else, as for conversations). Messages without HTML have no body document.
 */
export function messageBodyResponse(db: Db, auth: AuthContext, messageId: number, opts: EmailViewOptions): Response {
  const row = db.select({ inboxId: messages.inboxId, html: messages.html }).from(messages).where(eq(messages.id, messageId)).get();
  if (!row) throw notFound('message');
  assertInbox(auth, row.inboxId, 'message');
  if (!row.html) throw notFound('message body');
  const view = renderEmailBody(row.html, opts);
  return new Response(emailDocument(view, opts), { status: 200, headers: emailDocumentHeaders(opts) });
}
