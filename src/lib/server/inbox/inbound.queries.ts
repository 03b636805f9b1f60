import type { ConversationStatus } from '$lib/shared/schemas/common';
import type { StatementCache } from '../db/statement-cache';

/** What ingest needs of a conversation to continue it. */
export interface InboundConversation {
  id: number;
  status: ConversationStatus;
  snoozedUntil: number | null;
}

export interface InboundContact {
  id: number;
  name: string;
  email: string | null;
}

const CONVERSATION = 'SELECT id, status, snoozed_until AS snoozedUntil FROM conversations';

/**
 * The reads and writes of one customer message, as prepared statements: every inbound message
 * of every channel runs them, and building them with the query builder cost more than running
 * them (see the ingest benchmark in the README).
 */
export class InboundQueries {
  constructor(private readonly cache: StatementCache) {}

  duplicate(inboxId: number, externalId: string) {
    return this.cache
      .get<[number, string], { id: number; conversationId: number }>('SELECT id, conversation_id AS conversationId FROM messages WHERE inbox_id = ? AND external_id = ?')
      .get(inboxId, externalId);
  }

  /**
   * The contact behind a customer's id on one inbox's channel: found by the identity (name and
   * email kept current from what the channel sends), or created with that identity.
   */
  contact(inboxId: number, from: { externalId: string; name: string; email?: string | null }, now: number): InboundContact {
    const found = this.cache
      .get<[number, string], InboundContact>(
        'SELECT c.id, c.name, c.email FROM contact_identities ci JOIN contacts c ON c.id = ci.contact_id WHERE ci.inbox_id = ? AND ci.external_id = ?',
      )
      .get(inboxId, from.externalId);
    if (found) {
      const email = from.email ?? found.email;
      if (from.name === found.name && email === found.email) return found;
      this.cache.get('UPDATE contacts SET name = ?, email = ? WHERE id = ?').run(from.name, email, found.id);
      return { id: found.id, name: from.name, email };
    }
    const email = from.email ?? null;
    const id = Number(this.cache.get('INSERT INTO contacts (name, email, created_at) VALUES (?, ?, ?)').run(from.name, email, now).lastInsertRowid);
    this.cache.get('INSERT INTO contact_identities (contact_id, inbox_id, external_id) VALUES (?, ?, ?)').run(id, inboxId, from.externalId);
    return { id, name: from.name, email };
  }

  /** The conversation the channel says the message belongs to, if it is in this inbox. */
  conversationIn(inboxId: number, id: number) {
    return this.cache.get<[number, number], InboundConversation>(`${CONVERSATION} WHERE id = ? AND inbox_id = ?`).get(id, inboxId);
  }

  /** The contact's latest conversation in the inbox (of the same thread, when the channel has threads). */
  latestConversation(inboxId: number, contactId: number, threadId: string | null) {
    const sql = `${CONVERSATION} WHERE inbox_id = ? AND contact_id = ?${threadId ? ' AND thread_id = ?' : ''} ORDER BY last_message_at DESC LIMIT 1`;
    const params = threadId ? [inboxId, contactId, threadId] : [inboxId, contactId];
    return this.cache.get<unknown[], InboundConversation>(sql).get(...params);
  }

  startConversation(inboxId: number, contactId: number, subject: string | null, threadId: string | null, now: number): InboundConversation {
    const id = this.cache
      .get(
        `INSERT INTO conversations (inbox_id, contact_id, status, priority, subject, thread_id, labels, last_message_at, created_at, updated_at)
         VALUES (?, ?, 'open', 'normal', ?, ?, '[]', ?, ?, ?)`,
      )
      .run(inboxId, contactId, subject, threadId, now, now, now).lastInsertRowid;
    return { id: Number(id), status: 'open', snoozedUntil: null };
  }

  insertMessage(m: { conversationId: number; inboxId: number; text: string; html: string | null; contactId: number; externalId: string; now: number }): number {
    const id = this.cache
      .get(
        `INSERT INTO messages (conversation_id, inbox_id, direction, private, text, html, status, author_contact_id, external_id, created_at, updated_at)
         VALUES (?, ?, 'incoming', 0, ?, ?, 'received', ?, ?, ?, ?)`,
      )
      .run(m.conversationId, m.inboxId, m.text, m.html, m.contactId, m.externalId, m.now, m.now).lastInsertRowid;
    return Number(id);
  }

  /** The conversation's activity after a customer's message. */
  touch(id: number, c: { preview: string; status: ConversationStatus; snoozedUntil: number | null; now: number }) {
    this.cache
      .get('UPDATE conversations SET last_message_at = ?, last_incoming_at = ?, last_message_preview = ?, status = ?, snoozed_until = ?, updated_at = ? WHERE id = ?')
      .run(c.now, c.now, c.preview, c.status, c.snoozedUntil, c.now, id);
  }
}
