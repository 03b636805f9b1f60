/**
 * Generates a benchmark database: the set-up an admin would make (users, inboxes, memberships,
 * API tokens) through the app's own services, then the bulk (contacts, conversations, messages,
 * search index, read marks) with raw prepared inserts in big transactions. The file is migrated
 * by the app's own migrations, so the server opens it like any other.
 *
 *   node bench/.cache/dist/generate.mjs <out.db> '<params json>'
 * writes <out.db> and <out.db>.json (ids, tokens and credentials the scenarios need).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { createApp } from '$lib/server/app';
import { loadEnv } from '$lib/server/env';
import { foldText, previewOf } from '$lib/server/inbox/search-text';
import { LABELS, messageText, personName, rng, subjectLine, type Rng } from './dataset-text';

interface Params {
  conversations: number;
  /** Messages in total, the big thread's included. */
  messages: number;
  /** Messages of the one long conversation (thread-open); 0 for none. */
  bigThread: number;
  /** Agents with API tokens (socket clients of the fan-out and memory scenarios). */
  agents: number;
  seed: number;
}

const PASSWORD = 'bench-password-1';
const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };
const DAY = 86_400_000;

const INBOXES: { name: string; channel: 'api' | 'email' | 'chat'; settings: Record<string, unknown> }[] = [
  { name: 'Shop API', channel: 'api', settings: {} },
  { name: 'Support', channel: 'email', settings: { address: 'support@bench.example', outboundSmtpUrl: 'smtp://127.0.0.1:2599' } },
  { name: 'Website chat', channel: 'chat', settings: {} },
  { name: 'Partner API', channel: 'api', settings: {} },
  { name: 'Billing', channel: 'email', settings: { address: 'billing@bench.example', outboundSmtpUrl: 'smtp://127.0.0.1:2599' } },
  { name: 'App chat', channel: 'chat', settings: {} },
  { name: 'Marketplace', channel: 'api', settings: {} },
  { name: 'Sales', channel: 'email', settings: { address: 'sales@bench.example', outboundSmtpUrl: 'smtp://127.0.0.1:2599' } },
  { name: 'Mobile app', channel: 'api', settings: {} },
  { name: 'Help centre chat', channel: 'chat', settings: {} },
];
/** The console agent works the first three inboxes. */
const ANNA_INBOXES = [0, 1, 2];

const [out, rawParams] = process.argv.slice(2);
if (!out || !rawParams) throw new Error('usage: generate.mjs <out.db> <params json>');
const params = JSON.parse(rawParams) as Params;
const started = Date.now();
const log = (msg: string) => console.log(`[generate ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

for (const suffix of ['', '-wal', '-shm', '.json']) fs.rmSync(out + suffix, { force: true });

// ---- Set-up through the app's services (migrations, real channel configs, real tokens) ----
const app = createApp(loadEnv({ DATABASE_URL: `file:${out}`, PUBLIC_URL: 'http://127.0.0.1:3000', LOG_LEVEL: 'silent' }));
const admin = await app.users.create({ email: ADMIN.email, name: 'Admin', password: ADMIN.password, role: 'admin' });
const supervisor = await app.users.create({ email: 'supervisor@bench.example', name: 'Sofia Supervisor', password: PASSWORD, role: 'supervisor' });
const anna = await app.users.create({ email: 'anna@bench.example', name: 'Anna Agent', password: PASSWORD, role: 'agent' });
const sqlite = app.db.$client;
const { password_hash: agentHash } = sqlite.prepare('SELECT password_hash FROM users WHERE id = ?').get(anna.id) as { password_hash: string };

const inboxes = INBOXES.map((spec) => {
  const created = app.inboxes.create({ name: spec.name, channel: spec.channel, settings: spec.settings });
  return { id: created.id, name: spec.name, channel: spec.channel, inboundToken: (created.revealed as Record<string, string>).inboundToken ?? null };
});
const fanout = app.inboxes.create({ name: 'Fanout', channel: 'api', settings: {} });
const fanoutInbox = { id: fanout.id, inboundToken: (fanout.revealed as Record<string, string>).inboundToken! };

const r = rng(params.seed);
const now = Date.now();
const agentCount = Math.max(params.agents, INBOXES.length);
const insertUser = sqlite.prepare("INSERT INTO users (email, name, password_hash, role, settings, created_at) VALUES (?, ?, ?, 'agent', '{}', ?)");
const insertMember = sqlite.prepare('INSERT OR IGNORE INTO inbox_members (inbox_id, user_id) VALUES (?, ?)');
const agents: { id: number; token: string; inboxId: number }[] = [];
const membersByInbox: number[][] = INBOXES.map(() => []);
sqlite.transaction(() => {
  for (const i of ANNA_INBOXES) {
    insertMember.run(inboxes[i]!.id, anna.id);
    membersByInbox[i]!.push(anna.id);
  }
  for (let i = 0; i < agentCount; i++) {
    const id = Number(insertUser.run(`agent${i + 1}@bench.example`, personName(r), agentHash, now).lastInsertRowid);
    const home = i % INBOXES.length;
    insertMember.run(inboxes[home]!.id, id);
    insertMember.run(fanoutInbox.id, id);
    membersByInbox[home]!.push(id);
    agents.push({ id, token: '', inboxId: inboxes[home]!.id });
  }
})();
for (const a of agents) a.token = app.auth.createToken(a.id, 'bench').token;
const annaToken = app.auth.createToken(anna.id, 'bench').token;
const supervisorToken = app.auth.createToken(supervisor.id, 'bench').token;
await app.close();
log(`set-up: ${inboxes.length + 1} inboxes, ${agentCount + 3} users`);

// ---- Bulk data: raw prepared statements, one transaction per table ----
const db = new Database(out);
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
db.pragma('cache_size = -262144');
db.pragma('foreign_keys = OFF');

const C = params.conversations;
const M = params.messages;
const big = params.bigThread > 0 ? 0 : -1; // index of the long conversation

// Messages per conversation: exponential around the mean, then nudged to the exact total.
const counts = new Int32Array(C);
const ordinary = M - Math.max(params.bigThread, 0);
const mean = ordinary / (C - (big === 0 ? 1 : 0));
let sum = 0;
for (let c = 0; c < C; c++) {
  if (c === big) continue;
  counts[c] = Math.max(1, Math.floor(-Math.log(1 - r.next()) * mean));
  sum += counts[c]!;
}
while (sum !== ordinary) {
  const c = r.int(0, C - 1);
  if (c === big) continue;
  if (sum < ordinary) (counts[c]++, sum++);
  else if (counts[c]! > 1) (counts[c]--, sum--);
}
if (big === 0) counts[0] = params.bigThread;

// Conversations in creation order; the long one is an API conversation of Anna's first inbox.
type Conv = {
  inbox: number; contact: number; status: string; priority: string; assignee: number | null; subject: string | null;
  labels: string; createdAt: number; last: number; lastIncoming: number | null; firstReply: number | null; preview: string;
};
type Contact = { name: string; email: string | null; inbox: number; externalId: string; createdAt: number };
const contacts: Contact[] = [];
const contactsByInbox: number[][] = INBOXES.map(() => []);
const convs: Conv[] = new Array(C);
const msgTime = new Float64Array(M);
const msgConv = new Int32Array(M);
const msgDir = new Uint8Array(M); // 0 incoming, 1 outgoing, 2 private note
const msgAuthor = new Int32Array(M);
const msgText: string[] = new Array(M);
let m = 0;

function newContact(inbox: number, at: number, rr: Rng): number {
  const name = personName(rr);
  const id = contacts.length + 1;
  const ascii = foldText(name).toLowerCase().replace(/[^a-z]+/g, '.');
  const channel = INBOXES[inbox]!.channel;
  const email = channel === 'email' || rr.chance(0.4) ? `${ascii}.${id}@example.com` : null;
  const externalId = channel === 'email' ? email! : channel === 'chat' ? `visitor:${id.toString(36)}${rr.int(1e6, 9e6)}` : `cust-${id}`;
  contacts.push({ name, email, inbox, externalId, createdAt: at });
  contactsByInbox[inbox]!.push(id);
  return id;
}

const span = 180 * DAY;
for (let c = 0; c < C; c++) {
  const inbox = c === big ? 0 : r.int(0, INBOXES.length - 1);
  const count = counts[c]!;
  const createdAt = c === big ? now - 90 * DAY : now - span + Math.floor((c / C) * (span - DAY)) + r.int(0, 3_600_000);
  const pool = contactsByInbox[inbox]!;
  const contact = pool.length > 50 && r.chance(0.2) ? pool[r.int(0, pool.length - 1)]! : newContact(inbox, createdAt, r);
  const members = membersByInbox[inbox]!;
  const annaHere = ANNA_INBOXES.includes(inbox);
  const roll = r.next();
  const assignee = annaHere && roll < 0.06 ? anna.id : roll < 0.7 ? members[r.int(0, members.length - 1)]! : null;
  // Gaps between messages: minutes to a day; the long thread spreads over its 90 days.
  const gapMean = c === big ? (90 * DAY - 3_600_000) / count : 4 * 3_600_000;
  // Gaps first, squeezed when the thread would run past "now" (recent busy threads).
  const gaps = new Float64Array(count);
  let total = 0;
  for (let k = 1; k < count; k++) total += gaps[k] = Math.min(DAY, -Math.log(1 - r.next()) * gapMean) + 1000;
  const squeeze = Math.min(1, (now - 60_000 - createdAt) / Math.max(total, 1));
  let t = createdAt;
  let dir = 0;
  let lastIncoming: number | null = null;
  let firstReply: number | null = null;
  let lastText = '';
  for (let k = 0; k < count; k++) {
    if (k > 0) {
      t += Math.max(1, Math.floor(gaps[k]! * squeeze));
      dir = dir === 0 ? (r.chance(0.75) ? 1 : 0) : r.chance(0.7) ? 0 : 1;
    }
    const note = dir === 1 && r.chance(0.03);
    const text = messageText(r, k === 0 ? 'first' : note ? 'note' : dir === 0 ? 'incoming' : 'outgoing');
    msgTime[m] = t;
    msgConv[m] = c;
    msgDir[m] = note ? 2 : dir;
    msgAuthor[m] = dir === 0 ? contact : (assignee ?? members[r.int(0, members.length - 1)]!);
    msgText[m] = text;
    m++;
    if (dir === 0) lastIncoming = t;
    else if (!note && firstReply === null) firstReply = t;
    if (!note) lastText = text;
  }
  const age = now - t;
  const s = r.next();
  const status = c === big ? 'open' : age < 14 * DAY ? (s < 0.55 ? 'open' : s < 0.7 ? 'pending' : s < 0.75 ? 'snoozed' : 'resolved') : s < 0.08 ? 'open' : s < 0.1 ? 'pending' : 'resolved';
  const p = r.next();
  const labelRoll = r.next();
  convs[c] = {
    inbox,
    contact,
    status,
    priority: p < 0.8 ? 'normal' : p < 0.9 ? 'high' : p < 0.95 ? 'low' : 'urgent',
    assignee,
    subject: INBOXES[inbox]!.channel === 'email' || r.chance(0.1) ? subjectLine(r) : null,
    labels: JSON.stringify(labelRoll < 0.15 ? [r.pick(LABELS)] : labelRoll < 0.2 ? [...new Set([r.pick(LABELS), r.pick(LABELS)])].sort() : []),
    createdAt,
    last: t,
    lastIncoming,
    firstReply,
    preview: previewOf(lastText || msgText[m - 1]!),
  };
}
log(`planned ${C} conversations, ${m} messages, ${contacts.length} contacts`);

db.transaction(() => {
  const contact = db.prepare('INSERT INTO contacts (id, name, email, created_at) VALUES (?, ?, ?, ?)');
  const identity = db.prepare('INSERT INTO contact_identities (contact_id, inbox_id, external_id) VALUES (?, ?, ?)');
  contacts.forEach((x, i) => {
    contact.run(i + 1, x.name, x.email, x.createdAt);
    identity.run(i + 1, inboxes[x.inbox]!.id, x.externalId);
  });
  const conv = db.prepare(`INSERT INTO conversations (id, inbox_id, contact_id, status, snoozed_until, priority, assignee_id, subject, labels,
    last_message_at, last_message_preview, last_incoming_at, first_reply_at, resolved_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const convSearch = db.prepare('INSERT INTO conversation_search (rowid, body) VALUES (?, ?)');
  convs.forEach((x, i) => {
    const ct = contacts[x.contact - 1]!;
    // Snoozed far ahead: a wake-up storm at server start would disturb every measurement.
    conv.run(i + 1, inboxes[x.inbox]!.id, x.contact, x.status, x.status === 'snoozed' ? now + 365 * DAY : null, x.priority, x.assignee, x.subject, x.labels,
      x.last, x.preview, x.lastIncoming, x.firstReply, x.status === 'resolved' ? x.last + 60_000 : null, x.createdAt, x.last);
    convSearch.run(i + 1, foldText([x.subject, ct.name, ct.email].filter(Boolean).join(' ')));
  });
})();
log('contacts and conversations inserted');

// Messages in time order, as they would have arrived: threads interleave in the table.
const order = new Uint32Array(M);
for (let i = 0; i < M; i++) order[i] = i;
order.sort((a, b) => msgTime[a]! - msgTime[b]! || a - b);
const insertMessage = db.prepare(`INSERT INTO messages (id, conversation_id, inbox_id, direction, private, text, status, author_user_id, author_contact_id,
  external_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
const insertMessageSearch = db.prepare('INSERT INTO message_search (rowid, body) VALUES (?, ?)');
const folded = new Map<string, string>();
const BATCH = 100_000;
for (let start = 0; start < M; start += BATCH) {
  db.transaction(() => {
    for (let j = start; j < Math.min(M, start + BATCH); j++) {
      const i = order[j]!;
      const id = j + 1;
      const c = msgConv[i]!;
      const dir = msgDir[i]!;
      const text = msgText[i]!;
      const inboxId = inboxes[convs[c]!.inbox]!.id;
      const t = msgTime[i]!;
      if (dir === 0) insertMessage.run(id, c + 1, inboxId, 'incoming', 0, text, 'received', null, msgAuthor[i], `gen-${id}`, t, t);
      else insertMessage.run(id, c + 1, inboxId, 'outgoing', dir === 2 ? 1 : 0, text, dir === 2 ? 'sent' : 'delivered', msgAuthor[i], null, null, t, t);
      let body = folded.get(text);
      if (body === undefined) folded.set(text, (body = foldText(text)));
      insertMessageSearch.run(id, body);
    }
  })();
  log(`messages ${Math.min(M, start + BATCH)}/${M}`);
}

// Read marks: the supervisor and Anna have read most of what they can see.
db.transaction(() => {
  const read = db.prepare('INSERT INTO conversation_reads (conversation_id, user_id, read_at) VALUES (?, ?, ?)');
  convs.forEach((x, i) => {
    if (r.chance(0.85)) read.run(i + 1, supervisor.id, x.last);
    if (ANNA_INBOXES.includes(x.inbox) && r.chance(0.85)) read.run(i + 1, anna.id, x.last);
  });
})();
db.pragma('journal_mode = WAL');
db.pragma('wal_checkpoint(TRUNCATE)');
db.close();
log('messages, search index and read marks inserted');

const apiInboxes = inboxes.map((x, i) => ({ ...x, index: i })).filter((x) => x.channel === 'api');
const sidecar = {
  params,
  generatedAt: new Date(now).toISOString(),
  password: PASSWORD,
  admin: { id: admin.id, ...ADMIN },
  supervisor: { id: supervisor.id, email: supervisor.email, password: PASSWORD, token: supervisorToken },
  anna: { id: anna.id, email: anna.email, password: PASSWORD, token: annaToken, inboxIds: ANNA_INBOXES.map((i) => inboxes[i]!.id) },
  inboxes,
  fanoutInbox,
  agents,
  bigThread: big === 0 ? { conversationId: 1, messages: params.bigThread } : null,
  /** Existing customers per API inbox (their external ids): inbound traffic continues their threads. */
  apiContacts: apiInboxes.map((x) => ({
    inboxId: x.id,
    externalIds: contactsByInbox[x.index]!.slice(-5000).map((id) => contacts[id - 1]!.externalId),
  })),
  counts: { conversations: C, messages: M, contacts: contacts.length },
};
fs.writeFileSync(`${out}.json`, JSON.stringify(sidecar));
log(`done: ${out}`);
