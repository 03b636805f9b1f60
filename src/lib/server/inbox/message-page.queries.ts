import type { Message, MessageAttachment } from '$lib/shared/schemas/message';
import { assertInbox, type AuthContext } from '../auth/auth-context';
import type { StatementCache } from '../db/statement-cache';
import { notFound } from '../errors';
import { iso, messageAuthor } from './conversation.mapper';

/**
 * One statement for a page of a thread: the conversation's inbox (the visibility check, and a
 * conversation without messages still answers one row), its messages newest first with the
 * author's name, the email envelope and whether the message has files. Rows are read as arrays:
 * better-sqlite3 builds an object per row with a property per column, which cost more than the
 * query itself on a 50-message page.
 */
export const MESSAGE_PAGE_SQL = `SELECT c.inbox_id, m.id, m.direction, m.private, m.text, m.html, m.status, m.error,
  m.author_user_id, m.author_contact_id, m.client_id, m.external_id, m.event, m.event_data, m.created_at,
  COALESCE(u.name, ct.name), EXISTS (SELECT 1 FROM attachments a WHERE a.message_id = m.id),
  e.from_address, e.to_addresses, e.cc_addresses, e.subject, e.message_id_header, e.auto_submitted
FROM conversations c
  LEFT JOIN messages m ON m.conversation_id = c.id AND m.id < ?
  LEFT JOIN users u ON u.id = m.author_user_id
  LEFT JOIN contacts ct ON ct.id = m.author_contact_id
  LEFT JOIN message_emails e ON e.message_id = m.id
WHERE c.id = ? ORDER BY m.id DESC LIMIT ?`;

/** Files of the messages that have any (a JSON array of ids: one statement for any number). */
export const PAGE_FILES_SQL = `SELECT message_id, id, filename, content_type, size, inline FROM attachments
  WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY id`;

type PageRow = [
  inboxId: number,
  id: number | null,
  direction: Message['direction'],
  priv: number,
  text: string,
  html: string | null,
  status: Message['status'],
  error: string | null,
  authorUserId: number | null,
  authorContactId: number | null,
  clientId: string | null,
  externalId: string | null,
  event: string | null,
  eventData: string | null,
  createdAt: number,
  authorName: string | null,
  hasFiles: number,
  emailFrom: string | null,
  emailTo: string,
  emailCc: string,
  emailSubject: string | null,
  emailMessageId: string | null,
  emailAutoSubmitted: number,
];

type FileRow = [messageId: number, id: number, filename: string, contentType: string, size: number, inline: number];

const NO_FILES: MessageAttachment[] = [];

function filesOf(cache: StatementCache, rows: PageRow[]): Map<number, MessageAttachment[]> {
  const ids = rows.filter((r) => r[16] === 1).map((r) => r[1]);
  const map = new Map<number, MessageAttachment[]>();
  if (!ids.length) return map;
  for (const [messageId, id, filename, contentType, size, inline] of cache.getRaw<[string], FileRow>(PAGE_FILES_SQL).all(JSON.stringify(ids))) {
    const file = { id, filename, contentType, size, inline: inline === 1 };
    const list = map.get(messageId);
    if (list) list.push(file);
    else map.set(messageId, [file]);
  }
  return map;
}

function toPageMessage(row: PageRow, conversationId: number, files: Map<number, MessageAttachment[]>): Message {
  const [, id, direction, priv, text, html, status, error, userId, contactId, clientId, externalId, event, eventData, createdAt, authorName] = row;
  const emailFrom = row[17];
  return {
    id: id!,
    conversationId,
    direction,
    private: priv === 1,
    text,
    html,
    status,
    error,
    createdAt: iso(createdAt),
    author: messageAuthor(direction, userId, contactId, authorName),
    clientId,
    externalId,
    event,
    eventData: eventData === null ? null : (JSON.parse(eventData) as Message['eventData']),
    attachments: files.get(id!) ?? NO_FILES,
    email:
      emailFrom === null
        ? null
        : {
            from: emailFrom,
            to: JSON.parse(row[18]) as string[],
            cc: JSON.parse(row[19]) as string[],
            subject: row[20],
            messageId: row[21],
            autoSubmitted: row[22] === 1,
          },
  };
}

/** A page of the thread, newest last; `before` pages back in time. 404 unless the caller sees the conversation. */
export function messagePage(cache: StatementCache, auth: AuthContext, conversationId: number, before: number | undefined, limit: number) {
  const rows = cache.getRaw<[number, number, number], PageRow>(MESSAGE_PAGE_SQL).all(before ?? Number.MAX_SAFE_INTEGER, conversationId, limit + 1);
  if (!rows.length) throw notFound('conversation');
  assertInbox(auth, rows[0][0]);
  // The LEFT JOIN answers one row without a message for a conversation that has none (yet).
  if (rows[0][1] === null) return { items: [], prevCursor: null };
  const page = rows.length > limit ? rows.slice(0, limit) : rows;
  const files = filesOf(cache, page);
  const items: Message[] = new Array(page.length);
  for (let i = 0; i < page.length; i++) items[page.length - 1 - i] = toPageMessage(page[i], conversationId, files);
  return { items, prevCursor: rows.length > limit ? String(page[limit - 1][1]) : null };
}
