import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { WidgetMessage } from '$lib/shared/widget-events';
import type { Db } from '../../db/client';
import { chatUploads, chatVisitors, contactIdentities, contacts, conversationReads, conversations, inboxes, inboxMembers, messages, users } from '../../db/schema';
import type { InboxRecord } from '../channel-adapter';
import type { ChannelKind, PresenceStatus } from '$lib/shared/schemas/common';
import { readChatConfig, type ChatConfig } from './chat-settings';
import { sha256 } from '../../auth/tokens';

export type ChatInbox = InboxRecord & { chat: ChatConfig };
export type Visitor = typeof chatVisitors.$inferSelect;

const HISTORY = 100;
/** The widget's file links: `/api/widget/files/<publicId>/<name>`. */
const FILE_LINK = /\/api\/widget\/files\/([A-Za-z0-9_-]{16,64})\//;
export const fileUrl = (publicUrl: string, publicId: string, name: string) => `${publicUrl}/api/widget/files/${publicId}/${encodeURIComponent(name)}`;

/** A visitor's message is keyed by visitor and the widget's own id for it: resends dedupe. */
export const visitorMessageId = (visitorId: number, clientId: string) => `w:${visitorId}:${clientId}`;
const clientIdOf = (externalId: string | null) => externalId?.match(/^w:\d+:(.+)$/)?.[1] ?? null;

/** Visitors, their contacts and what they may read: only their own conversations, no notes. */
export class ChatVisitors {
  constructor(private readonly db: Db) {}

  inboxByWidgetToken(token: string): ChatInbox | null {
    const row = this.db
      .select()
      .from(inboxes)
      .where(and(eq(inboxes.channel, 'chat'), sql`json_extract(${inboxes.config}, '$.widgetToken') = ${token}`))
      .get();
    if (!row) return null;
    return { id: row.id, name: row.name, channel: row.channel as ChannelKind, config: row.config, chat: readChatConfig(row.config) };
  }

  resume(inboxId: number, token: string): Visitor | null {
    const row = this.db.select().from(chatVisitors).where(eq(chatVisitors.tokenHash, sha256(token))).get();
    if (!row || row.inboxId !== inboxId) return null;
    this.db.update(chatVisitors).set({ lastSeenAt: Date.now() }).where(eq(chatVisitors.id, row.id)).run();
    return row;
  }

  /** A new visitor; the token is returned once and only its hash is kept. */
  issue(inboxId: number): { visitor: Visitor; token: string } {
    const token = `wvt_${randomBytes(32).toString('base64url')}`;
    const now = Date.now();
    const visitor = this.db
      .insert(chatVisitors)
      .values({ inboxId, tokenHash: sha256(token), externalId: `visitor:${randomBytes(12).toString('base64url')}`, createdAt: now, lastSeenAt: now })
      .returning()
      .get();
    return { visitor, token };
  }

  contact(inboxId: number, externalId: string): { id: number; name: string; email: string | null } | null {
    return (
      this.db
        .select({ id: contacts.id, name: contacts.name, email: contacts.email })
        .from(contactIdentities)
        .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
        .where(and(eq(contactIdentities.inboxId, inboxId), eq(contactIdentities.externalId, externalId)))
        .get() ?? null
    );
  }

  /** The contact behind an identity, created on first use (as an inbound message would). */
  ensureContact(inboxId: number, externalId: string, name: string, email: string | null): number {
    const found = this.contact(inboxId, externalId);
    if (found) return found.id;
    return this.db.transaction((tx) => {
      const created = tx.insert(contacts).values({ name, email, createdAt: Date.now() }).returning({ id: contacts.id }).get();
      tx.insert(contactIdentities).values({ contactId: created.id, inboxId, externalId }).run();
      return created.id;
    });
  }

  setEmail(contactId: number, email: string) {
    this.db.update(contacts).set({ email }).where(eq(contacts.id, contactId)).run();
  }

  /** The contact's latest conversation in the inbox (where the visitor's typing belongs). */
  latestConversation(inboxId: number, contactId: number): number | null {
    return (
      this.db
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.inboxId, inboxId), eq(conversations.contactId, contactId)))
        .orderBy(desc(conversations.lastMessageAt))
        .limit(1)
        .get()?.id ?? null
    );
  }

  /** The identity a conversation's replies go to: the contact's id in the conversation's inbox. */
  audienceOf(conversationId: number): { inboxId: number; externalId: string } | null {
    return (
      this.db
        .select({ inboxId: conversations.inboxId, externalId: contactIdentities.externalId })
        .from(conversations)
        .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
        .innerJoin(contactIdentities, and(eq(contactIdentities.contactId, conversations.contactId), eq(contactIdentities.inboxId, conversations.inboxId)))
        .where(and(eq(conversations.id, conversationId), eq(inboxes.channel, 'chat')))
        .get() ?? null
    );
  }

  /** The visitor's thread across their conversations in this inbox, oldest first. */
  history(inboxId: number, contactId: number, publicUrl: string): WidgetMessage[] {
    const convIds = this.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.inboxId, inboxId), eq(conversations.contactId, contactId)))
      .all()
      .map((c) => c.id);
    if (!convIds.length) return [];
    const rows = this.db
      .select({ m: messages, author: users.name })
      .from(messages)
      .leftJoin(users, eq(users.id, messages.authorUserId))
      .where(and(inArray(messages.conversationId, convIds), eq(messages.private, false), inArray(messages.direction, ['incoming', 'outgoing'])))
      .orderBy(desc(messages.id))
      .limit(HISTORY)
      .all()
      .reverse();
    const reads = new Map(
      this.db
        .select({ conversationId: conversationReads.conversationId, at: max(conversationReads.readAt) })
        .from(conversationReads)
        .where(inArray(conversationReads.conversationId, convIds))
        .groupBy(conversationReads.conversationId)
        .all()
        .map((r) => [r.conversationId, r.at ?? 0]),
    );
    return rows.map(({ m, author }) => this.toWidgetMessage(m, author, publicUrl, (reads.get(m.conversationId) ?? 0) >= m.createdAt));
  }

  /** One stored message as the widget shows it. */
  toWidgetMessage(m: typeof messages.$inferSelect, authorName: string | null, publicUrl: string, readByAgent = false): WidgetMessage {
    const visitor = m.direction === 'incoming';
    const status = visitor ? (readByAgent ? 'read' : 'sent') : m.status === 'read' ? 'read' : m.status === 'delivered' ? 'delivered' : 'sent';
    return {
      id: m.id,
      clientId: visitor ? clientIdOf(m.externalId) : m.clientId,
      from: visitor ? 'visitor' : 'agent',
      text: m.text,
      authorName: visitor ? null : authorName,
      createdAt: new Date(m.createdAt).toISOString(),
      status,
      attachment: visitor ? this.#attachment(m.text, publicUrl) : null,
    };
  }

  message(id: number) {
    return this.db.select({ m: messages, author: users.name }).from(messages).leftJoin(users, eq(users.id, messages.authorUserId)).where(eq(messages.id, id)).get() ?? null;
  }

  /** The agent's messages to this contact, up to `upToId`, that the visitor has not read yet. */
  unreadAgentMessages(inboxId: number, contactId: number, upToId: number) {
    return this.db
      .select({ id: messages.id, status: messages.status, externalId: messages.externalId })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(
        and(
          eq(conversations.inboxId, inboxId),
          eq(conversations.contactId, contactId),
          eq(messages.direction, 'outgoing'),
          eq(messages.private, false),
          inArray(messages.status, ['queued', 'sent', 'delivered']),
          sql`${messages.id} <= ${upToId}`,
        ),
      )
      .all();
  }

  /** "Someone is here": a member of the inbox, or a supervisor or admin, is online. */
  agentsOnline(inboxId: number, status: (userId: number) => PresenceStatus): boolean {
    const members = this.db
      .select({ id: users.id })
      .from(users)
      .leftJoin(inboxMembers, and(eq(inboxMembers.userId, users.id), eq(inboxMembers.inboxId, inboxId)))
      .where(sql`${users.disabledAt} IS NULL AND (${inboxMembers.userId} IS NOT NULL OR ${users.role} IN ('supervisor', 'admin'))`)
      .all();
    return members.some((u) => status(u.id) === 'online');
  }

  #attachment(text: string, publicUrl: string): WidgetMessage['attachment'] {
    const publicId = text.match(FILE_LINK)?.[1];
    if (!publicId) return null;
    const row = this.db
      .select({ publicId: chatUploads.publicId, name: chatUploads.fileName, contentType: chatUploads.contentType, size: chatUploads.size })
      .from(chatUploads)
      .where(eq(chatUploads.publicId, publicId))
      .get();
    return row ? { name: row.name, url: fileUrl(publicUrl, row.publicId, row.name), contentType: row.contentType, size: row.size } : null;
  }
}
