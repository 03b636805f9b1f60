import { eq } from 'drizzle-orm';
import type { CreateMessageBody } from '$lib/shared/schemas/message';
import type { Db } from '../db/client';
import { contacts, conversations, messages } from '../db/schema';
import { badRequest } from '../errors';
import type { ChannelAdapter, InboxRecord } from '../channels/channel-adapter';
import { saveEnvelope, threadEnvelopes } from './message-extras';

/** CC, an own subject and files only where the channel can carry them, and never on a private note. */
export function assertReplyFields(capabilities: ChannelAdapter['capabilities'], body: CreateMessageBody): void {
  const refuse = (field: string) => {
    throw badRequest(`${field} is not supported for this channel${body.private ? ' or on a private note' : ''}`, 'unsupported_for_channel');
  };
  if (body.subject !== undefined && (!capabilities.replySubject || body.private)) refuse('subject');
  if (body.cc?.length && (!capabilities.cc || body.private)) refuse('cc');
  if (body.attachmentIds?.length && (!capabilities.attachments || body.private)) refuse('attachmentIds');
}

type MessageRow = typeof messages.$inferSelect;

/**
 * Lets the channel fix what every delivery attempt must repeat (an email's Message-ID and
 * thread headers), in the transaction that stores the reply. Returns the updated row.
 */
export function prepareReply(
  db: Db,
  adapter: ChannelAdapter,
  ctx: { inbox: InboxRecord; conv: typeof conversations.$inferSelect; row: MessageRow; authorName: string; body: CreateMessageBody },
): MessageRow {
  if (!adapter.prepareReply) return ctx.row;
  const contact = db.select({ name: contacts.name, email: contacts.email }).from(contacts).where(eq(contacts.id, ctx.conv.contactId)).get();
  const prepared = adapter.prepareReply({
    inbox: ctx.inbox,
    conversation: { id: ctx.conv.id, subject: ctx.conv.subject },
    contact: { name: contact?.name ?? '', email: contact?.email ?? null },
    messageId: ctx.row.id,
    authorName: ctx.authorName,
    subject: ctx.body.subject,
    cc: ctx.body.cc,
    thread: threadEnvelopes(db, ctx.conv.id),
  });
  if (prepared.envelope) saveEnvelope(db, ctx.row.id, prepared.envelope);
  if (!prepared.externalId) return ctx.row;
  return db.update(messages).set({ externalId: prepared.externalId }).where(eq(messages.id, ctx.row.id)).returning().get() ?? ctx.row;
}
