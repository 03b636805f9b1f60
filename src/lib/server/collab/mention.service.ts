import { and, count, desc, eq, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Mention, MarkMentionsReadBody, MentionList, MentionListQuery } from '$lib/shared/schemas/collab';
import type { Message } from '$lib/shared/schemas/message';
import type { Db } from '../db/client';
import { contacts, conversations, mentions, messages, users } from '../db/schema';
import type { EventLog, EventRecorder } from '../events/event-log';
import { visibleInboxIds, type AuthContext } from '../auth/auth-context';
import type { UserService } from '../users/user.service';
import { previewOf } from '../inbox/search-text';
import { mentionRecipients } from './mention-recipients';

/** A private note as stored, for the mentions it makes. */
export interface StoredNote {
  conversationId: number;
  inboxId: number;
  message: Message;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * @mentions of teammates in private notes: recorded with the note (same transaction), announced
 * to the mentioned user alone (`mention.created`, which their other devices replay on sync), and
 * listed in their Mentions view until read.
 */
export class MentionService {
  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly users: UserService,
  ) {}

  /** Inside the note's transaction: one mention per teammate named who can see the inbox. */
  record(events: EventRecorder, note: StoredNote): void {
    const { message } = note;
    if (!message.private || message.author?.type !== 'user') return;
    const authorId = message.author.id;
    const now = Date.now();
    for (const { id: userId } of mentionRecipients(this.users, message.text, note.inboxId, authorId)) {
      const row = this.db
        .insert(mentions)
        .values({ userId, conversationId: note.conversationId, messageId: message.id, authorId, createdAt: now })
        .onConflictDoNothing()
        .returning({ id: mentions.id })
        .get();
      if (!row) continue;
      const [mention] = this.#select(eq(mentions.id, row.id), 1);
      if (mention) events.record('mention.created', { mention, unread: this.#unread(userId, null) }, { userId });
    }
  }

  /** My mentions, newest first, in conversations I can (still) see. */
  list(auth: AuthContext, query: z.output<typeof MentionListQuery>): MentionList {
    const where = and(
      eq(mentions.userId, auth.user.id),
      this.#visible(auth),
      query.before ? lt(mentions.id, query.before) : undefined,
      query.unread ? isNull(mentions.readAt) : undefined,
    );
    const rows = this.#select(where, query.limit + 1);
    const items = rows.slice(0, query.limit);
    return { items, unread: this.#unread(auth.user.id, auth), nextCursor: rows.length > query.limit ? String(items.at(-1)!.id) : null };
  }

  /** Marks some, one conversation's, or all of my unread mentions read; my other devices hear of it. */
  markRead(auth: AuthContext, body: MarkMentionsReadBody): { ids: number[]; unread: number } {
    const userId = auth.user.id;
    const which = 'ids' in body ? inArray(mentions.id, body.ids) : 'conversationId' in body ? eq(mentions.conversationId, body.conversationId) : undefined;
    return this.log.transact((events) => {
      const ids = this.db
        .update(mentions)
        .set({ readAt: Date.now() })
        .where(and(eq(mentions.userId, userId), isNull(mentions.readAt), which))
        .returning({ id: mentions.id })
        .all()
        .map((r) => r.id);
      const unread = this.#unread(userId, auth);
      if (ids.length) events.record('mention.read', { ids, unread }, { userId });
      return { ids, unread };
    });
  }

  #visible(auth: AuthContext): SQL | undefined {
    const inboxes = visibleInboxIds(auth);
    return inboxes === null ? undefined : inArray(conversations.inboxId, inboxes);
  }

  /** Unread mentions of a user; with `auth`, only in conversations they can see now. */
  #unread(userId: number, auth: AuthContext | null): number {
    return (
      this.db
        .select({ n: count() })
        .from(mentions)
        .innerJoin(conversations, eq(conversations.id, mentions.conversationId))
        .where(and(eq(mentions.userId, userId), isNull(mentions.readAt), auth ? this.#visible(auth) : undefined))
        .get()?.n ?? 0
    );
  }

  #select(where: SQL | undefined, limit: number): Mention[] {
    return this.db
      .select({ m: mentions, authorName: users.name, contactName: contacts.name, text: messages.text })
      .from(mentions)
      .innerJoin(conversations, eq(conversations.id, mentions.conversationId))
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .innerJoin(messages, eq(messages.id, mentions.messageId))
      .leftJoin(users, eq(users.id, mentions.authorId))
      .where(where)
      .orderBy(desc(mentions.id))
      .limit(limit)
      .all()
      .map(({ m, authorName, contactName, text }) => ({
        id: m.id,
        conversationId: m.conversationId,
        messageId: m.messageId,
        author: m.authorId !== null && authorName !== null ? { id: m.authorId, name: authorName } : null,
        contactName,
        excerpt: previewOf(text),
        createdAt: iso(m.createdAt),
        readAt: m.readAt === null ? null : iso(m.readAt),
      }));
  }
}
