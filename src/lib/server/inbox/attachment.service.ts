import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { MessageAttachment, UploadedAttachment } from '$lib/shared/schemas/message';
import type { Db } from '../db/client';
import { attachments, inboxes } from '../db/schema';
import type { AuthContext } from '../auth/auth-context';
import { canSeeInbox } from '../auth/auth-context';
import { AppError, badRequest, notFound } from '../errors';
import { channelAdapter } from '../channels/registry';
import type { ConversationService } from './conversation.service';
import { safeFilename } from './safe-filename';

/** Largest file an agent may upload for a reply. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface NewAttachment {
  filename: string | null | undefined;
  contentType: string | null | undefined;
  data: Buffer;
  contentId?: string | null;
  inline?: boolean;
}

type Row = typeof attachments.$inferSelect;

const safeType = (type: string | null | undefined) => {
  const t = (type ?? '').split(';')[0].trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(t) ? t : 'application/octet-stream';
};

export const toAttachment = (r: Pick<Row, 'id' | 'filename' | 'contentType' | 'size' | 'inline'>): MessageAttachment => ({
  id: r.id,
  filename: r.filename,
  contentType: r.contentType,
  size: r.size,
  inline: r.inline,
});

/** Files of messages: received with email, uploaded by agents for replies, downloaded by members. */
export class AttachmentService {
  constructor(
    private readonly db: Db,
    private readonly conversations: ConversationService,
  ) {}

  /** An agent's file for a reply in this conversation; the reply then names it in `attachmentIds`. */
  upload(auth: AuthContext, conversationId: number, file: NewAttachment): UploadedAttachment {
    const conv = this.conversations.visibleRow(auth, conversationId);
    const inbox = this.db.select({ channel: inboxes.channel }).from(inboxes).where(eq(inboxes.id, conv.inboxId)).get();
    if (!inbox || !channelAdapter(inbox.channel).capabilities.attachments) {
      throw badRequest(`the ${inbox?.channel ?? 'unknown'} channel does not send files`, 'unsupported_for_channel');
    }
    if (file.data.length === 0) throw badRequest('the file is empty', 'empty_file');
    if (file.data.length > MAX_UPLOAD_BYTES) throw new AppError(413, 'payload_too_large', `a file may have at most ${MAX_UPLOAD_BYTES} bytes`);
    const row = this.insert(conv.inboxId, conversationId, null, file, auth.user.id);
    return { id: row.id, filename: row.filename, contentType: row.contentType, size: row.size };
  }

  /** Stores a file; call inside the transaction that stores its message. */
  insert(inboxId: number, conversationId: number, messageId: number | null, file: NewAttachment, uploadedBy: number | null = null): Row {
    return this.db
      .insert(attachments)
      .values({
        inboxId,
        conversationId,
        messageId,
        filename: safeFilename(file.filename),
        contentType: safeType(file.contentType),
        size: file.data.length,
        contentId: file.contentId ?? null,
        inline: file.inline ?? false,
        data: file.data,
        uploadedBy,
        createdAt: Date.now(),
      })
      .returning()
      .get();
  }

  /** A file with its content, for members of its inbox only (404 for anyone else). */
  download(auth: AuthContext, id: number): Row {
    const row = this.db.select().from(attachments).where(eq(attachments.id, id)).get();
    if (!row || !canSeeInbox(auth, row.inboxId)) throw notFound('attachment');
    return row;
  }

  /**
   * Attaches uploads of this conversation, not yet used by another message, to a new reply.
   * Call inside the reply's transaction.
   */
  claim(conversationId: number, messageId: number, ids: number[]): void {
    if (!ids.length) return;
    const unique = [...new Set(ids)];
    const rows = this.db
      .select({ id: attachments.id })
      .from(attachments)
      .where(and(inArray(attachments.id, unique), eq(attachments.conversationId, conversationId), isNull(attachments.messageId)))
      .all();
    if (rows.length !== unique.length) throw badRequest('attachmentIds must name files uploaded to this conversation and not yet sent', 'unknown_attachment');
    this.db.update(attachments).set({ messageId }).where(inArray(attachments.id, unique)).run();
  }

  /**
   * The caller's own uploads in this conversation that no message has sent yet, in the order
   * asked (a reply draft refers to them); any other id is left out.
   */
  unsentUploads(userId: number, conversationId: number, ids: number[]): UploadedAttachment[] {
    if (!ids.length) return [];
    const rows = this.db
      .select({ id: attachments.id, filename: attachments.filename, contentType: attachments.contentType, size: attachments.size })
      .from(attachments)
      .where(and(inArray(attachments.id, ids), eq(attachments.conversationId, conversationId), eq(attachments.uploadedBy, userId), isNull(attachments.messageId)))
      .all();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Listing (without content) of the files of these messages. */
  forMessages(messageIds: number[]): Map<number, MessageAttachment[]> {
    const map = new Map<number, MessageAttachment[]>();
    if (!messageIds.length) return map;
    const rows = this.db
      .select({ id: attachments.id, messageId: attachments.messageId, filename: attachments.filename, contentType: attachments.contentType, size: attachments.size, inline: attachments.inline })
      .from(attachments)
      .where(inArray(attachments.messageId, messageIds))
      .orderBy(attachments.id)
      .all();
    for (const r of rows) if (r.messageId != null) map.set(r.messageId, [...(map.get(r.messageId) ?? []), toAttachment(r)]);
    return map;
  }

  /** Files of one message with their content (for sending). */
  contentOf(messageId: number): Row[] {
    return this.db.select().from(attachments).where(eq(attachments.messageId, messageId)).orderBy(attachments.id).all();
  }
}
