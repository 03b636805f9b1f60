import type Database from 'better-sqlite3';
import { and, desc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { authFor, customerMessage, makeInbox, makeUser, testApp } from '../../../../tests/factories/app.factory';
import type { SwitchboardApp } from '../app';
import type { AuthContext } from '../auth/auth-context';
import { StatementCache } from '../db/statement-cache';
import { conversations } from '../db/schema';
import type { ConversationListQuery } from '$lib/shared/schemas/conversation';
import { listConversations } from './conversation.queries';

/** Remembers the SQL and parameters of every statement the list runs (object or array rows). */
class RecordingCache extends StatementCache {
  readonly calls: { sql: string; params: unknown[] }[] = [];
  override get<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    return this.#recording(sql, super.get<P, R>(sql));
  }
  override getRaw<P extends unknown[] = unknown[], R extends unknown[] = unknown[]>(sql: string): Database.Statement<P, R> {
    return this.#recording(sql, super.getRaw<P, R>(sql));
  }
  #recording<P extends unknown[], R>(sql: string, stmt: Database.Statement<P, R>): Database.Statement<P, R> {
    const calls = this.calls;
    return { all: (...params: P) => (calls.push({ sql, params }), stmt.all(...params)) } as unknown as Database.Statement<P, R>;
  }
}

let app: SwitchboardApp;
afterEach(async () => app?.close());

function plan(sql: string, params: unknown[]): string[] {
  return app.db.$client
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r) => (r as { detail: string }).detail);
}

/** The plan of the list query for this caller and view. */
function listPlan(auth: AuthContext, query: Partial<ConversationListQuery>): string[] {
  const cache = new RecordingCache(app.db.$client);
  listConversations(cache, auth, { limit: 50, ...query });
  const call = cache.calls.at(-1)!;
  return plan(call.sql, call.params);
}

async function workspace() {
  app = testApp();
  const agent = await makeUser(app, 'agent');
  const inboxes = [makeInbox(app, [agent.id]), makeInbox(app, [agent.id]), makeInbox(app, [agent.id])];
  for (const inbox of inboxes) for (let i = 0; i < 3; i++) app.messages.ingest(inbox.record, customerMessage());
  const cursor = listConversations(new StatementCache(app.db.$client), authFor(app, agent), { limit: 1 }).nextCursor!;
  return { agent: authFor(app, agent), supervisor: authFor(app, await makeUser(app, 'supervisor')), inboxes, cursor };
}

// Every view of the console, first and later pages: the rows come off an index in list order
// (no sort of all matches, which at 100k conversations is what made lists slow).
describe('conversation list indexes', () => {
  it('walks an index in list order for every console view, first page and deep pages', async () => {
    const { agent, supervisor, inboxes, cursor } = await workspace();
    const views: [AuthContext, Partial<ConversationListQuery>, string][] = [
      [agent, { status: 'open', assignee: 'me' }, 'conversations_assignee_activity_idx'],
      [agent, { status: 'open', assignee: 'none' }, 'conversations_status_activity_idx'],
      [agent, { status: 'open' }, 'conversations_status_activity_idx'],
      [agent, {}, 'conversations_activity_idx'],
      [agent, { status: 'open', inboxId: inboxes[1]!.id }, 'conversations_inbox_activity_idx'],
      [supervisor, {}, 'conversations_activity_idx'],
      [supervisor, { status: 'resolved' }, 'conversations_status_activity_idx'],
      [supervisor, { inboxId: inboxes[0]!.id }, 'conversations_inbox_activity_idx'],
    ];
    for (const [auth, query, index] of views) {
      for (const q of [query, { ...query, cursor }]) {
        const steps = listPlan(auth, q);
        const what = `${auth.user.role} ${JSON.stringify(q)}: ${steps.join(' | ')}`;
        expect(steps.find((s) => /^(SEARCH|SCAN) c\b/.test(s)), what).toMatch(new RegExp(`^(SEARCH|SCAN) c USING (COVERING )?INDEX ${index}\\b`));
        expect(steps.some((s) => s.includes('TEMP B-TREE')), what).toBe(false);
      }
    }
  });

  it('finds a customer’s latest conversation in an inbox through the contact index, without a sort', async () => {
    app = testApp();
    // The lookup every inbound message makes (MessageService.ingest, the chat widget).
    const { sql, params } = app.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.inboxId, 1), eq(conversations.contactId, 2)))
      .orderBy(desc(conversations.lastMessageAt))
      .limit(1)
      .toSQL();
    const steps = plan(sql, params);
    expect(steps.join(' | ')).toMatch(/^SEARCH conversations USING INDEX conversations_contact_idx \(contact_id=\? AND inbox_id=\?\)$/);
  });
});
