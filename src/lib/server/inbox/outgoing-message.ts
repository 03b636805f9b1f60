import { eq } from 'drizzle-orm';
import type { CreateMessageBody } from '$lib/shared/schemas/message';
import type { Db } from '../db/client';
import { conversations, messages } from '../db/schema';
import type { JobQueue } from '../jobs/job-queue';
import type { StatementCache } from '../db/statement-cache';
import type { InboxRecord, ReplyCheck } from '../channels/channel-adapter';
import { channelAdapter } from '../channels/registry';
import type { AttachmentService } from './attachment.service';
import { prepareReply } from './reply-preparation';
import { foldText, previewOf } from './search-text';

export const DELIVER_JOB = 'message.deliver';

type MessageRow = typeof messages.$inferSelect;
type ConversationRow = typeof conversations.$inferSelect;
export type Refusal = Extract<ReplyCheck, { ok: false }>;

export interface OutgoingInput {
  conv: ConversationRow;
  inbox: InboxRecord;
  /** The reply fields (text, private, clientId, subject, cc, attachmentIds). */
  body: CreateMessageBody;
  author: { id: number; name: string } | null;
  /** The channel refused it (e.g. a closed reply window): stored `failed` with this reason, never queued. */
  refusedWith?: string | null;
  /** An agent's own answer starts the first-reply clock; an automatic one (crisis acknowledgement) does not. */
  countsAsReply: boolean;
  now: number;
}

/**
 * Stores one outgoing message (reply, note or automatic message) and queues its delivery, inside
 * the caller's transaction. Whoever calls it decides who may send; this only writes.
 */
export class OutgoingMessages {
  readonly #fts;

  constructor(
    private readonly db: Db,
    private readonly queue: JobQueue,
    private readonly attachments: AttachmentService,
    cache: StatementCache,
  ) {
    this.#fts = cache.get('INSERT INTO message_search (rowid, body) VALUES (?, ?)');
  }

  /** What the inbox's channel says about sending this text now; null when it would take it. */
  refusal(inbox: InboxRecord, conv: ConversationRow, text: string, now: number): Refusal | null {
    const check = channelAdapter(inbox.channel).canSend?.({ inbox, conversation: { id: conv.id, lastIncomingAt: conv.lastIncomingAt }, text, now });
    return check && !check.ok ? check : null;
  }

  store(input: OutgoingInput): MessageRow {
    const { conv, inbox, body, now } = input;
    const refused = input.refusedWith ?? null;
    const queued = !body.private && refused === null;
    let row = this.db
      .insert(messages)
      .values({
        conversationId: conv.id,
        inboxId: conv.inboxId,
        direction: 'outgoing',
        private: body.private,
        text: body.text,
        status: body.private ? 'sent' : refused !== null ? 'failed' : 'queued',
        error: refused,
        authorUserId: input.author?.id ?? null,
        clientId: body.clientId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    this.#fts.run(row.id, foldText(body.text));
    if (body.attachmentIds?.length) this.attachments.claim(conv.id, row.id, body.attachmentIds);
    const adapter = channelAdapter(inbox.channel);
    if (queued && adapter.prepareReply) row = prepareReply(this.db, adapter, { inbox, conv, row, authorName: input.author?.name ?? inbox.name, body });
    const set: Partial<typeof conversations.$inferInsert> = { lastMessageAt: now, updatedAt: now };
    if (!body.private) {
      set.lastMessagePreview = previewOf(body.text);
      if (input.countsAsReply && conv.firstReplyAt === null) set.firstReplyAt = now;
    }
    if (queued) this.queue.enqueue(DELIVER_JOB, { messageId: row.id }, { uniqueKey: `deliver:${row.id}` });
    this.db.update(conversations).set(set).where(eq(conversations.id, conv.id)).run();
    return row;
  }
}
