import type { SwitchboardApp } from '../app';
import type { AuthContext } from '../auth/auth-context';
import { availableChannels } from '../channels/registry';
import type { InboxRecord } from '../channels/channel-adapter';
import type { ChannelKind } from '$lib/shared/schemas/common';
import type { PatchConversationBody } from '$lib/shared/schemas/conversation';
import type { User } from '$lib/shared/schemas/user';
import { DEMO_INBOXES, DEMO_MARKER_EMAIL, DEMO_PASSWORD, DEMO_USERS, demoEmail } from './demo-content';
import { planDemo, type PlannedConversation } from './demo.plan';
import { seedDemoKnowledge } from './demo-knowledge';
import { seedDemoSla } from './demo-sla';
import { seedDemoCsat } from '../csat/demo-csat';

/**
 * The demo workspace (`npm run demo` / SEED_DEMO=1): five inboxes, a dozen users of every role
 * and about 300 conversations of the last 14 days in English, Polish, Finnish and Danish.
 *
 * Everything is written through the services (users, inboxes, messages.ingest/post,
 * conversations.update), so the event log, the search index and the conversation invariants
 * are the same as for real traffic. The services stamp `Date.now()`; afterwards the history is
 * back-dated with plain UPDATEs of the timestamp columns only, in the same transaction.
 *
 * The content is generated from a fixed seed: two runs on empty databases give the same
 * workspace (times are relative to the moment of seeding). A second run on the same database
 * does nothing.
 */

export interface SeedDemoOptions {
  /** Where the summary (and the logins) are printed; `console.log` by default. */
  log?: (line: string) => void;
  /** "Now" for the history; the real clock by default. */
  now?: number;
}

export async function seedDemo(app: SwitchboardApp, options: SeedDemoOptions = {}): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();

  const existing = new Map(app.users.list().map((u) => [u.email, u.id]));
  const marker = existing.get(DEMO_MARKER_EMAIL);
  if (marker !== undefined) {
    // Thread ids never change, memberships may: either one shows the demo was written.
    const demoThread = app.db.$client.prepare("SELECT 1 FROM conversations WHERE thread_id LIKE 'demo-%' LIMIT 1").get();
    if (demoThread || app.users.memberInboxIds(marker).length > 0) {
      log(`Demo workspace already present (${DEMO_MARKER_EMAIL} exists); not seeding again.`);
      return;
    }
    log('Demo users exist but the demo inboxes do not (an interrupted run?); completing the demo workspace.');
  }

  // Password hashing is asynchronous (and the slow part), so users come first, outside the
  // transaction; a run that failed after this point reuses them.
  const users = new Map<string, User>();
  await Promise.all(
    DEMO_USERS.map(async (u) => {
      const id = existing.get(demoEmail(u));
      const user =
        id !== undefined
          ? app.users.get(id)
          : await app.users.create({ email: demoEmail(u), name: u.name, password: DEMO_PASSWORD, role: u.role, locale: u.locale });
      users.set(u.key, user);
    }),
  );

  const now = options.now ?? Date.now();
  const plan = planDemo(now);
  const result = app.db.$client
    .transaction(() => {
      const written = withoutSurveys(app, () => writeDemo(app, users, plan, now));
      seedDemoCsat(app.db);
      return written;
    })
    .immediate();

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`Demo workspace seeded in ${seconds} s: ${DEMO_INBOXES.length} inboxes, ${plan.length} conversations, ${result.messages} messages.`);
  log(`Demo logins (password "${DEMO_PASSWORD}"):`);
  for (const u of DEMO_USERS) log(`  ${u.role.padEnd(10)} ${u.name.padEnd(18)} ${demoEmail(u)}`);
  for (const t of result.tokens) log(`${t.name}: POST /api/inboxes/${t.id}/inbound with "Authorization: Bearer ${t.token}"`);
}

/** The demo's history is resolved through the services: no survey may go to its customers. */
function withoutSurveys<T>(app: SwitchboardApp, fn: () => T): T {
  const settings = app.csat.settings.get();
  app.csat.settings.set({ ...settings, enabled: false });
  try {
    return fn();
  } finally {
    app.csat.settings.set(settings);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing the plan through the services
// ---------------------------------------------------------------------------------------------

function writeDemo(app: SwitchboardApp, users: Map<string, User>, plan: PlannedConversation[], now: number) {
  const client = app.db.$client;
  const available = new Set<string>(availableChannels());
  const inboxes = new Map<string, InboxRecord>();
  const tokens: { name: string; id: number; token: string }[] = [];

  // Only channels that exist are used; until the email and chat channels ship, those inboxes
  // are API inboxes with the same name, members and traffic.
  for (const spec of DEMO_INBOXES) {
    const channel: ChannelKind = available.has(spec.channel) ? spec.channel : 'api';
    const created: { id: number; inboundToken?: unknown } = app.inboxes.create({ name: spec.name, channel, settings: channel === spec.channel ? (spec.settings ?? {}) : {} });
    inboxes.set(spec.key, app.inboxes.record(created.id));
    // The API inbox's inbound token is shown once, so the demo can be fed with curl.
    if (spec.channel === 'api' && typeof created.inboundToken === 'string') tokens.push({ name: spec.name, id: created.id, token: created.inboundToken });
  }

  const memberships = new Map<number, number[]>();
  for (const u of DEMO_USERS) {
    const user = users.get(u.key)!;
    for (const key of u.inboxes) {
      const inbox = inboxes.get(key)!;
      app.inboxes.addMember(inbox.id, user.id);
      memberships.set(user.id, [...(memberships.get(user.id) ?? []), inbox.id]);
    }
  }
  const authOf = (key: string): AuthContext => {
    const user = users.get(key);
    if (!user) throw new Error(`demo plan names an unknown user ${key}`);
    return { user, via: 'session', sessionId: null, tokenId: null, memberInboxIds: memberships.get(user.id) ?? [] };
  };

  const lastMessageId = client.prepare<[], number>('SELECT coalesce(max(id), 0) FROM messages').pluck();
  const stampMessages = client.prepare('UPDATE messages SET created_at = ?, updated_at = ? WHERE id BETWEEN ? AND ?');
  const stampConversation = client.prepare(
    `UPDATE conversations SET created_at = ?, updated_at = ?, last_message_at = ?, last_incoming_at = ?, first_reply_at = ?, resolved_at = ?
     WHERE id = ?`,
  );
  const stampContact = client.prepare('UPDATE contacts SET created_at = min(created_at, ?) WHERE id = (SELECT contact_id FROM conversations WHERE id = ?)');
  const stampRead = client.prepare('UPDATE conversation_reads SET read_at = ? WHERE conversation_id = ? AND user_id = ?');

  let messages = 0;
  for (const conv of plan) {
    const inbox = inboxes.get(conv.inbox)!;
    let conversationId = 0;
    const times = { created: conv.steps[0].at, updated: 0, lastMessage: 0, lastIncoming: 0, firstReply: null as number | null, resolved: null as number | null };
    const reads = new Map<number, number>();

    conv.steps.forEach((step, index) => {
      const before = lastMessageId.get()!;
      switch (step.kind) {
        case 'in': {
          const r = app.messages.ingest(inbox, {
            contact: conv.contact,
            externalMessageId: `${conv.threadId}-${index}`,
            text: step.text!,
            subject: index === 0 ? conv.subject : null,
            threadId: conv.threadId,
          });
          if (conversationId && r.conversationId !== conversationId) throw new Error(`demo message ${conv.threadId}-${index} started a new conversation`);
          conversationId = r.conversationId;
          times.lastMessage = times.lastIncoming = step.at;
          break;
        }
        case 'reply':
        case 'note': {
          const auth = authOf(step.by!);
          const { message } = app.messages.post(auth, conversationId, { text: step.text!, private: step.kind === 'note' });
          if (step.kind === 'reply') {
            // History is already delivered: the queued delivery job then finds it sent and
            // returns without calling the channel (no webhook or mail for demo customers).
            app.messages.setDelivery(message.id, { status: 'sent' });
            times.firstReply ??= step.at;
          }
          times.lastMessage = step.at;
          reads.set(auth.user.id, step.at);
          break;
        }
        case 'triage':
        case 'status': {
          const p = step.patch!;
          const patch: PatchConversationBody = {};
          if (p.assignee) patch.assigneeId = users.get(p.assignee)!.id;
          if (p.priority) patch.priority = p.priority;
          if (p.labels) patch.labels = p.labels;
          if (p.status) patch.status = p.status;
          if (p.snoozedUntil) patch.snoozedUntil = p.snoozedUntil;
          app.conversations.update(authOf(step.by!), conversationId, patch);
          if (p.status === 'resolved') times.resolved = step.at;
          break;
        }
      }
      times.updated = step.at;
      const after = lastMessageId.get()!;
      if (after > before) stampMessages.run(step.at, step.at, before + 1, after);
      messages += after - before;
    });

    // Back-dating only: the same columns the services wrote, moved into the planned past.
    stampConversation.run(times.created, times.updated, times.lastMessage, times.lastIncoming || null, times.firstReply, times.resolved, conversationId);
    stampContact.run(times.created, conversationId);
    for (const [userId, at] of reads) stampRead.run(at, conversationId, userId);
  }
  if (plan.some((c) => c.steps.at(-1)!.at > now)) throw new Error('demo plan reaches into the future');
  seedDemoKnowledge(app, authOf, (key) => inboxes.get(key)!.id);
  // Last, so the clocks start from the back-dated first messages.
  seedDemoSla(app, authOf, (key) => inboxes.get(key)!.id);
  return { messages, tokens };
}
