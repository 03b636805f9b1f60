import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { authFor, customerMessage, makeInbox, makeUser } from '../../../../tests/factories/app.factory';
import { createApp, type SwitchboardApp } from '../app';
import { loadEnv } from '../env';
import { contacts, messages, users } from '../db/schema';
import { toMessage } from './conversation.mapper';
import { loadExtras } from './message-extras';
import { MESSAGE_PAGE_SQL } from './message-page.queries';

let app: SwitchboardApp;
afterEach(async () => app?.close());

/** An app that counts its SQL statements, as the server does with SQL_STATEMENT_HEADER=1. */
function countingApp(): SwitchboardApp {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-unit-'));
  return createApp(loadEnv({ DATABASE_URL: `file:${path.join(dir, 'test.db')}`, LOG_LEVEL: 'silent', SQL_STATEMENT_HEADER: '1' }));
}

async function statementsOf<T>(fn: () => T): Promise<{ result: T; statements: number }> {
  return app.statements!.measure(async () => fn());
}

/** The thread as the drizzle-built reads mapped it before the page became one statement. */
function expectedThread(conversationId: number) {
  const rows = app.db
    .select({ m: messages, userName: users.name, contactName: contacts.name })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .leftJoin(contacts, eq(contacts.id, messages.authorContactId))
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.id))
    .all();
  const extras = loadExtras(app.db, app.attachments, rows.map((r) => r.m.id));
  return rows.map((r) => toMessage(r.m, r.userName ?? r.contactName, extras.get(r.m.id)));
}

async function thread() {
  app = countingApp();
  const anna = await makeUser(app, 'agent', 'Anna');
  const outsider = await makeUser(app, 'agent', 'Olaf');
  const inbox = makeInbox(app, [anna.id]);
  makeInbox(app, [outsider.id]);
  const auth = authFor(app, anna);
  const { conversationId } = app.messages.ingest(
    inbox.record,
    customerMessage({
      text: 'Invoice attached',
      html: '<p>Invoice attached</p>',
      attachments: [
        { filename: 'invoice.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4') },
        { filename: 'logo.png', contentType: 'image/png', data: Buffer.from('png'), contentId: 'logo@x', inline: true },
      ],
      email: { from: 'zofia@example.com', to: ['support@example.com'], cc: ['boss@example.com'], subject: 'Invoice', messageIdHeader: '<a@example.com>', inReplyTo: null, references: [], autoSubmitted: true },
    }),
  );
  app.messages.post(auth, conversationId, { text: 'Thanks, looking', private: false, clientId: 'client-0001' });
  app.messages.post(auth, conversationId, { text: 'Note to self', private: true });
  app.conversations.update(auth, conversationId, { priority: 'high', assigneeId: anna.id });
  return { auth, outsider: authFor(app, outsider), conversationId };
}

describe('message page', () => {
  it('maps customer, agent, private and system messages with their files and email exactly as before', async () => {
    const { auth, conversationId } = await thread();
    const page = app.messages.list(auth, conversationId, undefined, 50);
    const expected = expectedThread(conversationId);
    expect(expected.map((m) => m.direction)).toEqual(['incoming', 'outgoing', 'outgoing', 'system', 'system']);
    expect(expected[0].attachments.map((a) => a.filename)).toEqual(['invoice.pdf', 'logo.png']);
    expect(expected[0].email?.autoSubmitted).toBe(true);
    expect(expected[3].eventData).not.toBeNull();
    // Byte for byte: key order included, as the API answers it.
    expect(JSON.stringify(page)).toBe(JSON.stringify({ items: expected, prevCursor: null }));
  });

  it('pages back in time with the cursor, newest last, until the first message', async () => {
    const { auth, conversationId } = await thread();
    const all = expectedThread(conversationId).map((m) => m.id);
    const last = app.messages.list(auth, conversationId, undefined, 2);
    expect(last.items.map((m) => m.id)).toEqual(all.slice(-2));
    expect(last.prevCursor).toBe(String(all[3]));
    const before = app.messages.list(auth, conversationId, Number(last.prevCursor), 2);
    expect(before.items.map((m) => m.id)).toEqual(all.slice(1, 3));
    const first = app.messages.list(auth, conversationId, Number(before.prevCursor), 2);
    expect(first).toMatchObject({ items: [{ id: all[0] }], prevCursor: null });
  });

  it('answers 404 to someone outside the inbox and for a conversation that does not exist', async () => {
    const { outsider, auth, conversationId } = await thread();
    expect(() => app.messages.list(outsider, conversationId, undefined, 50)).toThrow(expect.objectContaining({ status: 404, code: 'not_found' }));
    expect(() => app.messages.list(auth, conversationId + 100, undefined, 50)).toThrow(expect.objectContaining({ status: 404 }));
  });

  it('answers an empty page for a conversation without messages', async () => {
    const { auth, conversationId } = await thread();
    app.db.$client.prepare('DELETE FROM messages WHERE conversation_id = ?').run(conversationId);
    expect(app.messages.list(auth, conversationId, undefined, 50)).toEqual({ items: [], prevCursor: null });
  });

  it('reads a page in one statement, and files in a second only when a message on the page has any', async () => {
    const { auth, conversationId } = await thread();
    const recent = await statementsOf(() => app.messages.list(auth, conversationId, undefined, 4));
    expect(recent.result.items.every((m) => m.attachments.length === 0)).toBe(true);
    expect(recent.statements).toBe(1);
    const all = await statementsOf(() => app.messages.list(auth, conversationId, undefined, 50));
    expect(all.result.items[0].attachments).toHaveLength(2);
    expect(all.statements).toBe(2);
  });

  it('walks the conversation index backwards instead of sorting the thread', async () => {
    await thread();
    const plan = app.db.$client
      .prepare(`EXPLAIN QUERY PLAN ${MESSAGE_PAGE_SQL}`)
      .all(Number.MAX_SAFE_INTEGER, 1, 51)
      .map((r) => (r as { detail: string }).detail);
    expect(plan).toContain('SEARCH m USING INDEX messages_conversation_idx (conversation_id=? AND id<?) LEFT-JOIN');
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});
