/**
 * The ingest scenario's worker: inbound messages through the domain service
 * (`app.messages.ingest`: dedup, contact and conversation upsert, message, search index, event
 * log) against a raw prepared better-sqlite3 transaction doing the same reads and writes, on the
 * same connection and file. One transaction per message on both sides, as each inbound request is.
 *
 *   node bench/.cache/dist/ingest.mjs <db>   (then driven over IPC: 'app' | 'raw' batches)
 */
import { createApp } from '$lib/server/app';
import { loadEnv } from '$lib/server/env';
import { SUMMARY_COLUMNS, SUMMARY_FROM } from '$lib/server/inbox/conversation.mapper';
import { continuable, statusOnIncoming } from '$lib/server/inbox/conversation.rules';
import type { InboundInput } from '$lib/server/inbox/message.service';
import { foldText, previewOf } from '$lib/server/inbox/search-text';
import type { ConversationStatus } from '$lib/shared/schemas/common';
import { serveCommands } from '../lib/procs.mjs';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: ingest.mjs <db>');
const app = createApp(loadEnv({ DATABASE_URL: `file:${file}`, LOG_LEVEL: 'silent', SMTP_PORT: '0' }));
const db = app.db.$client;

type Batch = { inboxId: number; messages: InboundInput[] };
type Conv = { id: number; status: ConversationStatus; snoozed_until: number | null };

const raw = {
  dup: db.prepare<[number, string], { id: number; conversation_id: number }>('SELECT id, conversation_id FROM messages WHERE inbox_id = ? AND external_id = ?'),
  identity: db.prepare<[number, string], { contact_id: number; name: string; email: string | null }>(
    'SELECT ci.contact_id, c.name, c.email FROM contact_identities ci JOIN contacts c ON c.id = ci.contact_id WHERE ci.inbox_id = ? AND ci.external_id = ?',
  ),
  updateContact: db.prepare('UPDATE contacts SET name = ?, email = ? WHERE id = ?'),
  insertContact: db.prepare<[string, string | null, number], { id: number }>('INSERT INTO contacts (name, email, created_at) VALUES (?, ?, ?) RETURNING id'),
  insertIdentity: db.prepare('INSERT INTO contact_identities (contact_id, inbox_id, external_id) VALUES (?, ?, ?)'),
  conversation: db.prepare<[number, number], Conv>('SELECT * FROM conversations WHERE inbox_id = ? AND contact_id = ? ORDER BY last_message_at DESC LIMIT 1'),
  insertConversation: db.prepare<[number, number, string | null, number, number, number], Conv>(
    "INSERT INTO conversations (inbox_id, contact_id, status, priority, subject, labels, last_message_at, created_at, updated_at) VALUES (?, ?, 'open', 'normal', ?, '[]', ?, ?, ?) RETURNING *",
  ),
  insertMessage: db.prepare<[number, number, string, number, string, number, number], { id: number }>(
    "INSERT INTO messages (conversation_id, inbox_id, direction, text, status, author_contact_id, external_id, created_at, updated_at) VALUES (?, ?, 'incoming', ?, 'received', ?, ?, ?, ?) RETURNING *",
  ),
  messageSearch: db.prepare('INSERT INTO message_search (rowid, body) VALUES (?, ?)'),
  conversationSearch: db.prepare('INSERT OR REPLACE INTO conversation_search (rowid, body) VALUES (?, ?)'),
  touch: db.prepare('UPDATE conversations SET last_message_at = ?, last_incoming_at = ?, last_message_preview = ?, status = ?, snoozed_until = ?, updated_at = ? WHERE id = ?'),
  summary: db.prepare<[number, number], Record<string, unknown>>(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE c.id = ?`),
  event: db.prepare<[string, number, number], { seq: number }>("INSERT INTO events (type, payload, inbox_id, user_id, created_at) VALUES (?, '{}', ?, NULL, ?) RETURNING seq"),
  fill: db.prepare('UPDATE events SET payload = ? WHERE seq = ?'),
};

/** The same work as MessageService.ingest, written directly against prepared statements. */
const rawIngest = db.transaction((inboxId: number, input: InboundInput) => {
  const dup = raw.dup.get(inboxId, input.externalMessageId);
  if (dup) return dup.conversation_id;
  const now = Date.now();
  const found = raw.identity.get(inboxId, input.contact.externalId);
  let contactId: number;
  let email = input.contact.email ?? null;
  if (found) {
    contactId = found.contact_id;
    email = input.contact.email ?? found.email;
    if (found.name !== input.contact.name || email !== found.email) raw.updateContact.run(input.contact.name, email, contactId);
  } else {
    contactId = raw.insertContact.get(input.contact.name, email, now)!.id;
    raw.insertIdentity.run(contactId, inboxId, input.contact.externalId);
  }
  let conv = raw.conversation.get(inboxId, contactId);
  if (conv && !continuable(conv.status)) conv = undefined;
  const isNew = !conv;
  conv ??= raw.insertConversation.get(inboxId, contactId, input.subject ?? null, now, now, now)!;
  const message = raw.insertMessage.get(conv.id, inboxId, input.text, contactId, input.externalMessageId, now, now)!;
  raw.messageSearch.run(message.id, foldText(input.text));
  const status = statusOnIncoming(conv.status);
  raw.touch.run(now, now, previewOf(input.text), status, status === conv.status ? conv.snoozed_until : null, now, conv.id);
  if (isNew) raw.conversationSearch.run(conv.id, foldText([input.subject, input.contact.name, email].filter(Boolean).join(' ')));
  const conversation = raw.summary.get(0, conv.id);
  const updated = raw.event.get(isNew ? 'conversation.created' : 'conversation.updated', inboxId, now)!.seq;
  const created = raw.event.get('message.created', inboxId, now)!.seq;
  raw.fill.run(JSON.stringify({ seq: updated, conversation, changes: isNew ? ['created'] : ['lastMessage'], actorId: null }), updated);
  raw.fill.run(JSON.stringify({ seq: created, conversationId: conv.id, inboxId, message: { ...message, author: { type: 'contact', id: contactId, name: input.contact.name } } }), created);
  return conv.id;
});

function timed(batch: Batch, one: (input: InboundInput) => void) {
  const t0 = performance.now();
  for (const input of batch.messages) one(input);
  const seconds = (performance.now() - t0) / 1000;
  return { count: batch.messages.length, seconds, perSecond: batch.messages.length / seconds };
}

serveCommands({
  app: (batch: Batch) => {
    const inbox = app.inboxes.record(batch.inboxId);
    return timed(batch, (input) => app.messages.ingest(inbox, input));
  },
  raw: (batch: Batch) => timed(batch, (input) => rawIngest.immediate(batch.inboxId, input)),
  close: async () => {
    await app.close();
    return null;
  },
});
