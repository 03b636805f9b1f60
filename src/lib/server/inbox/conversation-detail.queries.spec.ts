import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { authFor, customerMessage, makeInbox, makeUser } from '../../../../tests/factories/app.factory';
import { createApp, type SwitchboardApp } from '../app';
import type { AuthContext } from '../auth/auth-context';
import { contactIdentities } from '../contacts/contact-identities';
import { StatementCache } from '../db/statement-cache';
import { contacts, conversations } from '../db/schema';
import { loadEnv } from '../env';
import { iso, isoOrNull } from './conversation.mapper';
import { conversationSummary } from './conversation.queries';

let app: SwitchboardApp;
afterEach(async () => app?.close());

function countingApp(): SwitchboardApp {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-unit-'));
  return createApp(loadEnv({ DATABASE_URL: `file:${path.join(dir, 'test.db')}`, LOG_LEVEL: 'silent', SQL_STATEMENT_HEADER: '1' }));
}

/** The detail as it was composed from four reads before it became one statement. */
function expectedDetail(auth: AuthContext, id: number) {
  const cache = new StatementCache(app.db.$client);
  const row = app.db.select().from(conversations).where(eq(conversations.id, id)).get()!;
  const summary = conversationSummary(cache, id, auth.user.id)!;
  const contact = app.db.select().from(contacts).where(eq(contacts.id, row.contactId)).get()!;
  return {
    ...summary,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    firstReplyAt: isoOrNull(row.firstReplyAt),
    resolvedAt: isoOrNull(row.resolvedAt),
    threadId: row.threadId,
    contact: { id: contact.id, name: contact.name, email: contact.email, createdAt: iso(contact.createdAt), identities: contactIdentities(cache, auth, [contact.id]).get(contact.id) ?? [] },
    replyWindow: null,
  };
}

async function setup() {
  app = countingApp();
  const anna = await makeUser(app, 'agent', 'Anna');
  const outsider = await makeUser(app, 'agent', 'Olaf');
  const mine = makeInbox(app, [anna.id]);
  const other = makeInbox(app, [outsider.id]);
  const contact = { externalId: 'zofia-1', name: 'Zofia', email: 'zofia@example.com' };
  const { conversationId } = app.messages.ingest(mine.record, customerMessage({ contact, subject: 'Refund', threadId: 't-1' }));
  // The same customer on a channel Anna does not work on: not hers to see.
  const elsewhere = app.messages.ingest(other.record, customerMessage({ contact: { ...contact, externalId: 'zofia-elsewhere' } }));
  const contactId = app.db.select({ c: conversations.contactId }).from(conversations).where(eq(conversations.id, conversationId)).get()!.c;
  app.db.$client.prepare('INSERT INTO contact_identities (contact_id, inbox_id, external_id) VALUES (?, ?, ?)').run(contactId, other.id, 'zofia-other');
  const auth = authFor(app, anna);
  app.messages.post(auth, conversationId, { text: 'On it', private: false });
  app.conversations.update(auth, conversationId, { labels: ['vip', 'billing'], priority: 'urgent' });
  return { auth, outsider: authFor(app, outsider), supervisor: authFor(app, await makeUser(app, 'supervisor')), conversationId, elsewhere: elsewhere.conversationId };
}

describe('conversation detail', () => {
  it('answers what the summary, contact and identity reads answered, key for key', async () => {
    const { auth, supervisor, conversationId } = await setup();
    const detail = app.conversations.get(auth, conversationId);
    expect(detail.contact.identities.map((i) => i.externalId)).toEqual(['zofia-1']);
    expect(JSON.stringify(detail)).toBe(JSON.stringify(expectedDetail(auth, conversationId)));
    const seenBySupervisor = app.conversations.get(supervisor, conversationId);
    expect(seenBySupervisor.contact.identities.map((i) => i.externalId)).toEqual(['zofia-1', 'zofia-other']);
    expect(JSON.stringify(seenBySupervisor)).toBe(JSON.stringify(expectedDetail(supervisor, conversationId)));
  });

  it('answers 404 to someone outside the inbox and for a conversation that does not exist', async () => {
    const { auth, outsider, conversationId, elsewhere } = await setup();
    expect(() => app.conversations.get(outsider, conversationId)).toThrow(expect.objectContaining({ status: 404, code: 'not_found' }));
    expect(() => app.conversations.get(auth, elsewhere)).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => app.conversations.get(auth, elsewhere + 100)).toThrow(expect.objectContaining({ status: 404 }));
  });

  it('is read in one statement', async () => {
    const { auth, conversationId } = await setup();
    const { statements } = await app.statements!.measure(async () => app.conversations.get(auth, conversationId));
    expect(statements).toBe(1);
  });
});
