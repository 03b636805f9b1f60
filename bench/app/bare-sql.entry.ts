/**
 * The raw-SQL baseline of inbox-list and thread-open: a bare node:http server that runs the same
 * SQL as the app with prepared better-sqlite3 statements and answers the rows as JSON. No
 * framework, no per-request auth lookup, no validation, no mapping: what the request would cost
 * if only the query mattered. Rows come as better-sqlite3's default objects; the app reads the
 * list and the message page as arrays (cheaper by about 0.2 ms on a list page), so a baseline
 * reading arrays too would be that much faster (measured 2026-12-01: p50 0.73 ms instead of 1.1).
 *
 *   node bench/.cache/dist/bare-sql.mjs <db> <port>
 * GET /list?user=<id>&role=<role>&inboxes=<1,2>&<the API's list query>
 * GET /messages?id=<conversation>&limit=50, GET /detail?id=<conversation>&user=<id>
 */
import Database from 'better-sqlite3';
import http from 'node:http';
import type { AuthContext } from '$lib/server/auth/auth-context';
import { StatementCache } from '$lib/server/db/statement-cache';
import { listConversations } from '$lib/server/inbox/conversation.queries';
import { DETAIL_SQL } from '$lib/server/inbox/conversation-detail.queries';
import { MESSAGE_PAGE_SQL } from '$lib/server/inbox/message-page.queries';
import { encodeCursor } from '$lib/server/inbox/cursor';
import type { Role } from '$lib/shared/schemas/common';
import type { ConversationListQuery } from '$lib/shared/schemas/conversation';

const [file, port] = process.argv.slice(2);
if (!file || !port) throw new Error('usage: bare-sql.mjs <db> <port>');
const sqlite = new Database(file, { fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
const statements = new StatementCache(sqlite);

type Captured = { sql: string; params: unknown[] };
/** Builds the app's list SQL (text and parameters) without running it: the same query, raw. */
function listSql(auth: AuthContext, query: ConversationListQuery): Captured {
  let captured: Captured | null = null;
  const statement = (sql: string) => ({
    all: (...params: unknown[]) => {
      captured = { sql, params };
      return [];
    },
  });
  const capture = { get: statement, getRaw: statement } as unknown as StatementCache;
  listConversations(capture, auth, query);
  if (!captured) throw new Error('the list query was not built');
  return captured;
}

type Row = { id: number; lastMessageAt: number };
function handle(url: URL): unknown {
  const q = url.searchParams;
  const userId = Number(q.get('user') ?? 0);
  if (url.pathname === '/list') {
    const auth: AuthContext = {
      user: { id: userId, email: '', name: '', role: (q.get('role') ?? 'agent') as Role, locale: null, settings: {} as AuthContext['user']['settings'] },
      via: 'token',
      sessionId: null,
      tokenId: null,
      memberInboxIds: (q.get('inboxes') ?? '').split(',').filter(Boolean).map(Number),
    };
    const query: ConversationListQuery = { limit: Number(q.get('limit') ?? 50) };
    for (const k of ['status', 'assignee', 'cursor'] as const) {
      const v = q.get(k);
      if (v !== null) Object.assign(query, { [k]: k === 'assignee' && /^\d+$/.test(v) ? Number(v) : v });
    }
    if (q.get('inboxId')) query.inboxId = Number(q.get('inboxId'));
    const { sql, params } = listSql(auth, query);
    const rows = statements.get<unknown[], Row>(sql).all(...params);
    const last = rows.length > query.limit ? rows[query.limit - 1]! : null;
    return { items: rows.slice(0, query.limit), nextCursor: last ? encodeCursor(last.lastMessageAt, last.id) : null };
  }
  if (url.pathname === '/messages') {
    const limit = Number(q.get('limit') ?? 50);
    const rows = statements.get<[number, number, number], { id: number }>(MESSAGE_PAGE_SQL).all(Number.MAX_SAFE_INTEGER, Number(q.get('id')), limit + 1);
    return { items: rows.slice(0, limit).reverse(), prevCursor: rows.length > limit ? String(rows[limit - 1]!.id) : null };
  }
  if (url.pathname === '/detail') return statements.get<[number, number], unknown>(DETAIL_SQL).get(userId, Number(q.get('id'))) ?? null;
  return null;
}

const server = http.createServer((req, res) => {
  try {
    const body = handle(new URL(req.url ?? '/', 'http://localhost'));
    if (body === null) {
      res.writeHead(404).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
  }
});
server.keepAliveTimeout = 65_000;
server.listen(Number(port), '127.0.0.1', () => console.log(`bare-sql listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
