import type { ContactDetail, ContactListItem, ContactSearchQuery } from '$lib/shared/schemas/contact';
import type { AuthContext } from '../auth/auth-context';
import { requireRole, visibleInboxIds } from '../auth/auth-context';
import type { Db } from '../db/client';
import type { StatementCache } from '../db/statement-cache';
import { AppError, badRequest, conflict } from '../errors';
import type { EventLog } from '../events/event-log';
import { SUMMARY_COLUMNS, SUMMARY_FROM, iso, toSummary, type SummaryRow } from '../inbox/conversation.mapper';
import type { ConversationService } from '../inbox/conversation.service';
import { foldText } from '../inbox/search-text';
import { contactIdentities } from './contact-identities';

interface ContactRow {
  id: number;
  name: string;
  email: string | null;
  createdAt: number;
}

const contactNotFound = () => new AppError(404, 'not_found', 'contact not found');

/** `?` placeholders and values for "in an inbox the caller can see" on `column`, or none for those who see all. */
function visibleIn(auth: AuthContext, column: string): { sql: string; params: number[] } {
  const ids = visibleInboxIds(auth);
  if (ids === null) return { sql: '1', params: [] };
  return { sql: ids.length ? `${column} IN (${ids.map(() => '?').join(',')})` : '0', params: ids };
}

/**
 * Contacts as agents reach them: one person may write on several channels, and merging gathers
 * their identities and conversations under one contact.
 */
export class ContactService {
  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly cache: StatementCache,
    private readonly conversations: ConversationService,
  ) {}

  /** Contacts the caller can see (through a conversation or an identity in one of their inboxes) matching name, email or channel id. */
  search(auth: AuthContext, query: ContactSearchQuery): ContactListItem[] {
    const conv = visibleIn(auth, 'c.inbox_id');
    const ident = visibleIn(auth, 'ci.inbox_id');
    const like = `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const rows = this.cache
      .get<unknown[], ContactRow & { conversationCount: number }>(
        `SELECT ct.id, ct.name, ct.email, ct.created_at AS createdAt,
           (SELECT count(*) FROM conversations c WHERE c.contact_id = ct.id AND ${conv.sql}) AS conversationCount
         FROM contacts ct
         WHERE (ct.name LIKE @like ESCAPE '\\' OR ct.email LIKE @like ESCAPE '\\'
             OR EXISTS (SELECT 1 FROM contact_identities ci WHERE ci.contact_id = ct.id AND ci.external_id LIKE @like ESCAPE '\\' AND ${ident.sql}))
           AND ct.id != @exclude
           AND (EXISTS (SELECT 1 FROM conversations c WHERE c.contact_id = ct.id AND ${conv.sql})
             OR EXISTS (SELECT 1 FROM contact_identities ci WHERE ci.contact_id = ct.id AND ${ident.sql}))
         ORDER BY ct.name COLLATE NOCASE, ct.id LIMIT @limit`,
      )
      .all(...conv.params, ...ident.params, ...conv.params, ...ident.params, { like, exclude: query.exclude ?? 0, limit: query.limit });
    const identities = contactIdentities(this.cache, auth, rows.map((r) => r.id));
    return rows.map((r) => ({ ...this.#toContact(r), identities: identities.get(r.id) ?? [], conversationCount: r.conversationCount }));
  }

  /** The contact with their identities and conversations the caller can see; 404 when they see none. */
  get(auth: AuthContext, id: number): ContactDetail {
    const row = this.#visibleRow(auth, id);
    const conv = visibleIn(auth, 'c.inbox_id');
    const conversations = this.cache
      .get<unknown[], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE c.contact_id = ? AND ${conv.sql} ORDER BY c.last_message_at DESC, c.id DESC LIMIT 200`)
      .all(auth.user.id, id, ...conv.params)
      .map(toSummary);
    return { ...this.#toContact(row), identities: contactIdentities(this.cache, auth, [id]).get(id) ?? [], conversations };
  }

  /**
   * Moves everything of `sourceId` to `targetId` and deletes the source, in one transaction.
   * Leads and above only, and only contacts they can see a conversation of: merging changes who
   * replies go to, so it needs both sides in view. A source that no longer exists (merged
   * already) answers 404.
   */
  merge(auth: AuthContext, targetId: number, sourceId: number): ContactDetail {
    requireRole(auth, 'lead');
    if (targetId === sourceId) throw badRequest('a contact cannot be merged into itself', 'same_contact');
    this.log.transact((events) => {
      const target = this.#visibleRow(auth, targetId);
      const source = this.#visibleRow(auth, sourceId, 'the contact to merge was not found; it may have been merged already');
      // Replies go to the contact's identity in the conversation's inbox; two in one inbox would be ambiguous.
      const clash = this.cache
        .get<[number, number], { inboxId: number }>(
          `SELECT a.inbox_id AS inboxId FROM contact_identities a JOIN contact_identities b ON a.inbox_id = b.inbox_id
           WHERE a.contact_id = ? AND b.contact_id = ? LIMIT 1`,
        )
        .get(targetId, sourceId);
      if (clash) throw conflict('both contacts have an identity in the same inbox; replies there could reach the wrong person', 'identity_conflict');

      const client = this.db.$client;
      client.prepare('UPDATE contact_identities SET contact_id = ? WHERE contact_id = ?').run(targetId, sourceId);
      client.prepare('UPDATE conversations SET contact_id = ?, updated_at = ? WHERE contact_id = ?').run(targetId, Date.now(), sourceId);
      client.prepare('UPDATE messages SET author_contact_id = ? WHERE author_contact_id = ?').run(targetId, sourceId);
      const name = target.name.trim() ? target.name : source.name;
      const email = target.email?.trim() ? target.email : source.email;
      client.prepare('UPDATE contacts SET name = ?, email = ? WHERE id = ?').run(name, email, targetId);
      client.prepare('DELETE FROM contacts WHERE id = ?').run(sourceId);

      const ids = client.prepare<[number], { id: number; subject: string | null }>('SELECT id, subject FROM conversations WHERE contact_id = ?').all(targetId);
      const index = client.prepare('INSERT OR REPLACE INTO conversation_search (rowid, body) VALUES (?, ?)');
      for (const c of ids) {
        index.run(c.id, foldText([c.subject, name, email].filter(Boolean).join(' ')));
        this.conversations.emitUpdated(events, c.id, ['contact'], auth.user.id);
      }
    });
    return this.get(auth, targetId);
  }

  #visibleRow(auth: AuthContext, id: number, missing?: string): ContactRow {
    const row = this.cache.get<[number], ContactRow>('SELECT id, name, email, created_at AS createdAt FROM contacts WHERE id = ?').get(id);
    const fail = () => (missing ? new AppError(404, 'not_found', missing) : contactNotFound());
    if (!row) throw fail();
    const conv = visibleIn(auth, 'inbox_id');
    if (conv.sql === '1') return row;
    const seen = this.cache
      .get<unknown[], { one: number }>(
        `SELECT 1 AS one FROM conversations WHERE contact_id = ? AND ${conv.sql}
         UNION ALL SELECT 1 FROM contact_identities WHERE contact_id = ? AND ${conv.sql} LIMIT 1`,
      )
      .get(id, ...conv.params, id, ...conv.params);
    if (!seen) throw fail();
    return row;
  }

  #toContact(row: ContactRow) {
    return { id: row.id, name: row.name, email: row.email, createdAt: iso(row.createdAt) };
  }
}
