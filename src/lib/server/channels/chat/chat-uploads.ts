import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { UPLOAD_MAX_BYTES, UPLOAD_TYPES, type WidgetMessage } from '$lib/shared/widget-events';
import { ClientId } from '$lib/shared/schemas/common';
import type { SwitchboardApp } from '../../app';
import { chatUploads } from '../../db/schema';
import { AppError, badRequest } from '../../errors';
import { chatVisitorsOf } from './chat-visitors-of';
import { fileUrl, visitorMessageId } from './chat-visitors';
import type { VisitorSession } from './visitor-session';

/** Magic numbers of the allowed binary types: the declared type must match the bytes. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  // Text must be UTF-8 without NUL bytes; it is served as text/plain, never rendered as HTML.
  'text/plain': (b) => !b.includes(0) && Buffer.from(b.toString('utf8'), 'utf8').equals(b),
};

const formatSize = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** A file name safe to show and to put in a header: no path, no control characters. */
export function cleanFileName(name: string, contentType: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>]/g, '').trim().slice(0, 120);
  return cleaned || `file.${UPLOAD_TYPES[contentType]}`;
}

/**
 * A visitor's file: checked (size, type, content), stored, and posted to the conversation as a
 * message with a link, through the same inbound path (and dedup) as a typed message.
 */
export async function receiveUpload(app: SwitchboardApp, session: VisitorSession, form: FormData): Promise<WidgetMessage> {
  const file = form.get('file');
  const clientId = ClientId.safeParse(form.get('clientId'));
  if (!clientId.success) throw badRequest('clientId: letters, digits, - and _ only, 8 to 64 of them', 'invalid_request');
  if (!(file instanceof File)) throw badRequest('send the file in the form field "file"', 'invalid_request');
  if (file.size === 0) throw badRequest('the file is empty', 'empty_file');
  if (file.size > UPLOAD_MAX_BYTES) throw new AppError(413, 'file_too_large', `files can have at most ${formatSize(UPLOAD_MAX_BYTES)}`);
  const contentType = file.type.split(';')[0]!.trim().toLowerCase();
  if (!UPLOAD_TYPES[contentType]) throw new AppError(415, 'file_type_not_allowed', 'only images (PNG, JPEG, GIF, WebP), PDF and plain text files can be sent');
  const data = Buffer.from(await file.arrayBuffer());
  if (!SIGNATURES[contentType]!(data)) throw new AppError(415, 'file_type_mismatch', `the file’s content is not ${contentType}`);

  const name = cleanFileName(file.name, contentType);
  const publicId = randomBytes(18).toString('base64url');
  const { inbox, visitor } = session;
  const url = fileUrl(app.env.publicUrl, publicId, name);
  const row = app.db.insert(chatUploads).values({ publicId, inboxId: inbox.id, visitorId: visitor.id, fileName: name, contentType, size: data.length, data, createdAt: Date.now() }).returning({ id: chatUploads.id }).get();
  const { messageId, created } = app.messages.ingest(inbox, {
    contact: { externalId: session.externalId, name: session.name, email: session.email },
    externalMessageId: visitorMessageId(visitor.id, clientId.data),
    text: `📎 ${name} (${formatSize(data.length)})\n${url}`,
  });
  if (created) app.db.update(chatUploads).set({ messageId }).where(eq(chatUploads.id, row.id)).run();
  else app.db.delete(chatUploads).where(eq(chatUploads.id, row.id)).run();
  const visitors = chatVisitorsOf(app);
  const stored = visitors.message(messageId);
  if (!stored) throw new AppError(500, 'internal', 'the message was not stored');
  return visitors.toWidgetMessage(stored.m, null, app.env.publicUrl);
}

/** A stored file by its public id (an unguessable capability, as in the link). */
export function findUpload(app: SwitchboardApp, publicId: string) {
  return app.db.select().from(chatUploads).where(eq(chatUploads.publicId, publicId)).get() ?? null;
}
