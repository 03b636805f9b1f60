import type { ConversationListQuery, ConversationSummary } from '$lib/shared/schemas/conversation';
import type { AuthContext } from '../auth/auth-context';
import { visibleInboxIds } from '../auth/auth-context';
import type { StatementCache } from '../db/statement-cache';
import { SUMMARY_COLUMNS, SUMMARY_FROM, toSummary, type SummaryRow } from './conversation.mapper';
import { decodeCursor, encodeCursor } from './cursor';
import { ftsQuery } from './search-text';
import { toSummaryFromArray, type SummaryArray } from './summary-array.mapper';

type Where = { clauses: string[]; params: unknown[] };

function visibility(auth: AuthContext, where: Where) {
  const ids = visibleInboxIds(auth);
  if (ids === null) return;
  if (ids.length === 1) where.clauses.push('c.inbox_id = ?');
  // `+` keeps SQLite from using the inbox index for several inboxes, which would sort every
  // match; walking the activity index and filtering is what a first page needs.
  else where.clauses.push(ids.length ? `+c.inbox_id IN (${ids.map(() => '?').join(',')})` : '0');
  where.params.push(...ids);
}

/** The conversation list: filters, full-text search and a keyset cursor on (last activity, id). */
export function listConversations(cache: StatementCache, auth: AuthContext, query: ConversationListQuery) {
  const where: Where = { clauses: [], params: [] };
  visibility(auth, where);
  if (query.status) where.clauses.push('c.status = ?'), where.params.push(query.status);
  if (query.inboxId) where.clauses.push('c.inbox_id = ?'), where.params.push(query.inboxId);
  if (query.channel) where.clauses.push('i.channel = ?'), where.params.push(query.channel);
  if (query.priority) where.clauses.push('c.priority = ?'), where.params.push(query.priority);
  if (query.assignee === 'none') where.clauses.push('c.assignee_id IS NULL');
  else if (query.assignee !== undefined) where.clauses.push('c.assignee_id = ?'), where.params.push(query.assignee === 'me' ? auth.user.id : query.assignee);
  if (query.label) where.clauses.push('EXISTS (SELECT 1 FROM json_each(c.labels) WHERE value = ?)'), where.params.push(query.label);
  if (query.unread) where.clauses.push('c.last_incoming_at > COALESCE(r.read_at, 0)');
  if (query.escalated) where.clauses.push('c.escalated_at IS NOT NULL');
  if (query.q) {
    const match = ftsQuery(query.q);
    if (!match) return { items: [], nextCursor: null };
    where.clauses.push(`c.id IN (SELECT rowid FROM conversation_search WHERE conversation_search MATCH ?
      UNION SELECT m.conversation_id FROM message_search s JOIN messages m ON m.id = s.rowid WHERE message_search MATCH ?)`);
    where.params.push(match, match);
  }
  if (query.cursor) {
    const { time, id } = decodeCursor(query.cursor);
    where.clauses.push('(c.last_message_at, c.id) < (?, ?)');
    where.params.push(time, id);
  }
  const sql = `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM}
    ${where.clauses.length ? `WHERE ${where.clauses.join(' AND ')}` : ''}
    ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?`;
  const rows = cache.getRaw<unknown[], SummaryArray>(sql).all(auth.user.id, ...where.params, query.limit + 1);
  const count = Math.min(rows.length, query.limit);
  const items: ConversationSummary[] = new Array(count);
  const now = Date.now();
  for (let i = 0; i < count; i++) items[i] = toSummaryFromArray(rows[i], now);
  const last = rows.length > query.limit ? rows[query.limit - 1] : null;
  return { items, nextCursor: last ? encodeCursor(last[12], last[0]) : null };
}

export function conversationSummary(cache: StatementCache, id: number, userId = 0): ConversationSummary | null {
  const row = cache.get<[number, number], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE c.id = ?`).get(userId, id);
  return row ? toSummary(row) : null;
}

type CountRow = { inboxId: number; open: number; unread: number; mine: number; mineUnread: number; unassigned: number; unassignedUnread: number };

/** Open conversations per view (what each view's default "Open" list shows), and how many are unread. */
export function conversationCounts(cache: StatementCache, auth: AuthContext) {
  const where: Where = { clauses: ["c.status = 'open'"], params: [] };
  visibility(auth, where);
  const unread = '(c.last_incoming_at > COALESCE(r.read_at, 0))';
  const rows = cache
    .get<unknown[], CountRow>(
      `SELECT c.inbox_id AS inboxId, count(*) AS open, total(${unread}) AS unread,
         total(c.assignee_id = @me) AS mine, total(c.assignee_id = @me AND ${unread}) AS mineUnread,
         total(c.assignee_id IS NULL) AS unassigned, total(c.assignee_id IS NULL AND ${unread}) AS unassignedUnread
       FROM conversations c LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = @me
       WHERE ${where.clauses.join(' AND ')} GROUP BY c.inbox_id`,
    )
    .all(...where.params, { me: auth.user.id });
  const sum = (f: (r: CountRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  return {
    mine: { open: sum((r) => r.mine), unread: sum((r) => r.mineUnread) },
    unassigned: { open: sum((r) => r.unassigned), unread: sum((r) => r.unassignedUnread) },
    all: { open: sum((r) => r.open), unread: sum((r) => r.unread) },
    inboxes: rows.map((r) => ({ inboxId: r.inboxId, open: r.open, unread: r.unread })),
  };
}

/** Labels in use on the conversations the caller can see, with how many carry each. */
export function labelCounts(cache: StatementCache, auth: AuthContext): { name: string; count: number }[] {
  const where: Where = { clauses: [], params: [] };
  visibility(auth, where);
  return cache
    .get<unknown[], { name: string; count: number }>(
      `SELECT l.value AS name, count(*) AS count FROM conversations c, json_each(c.labels) l
       ${where.clauses.length ? `WHERE ${where.clauses.join(' AND ')}` : ''} GROUP BY l.value ORDER BY l.value`,
    )
    .all(...where.params);
}
