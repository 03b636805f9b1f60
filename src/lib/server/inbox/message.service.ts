import { and, desc, eq } from 'drizzle-orm';
import type { CreateMessageBody, Message } from '$lib/shared/schemas/message';
import type { Db } from '../db/client';
import { contactIdentities, contacts, conversations, inboxes, messages, users } from '../db/schema';
import type { EventLog, EventRecorder } from '../events/event-log';
import type { AuthContext } from '../auth/auth-context';
import type { JobQueue } from '../jobs/job-queue';
import type { StatementCache } from '../db/statement-cache';
import { AppError, badRequest, notFound } from '../errors';
import type { ConversationService } from './conversation.service';
import type { DraftService } from './draft.service';
import { toMessage } from './conversation.mapper';
import { continuable, statusOnIncoming } from './conversation.rules';
import { foldText, previewOf } from './search-text';
import type { InboxRecord } from '../channels/channel-adapter';
import { channelAdapter } from '../channels/registry';
import type { ChannelKind } from '$lib/shared/schemas/common';
import type { AttachmentService, NewAttachment } from './attachment.service';
import { loadExtras, saveEnvelope, envelopeOf, type EmailEnvelope } from './message-extras';
import { assertReplyFields } from './reply-preparation';
import type { MessageExtras } from './conversation.mapper';
import { DELIVER_JOB, OutgoingMessages } from './outgoing-message';
import { runIsolated, type AutomatedMessage, type ConversationStartedHook, type NoteStoredHook, type OutgoingStatusHook } from './message-hooks';
import { InboundQueries } from './inbound.queries';
import { messagePage } from './message-page.queries';

export { DELIVER_JOB };
export type { AutomatedMessage, ConversationStartedHook, NoteStoredHook, OutgoingStatusHook, StartedConversation } from './message-hooks';

export interface InboundInput {
  contact: { externalId: string; name: string; email?: string | null };
  externalMessageId: string;
  text: string;
  html?: string | null;
  subject?: string | null;
  threadId?: string | null;
  /** Continue this conversation (found by the channel, e.g. from email references) if it is still open. */
  conversationId?: number | null;
  attachments?: NewAttachment[];
  email?: EmailEnvelope | null;
}

type MessageRow = typeof messages.$inferSelect;

/** A provider's later word on a message it accepted from us. */
export type DeliveryReport = { status: 'sent' | 'delivered' | 'read' | 'failed'; error?: string | null };

const DELIVERY_RANK: Partial<Record<MessageRow['status'], number>> = { queued: 0, sent: 1, delivered: 2, read: 3 };

/**
 * Reports arrive out of order (read before delivered, a late "sent"): only move forward. A
 * failure counts only before the customer got the message.
 */
function advances(current: MessageRow['status'], next: DeliveryReport['status']): boolean {
  const from = DELIVERY_RANK[current];
  if (from === undefined) return false;
  return next === 'failed' ? from <= 1 : (DELIVERY_RANK[next] ?? 0) > from;
}

export class MessageService {
  readonly #ftsMessage;
  readonly #ftsConversation;
  readonly #outgoing: OutgoingMessages;
  readonly #inbound: InboundQueries;
  readonly #started: ConversationStartedHook[] = [];
  readonly #statusHooks: OutgoingStatusHook[] = [];
  readonly #noteHooks: NoteStoredHook[] = [];

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    queue: JobQueue,
    private readonly conversations: ConversationService,
    private readonly cache: StatementCache,
    private readonly drafts: DraftService,
    private readonly attachments: AttachmentService,
  ) {
    this.#ftsMessage = cache.get('INSERT INTO message_search (rowid, body) VALUES (?, ?)');
    this.#ftsConversation = cache.get('INSERT OR REPLACE INTO conversation_search (rowid, body) VALUES (?, ?)');
    this.#outgoing = new OutgoingMessages(db, queue, attachments, cache);
    this.#inbound = new InboundQueries(cache);
  }

  /** Lets another domain (crisis mode) act on new conversations without the inbox knowing it. */
  onConversationStarted(hook: ConversationStartedHook): void {
    this.#started.push(hook);
  }

  /** Lets another domain follow delivery outcomes of outgoing messages, in the same transaction. */
  onOutgoingStatus(hook: OutgoingStatusHook): void {
    this.#statusHooks.push(hook);
  }

  /** Lets another domain (mentions) act on each stored private note, in the same transaction. */
  onNoteStored(hook: NoteStoredHook): void {
    this.#noteHooks.push(hook);
  }

  /** A page of the thread, newest last; `before` pages back in time. */
  list(auth: AuthContext, conversationId: number, before: number | undefined, limit: number) {
    return messagePage(this.cache, auth, conversationId, before, limit);
  }

  /**
   * An agent's reply or private note. Idempotent on (conversation, clientId): a repeated or
   * concurrent send returns the stored message instead of a second copy.
   */
  post(auth: AuthContext, conversationId: number, body: CreateMessageBody): { message: Message; created: boolean } {
    return this.log.transact((events) => {
      const conv = this.conversations.visibleRow(auth, conversationId);
      if (body.clientId) {
        const existing = this.db.select().from(messages).where(and(eq(messages.conversationId, conversationId), eq(messages.clientId, body.clientId))).get();
        if (existing) return { message: toMessage(existing, this.#userName(existing.authorUserId), this.#extras(existing.id)), created: false };
      }
      const now = Date.now();
      const inbox = this.#inboxRecord(conv.inboxId);
      assertReplyFields(channelAdapter(inbox.channel).capabilities, body);
      const refusal = body.private ? null : this.#outgoing.refusal(inbox, conv, body.text, now);
      if (refusal) throw new AppError(refusal.status, refusal.code, refusal.message);
      const row = this.#outgoing.store({ conv, inbox, body, author: { id: auth.user.id, name: auth.user.name }, countsAsReply: true, now });
      this.conversations.markRead(auth, conversationId);
      this.drafts.clearSent(events, auth.user.id, conversationId, body.private ? 'note' : 'reply');
      const message = toMessage(row, auth.user.name, this.#extras(row.id));
      events.record('message.created', { conversationId, inboxId: conv.inboxId, message }, { inboxId: conv.inboxId });
      if (body.private) for (const hook of this.#noteHooks) runIsolated(this.db, events, 'note hook', () => hook(events, { conversationId, inboxId: conv.inboxId, message }));
      this.conversations.emitUpdated(events, conversationId, ['lastMessage'], auth.user.id);
      return { message, created: true };
    });
  }

  /**
   * An automatic message to the customer (crisis acknowledgement or update), inside the caller's
   * transaction. It needs no inbox access: the caller decided it is sent, and `author` is whom it
   * is sent in the name of. A channel that would refuse the text (closed reply window, too long)
   * makes it a failed message with the reason, not an error.
   */
  sendAutomated(events: EventRecorder, conversationId: number, text: string, author: { id: number; name: string } | null): AutomatedMessage {
    const conv = this.db.select().from(conversations).where(eq(conversations.id, conversationId)).get();
    if (!conv) throw notFound('conversation');
    const now = Date.now();
    const inbox = this.#inboxRecord(conv.inboxId);
    const refused = this.#outgoing.refusal(inbox, conv, text, now)?.message ?? null;
    const row = this.#outgoing.store({ conv, inbox, body: { text, private: false }, author, refusedWith: refused, countsAsReply: false, now });
    const message = toMessage(row, author?.name ?? null);
    events.record('message.created', { conversationId, inboxId: conv.inboxId, message }, { inboxId: conv.inboxId });
    this.conversations.emitUpdated(events, conversationId, ['lastMessage'], author?.id ?? null);
    return { message, refused };
  }

  /**
   * A customer's message from any channel. Deduplicated on the provider's message id; continues
   * the contact's open conversation (or the one of the same thread) or starts a new one.
   */
  ingest(inbox: InboxRecord, input: InboundInput): { conversationId: number; messageId: number; created: boolean } {
    if (!input.text.trim() && !input.html) throw badRequest('the message has no text', 'empty_message');
    return this.log.transact((events) => {
      const q = this.#inbound;
      const dup = q.duplicate(inbox.id, input.externalMessageId);
      if (dup) return { conversationId: dup.conversationId, messageId: dup.id, created: false };

      const now = Date.now();
      const contact = q.contact(inbox.id, input.contact, now);
      const threadId = input.threadId ?? null;
      const subject = input.subject ?? null;
      let conv = input.conversationId ? q.conversationIn(inbox.id, input.conversationId) : undefined;
      if (conv && !continuable(conv.status)) conv = undefined;
      conv ??= q.latestConversation(inbox.id, contact.id, threadId);
      if (conv && !continuable(conv.status)) conv = undefined;
      const isNew = !conv;
      conv ??= q.startConversation(inbox.id, contact.id, subject, threadId, now);
      const html = input.html ?? null;
      const messageId = q.insertMessage({ conversationId: conv.id, inboxId: inbox.id, text: input.text, html, contactId: contact.id, externalId: input.externalMessageId, now });
      events.last(() => this.#ftsMessage.run(messageId, foldText(input.text)));
      const files = input.attachments ?? [];
      for (const file of files) this.attachments.insert(inbox.id, conv.id, messageId, file);
      if (input.email) saveEnvelope(this.db, messageId, input.email);
      const nextStatus = statusOnIncoming(conv.status);
      q.touch(conv.id, { preview: previewOf(input.text), status: nextStatus, snoozedUntil: nextStatus === conv.status ? conv.snoozedUntil : null, now });
      const followUps: (() => void)[] = [];
      if (isNew) {
        const conversationId = conv.id;
        events.last(() => this.#ftsConversation.run(conversationId, foldText([subject, contact.name, contact.email].filter(Boolean).join(' '))));
        const started = { conversationId: conv.id, inbox, subject, text: input.text, autoSubmitted: input.email?.autoSubmitted ?? false };
        for (const hook of this.#started) {
          const then = runIsolated(this.db, events, 'conversation started hook', () => hook(events, started));
          if (then) followUps.push(then);
        }
      }
      const changes = isNew ? ['created'] : nextStatus !== conv.status ? ['lastMessage', 'status'] : ['lastMessage'];
      this.conversations.emitUpdated(events, conv.id, changes, null, isNew ? 'conversation.created' : 'conversation.updated');
      const row: MessageRow = {
        id: messageId,
        conversationId: conv.id,
        inboxId: inbox.id,
        direction: 'incoming',
        private: false,
        text: input.text,
        html,
        status: 'received',
        error: null,
        authorUserId: null,
        authorContactId: contact.id,
        externalId: input.externalMessageId,
        clientId: null,
        event: null,
        eventData: null,
        createdAt: now,
        updatedAt: now,
      };
      // Only a message that came with files or an email envelope has extras to read back.
      const extras = files.length || input.email ? this.#extras(messageId) : undefined;
      events.record('message.created', { conversationId: conv.id, inboxId: inbox.id, message: toMessage(row, input.contact.name, extras) }, { inboxId: inbox.id });
      for (const then of followUps) runIsolated(this.db, events, 'conversation started follow-up', then);
      return { conversationId: conv.id, messageId, created: true };
    });
  }

  /** Delivery progress reported by a channel (sent, delivered, failed with a reason). */
  setDelivery(messageId: number, patch: { status: MessageRow['status']; error?: string | null; externalId?: string | null }) {
    this.log.transact((events) => this.#setDelivery(events, messageId, patch));
  }

  /**
   * A channel's report on one of our outgoing messages, found by the provider's id for it (stored
   * when it was sent). Unknown ids (sent by another tool on the same account) are ignored.
   */
  reportDelivery(inboxId: number, externalId: string, report: DeliveryReport): 'updated' | 'unchanged' | 'unknown' {
    return this.log.transact((events) => {
      const row = this.db
        .select({ id: messages.id, status: messages.status })
        .from(messages)
        .where(and(eq(messages.inboxId, inboxId), eq(messages.externalId, externalId), eq(messages.direction, 'outgoing')))
        .get();
      if (!row) return 'unknown';
      if (!advances(row.status, report.status)) return 'unchanged';
      this.#setDelivery(events, row.id, { status: report.status, error: report.status === 'failed' ? (report.error ?? 'the channel reported a failure') : null });
      return 'updated';
    });
  }

  /** Everything the channel adapter needs to send a stored outgoing message. */
  outbound(messageId: number) {
    const found = this.db
      .select({ m: messages, c: conversations, contact: contacts, author: users.name })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .leftJoin(users, eq(users.id, messages.authorUserId))
      .where(eq(messages.id, messageId))
      .get();
    if (!found) throw notFound('message');
    const identity = this.db
      .select({ externalId: contactIdentities.externalId })
      .from(contactIdentities)
      .where(and(eq(contactIdentities.contactId, found.contact.id), eq(contactIdentities.inboxId, found.c.inboxId)))
      .get();
    return {
      row: found.m,
      conversation: { id: found.c.id, subject: found.c.subject, threadId: found.c.threadId },
      contact: { id: found.contact.id, name: found.contact.name, email: found.contact.email, externalId: identity?.externalId ?? null },
      message: { id: found.m.id, text: found.m.text, html: found.m.html, createdAt: found.m.createdAt, clientId: found.m.clientId, authorName: found.author },
      attachments: this.attachments.contentOf(messageId).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.data, contentId: a.contentId, inline: a.inline })),
      email: envelopeOf(this.db, messageId),
    };
  }

  #setDelivery(events: EventRecorder, messageId: number, patch: { status: MessageRow['status']; error?: string | null; externalId?: string | null }) {
    const set: Partial<typeof messages.$inferInsert> = { status: patch.status, error: patch.error ?? null, updatedAt: Date.now() };
    if (patch.externalId) set.externalId = patch.externalId;
    const row = this.db.update(messages).set(set).where(eq(messages.id, messageId)).returning().get();
    if (!row) return;
    const message = toMessage(row, this.#userName(row.authorUserId), this.#extras(row.id));
    events.record('message.updated', { conversationId: row.conversationId, inboxId: row.inboxId, message }, { inboxId: row.inboxId });
    this.#afterStatus(events, row);
  }

  #afterStatus(events: EventRecorder, row: MessageRow) {
    if (row.direction !== 'outgoing' || row.private) return;
    for (const hook of this.#statusHooks) runIsolated(this.db, events, 'delivery status hook', () => hook(events, row));
  }

  #inboxRecord(id: number): InboxRecord {
    const inbox = this.db.select().from(inboxes).where(eq(inboxes.id, id)).get();
    if (!inbox) throw notFound('inbox');
    return { id: inbox.id, name: inbox.name, channel: inbox.channel as ChannelKind, config: inbox.config };
  }

  #extras(messageId: number): MessageExtras | undefined {
    return loadExtras(this.db, this.attachments, [messageId]).get(messageId);
  }

  #userName(id: number | null): string | null {
    if (id == null) return null;
    return this.db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? null;
  }
}
