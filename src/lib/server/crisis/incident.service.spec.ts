import { afterEach, describe, expect, it } from 'vitest';
import { authFor, customerMessage, makeInbox, makeUser, testApp } from '../../../../tests/factories/app.factory';
import type { SwitchboardApp } from '../app';
import type { PublishedEvent } from '../events/event-bus';
import { WHATSAPP_WINDOW_MS } from '../channels/meta/whatsapp-window';
import { broadcastJob, BROADCAST_JOB } from './broadcast.job';
import { BroadcastProgress } from './broadcast-progress';
import { IncidentQueries } from './incident.queries';

let app: SwitchboardApp;
afterEach(async () => app?.close());

async function setup() {
  app = testApp();
  const lead = authFor(app, await makeUser(app, 'lead', 'Ola Lead'));
  const agentUser = await makeUser(app, 'agent', 'Anna');
  const inbox = makeInbox(app, [agentUser.id]);
  const agent = authFor(app, agentUser);
  const events: PublishedEvent[] = [];
  app.bus.subscribe((e) => events.push(e));
  const sql = app.db.$client;
  const outgoing = (conversationId: number) =>
    sql.prepare(`SELECT id, text, status, error, author_user_id AS authorId FROM messages WHERE conversation_id = ? AND direction = 'outgoing' ORDER BY id`).all(conversationId) as { id: number; text: string; status: string; error: string | null; authorId: number | null }[];
  const jobs = (kind: string) => sql.prepare('SELECT payload FROM jobs WHERE kind = ?').all(kind) as { payload: string }[];
  return { lead, agent, inbox, events, outgoing, jobs, sql };
}

const declareBody = { title: 'Płatności nie działają', severity: 'critical' as const, message: 'Payments are down; we are on it.', components: [], autoAcknowledge: false };

describe('incidents', () => {
  it('lets leads declare and refuses agents', async () => {
    const { lead, agent, events } = await setup();
    expect(() => app.crisis.incidents.declare(agent, declareBody)).toThrow(expect.objectContaining({ status: 403 }));
    const { incident, created } = app.crisis.incidents.declare(lead, { ...declareBody, internalNote: 'DB primary failed over' });
    expect(created).toBe(true);
    expect(incident).toMatchObject({ status: 'investigating', declaredBy: { name: 'Ola Lead' }, internalNote: 'DB primary failed over', linkedCount: 0, latestUpdate: { status: 'investigating', message: declareBody.message } });
    const declared = events.find((e) => e.type === 'incident.declared');
    expect(declared, 'unscoped: every console').toMatchObject({ inboxId: null, userId: null, payload: { incident: { id: incident.id } } });
  });

  it('answers a repeated declare with the same key from the same lead with the first incident', async () => {
    const { lead } = await setup();
    const first = app.crisis.incidents.declare(lead, declareBody, 'key-1');
    const again = app.crisis.incidents.declare(lead, { ...declareBody, title: 'Something else' }, 'key-1');
    expect(again).toEqual({ incident: first.incident, created: false });
    expect(app.crisis.incidents.declare(lead, declareBody, 'key-2').incident.id).not.toBe(first.incident.id);
    expect(app.crisis.incidents.list({ limit: 50 })).toHaveLength(2);
  });

  it('keeps a timeline, takes no update after resolving, and answers a repeated key with the stored update', async () => {
    const { lead } = await setup();
    const { incident } = app.crisis.incidents.declare(lead, declareBody);
    const update = app.crisis.incidents.postUpdate(lead, incident.id, { status: 'identified', message: 'Card processor outage', notifyLinked: false, resolveLinked: false }, 'u-1');
    const resolved = app.crisis.incidents.postUpdate(lead, incident.id, { status: 'resolved', message: 'Fixed', notifyLinked: false, resolveLinked: false }, 'u-2');
    expect(resolved.incident).toMatchObject({ status: 'resolved', message: 'Fixed', resolvedAt: expect.any(String) });
    expect(() => app.crisis.incidents.postUpdate(lead, incident.id, { status: 'monitoring', message: 'late', notifyLinked: false, resolveLinked: false })).toThrow(expect.objectContaining({ status: 409, code: 'incident_resolved' }));
    expect(app.crisis.incidents.postUpdate(lead, incident.id, { status: 'identified', message: 'again', notifyLinked: false, resolveLinked: false }, 'u-1')).toMatchObject({ created: false, update: update.update });
    expect(app.crisis.incidents.get(incident.id).updates.map((u) => [u.status, u.author?.name])).toEqual([
      ['investigating', 'Ola Lead'],
      ['identified', 'Ola Lead'],
      ['resolved', 'Ola Lead'],
    ]);
    expect(app.crisis.audit.list({ targetType: 'incident', targetId: incident.id, limit: 10 }).items.map((a) => a.action)).toEqual(['incident.resolved', 'incident.updated', 'incident.declared']);
  });

  it('links a new matching conversation before announcing it, and acknowledges it once across unlink and relink', async () => {
    const { lead, agent, inbox, events, outgoing } = await setup();
    const { incident } = app.crisis.incidents.declare(lead, { ...declareBody, match: { keywords: ['płatn'], channels: [], inboxIds: [] }, autoAcknowledge: true });
    const { conversationId } = app.messages.ingest(inbox.record, customerMessage({ text: 'Moja PLATNOSC nie przeszła' }));
    const created = events.find((e) => e.type === 'conversation.created');
    expect(created?.type === 'conversation.created' && created.payload.conversation.incidentId).toBe(incident.id);
    expect(outgoing(conversationId)).toEqual([{ id: expect.any(Number), text: declareBody.message, status: 'queued', error: null, authorId: lead.user.id }]);
    const types = events.filter((e) => 'conversationId' in e.payload || e.type.startsWith('conversation')).map((e) => e.type);
    expect(types.indexOf('conversation.created'), 'created first, then the messages').toBeLessThan(types.indexOf('message.created'));

    app.conversations.update(agent, conversationId, { incidentId: null });
    app.conversations.update(agent, conversationId, { incidentId: incident.id });
    expect(outgoing(conversationId)).toHaveLength(1);
    expect(app.conversations.get(agent, conversationId).incidentId).toBe(incident.id);
    const thread = app.messages.list(agent, conversationId, undefined, 50).items.filter((m) => m.direction === 'system').map((m) => m.event);
    expect(thread).toEqual(['incident_linked', 'incident_unlinked', 'incident_linked']);
    expect(app.crisis.audit.list({ targetType: 'conversation', targetId: conversationId, limit: 10 }).items.map((a) => [a.action, a.actor?.name ?? null])).toEqual([
      ['conversation.linked', 'Anna'],
      ['conversation.unlinked', 'Anna'],
      ['conversation.linked', null],
    ]);
  });

  it('does not link a conversation that matches no rule, nor to an incident without rules', async () => {
    const { lead, agent, inbox } = await setup();
    app.crisis.incidents.declare(lead, declareBody);
    app.crisis.incidents.declare(lead, { ...declareBody, match: { keywords: ['maksu'], channels: [], inboxIds: [] } });
    const { conversationId } = app.messages.ingest(inbox.record, customerMessage({ text: 'Where is my parcel?' }));
    expect(app.conversations.get(agent, conversationId).incidentId).toBeNull();
  });

  it('refuses links to a resolved or unknown incident', async () => {
    const { lead, agent, inbox } = await setup();
    const { incident } = app.crisis.incidents.declare(lead, declareBody);
    app.crisis.incidents.postUpdate(lead, incident.id, { status: 'resolved', message: 'ok', notifyLinked: false, resolveLinked: false });
    const { conversationId } = app.messages.ingest(inbox.record, customerMessage());
    for (const id of [incident.id, 9999]) expect(() => app.conversations.update(agent, conversationId, { incidentId: id })).toThrow(expect.objectContaining({ code: 'incident_not_active' }));
  });

  it('sends an update once per open linked conversation even when the job is cut off and run again', async () => {
    const { lead, agent, inbox, outgoing, jobs } = await setup();
    const { incident } = app.crisis.incidents.declare(lead, { ...declareBody, match: { keywords: [], channels: ['api'], inboxIds: [] } });
    const ids = Array.from({ length: 7 }, () => app.messages.ingest(inbox.record, customerMessage()).conversationId);
    app.conversations.update(agent, ids[6], { status: 'resolved' });
    const posted = app.crisis.incidents.postUpdate(lead, incident.id, { status: 'identified', message: 'Update for everyone', notifyLinked: true, resolveLinked: false });
    expect(jobs(BROADCAST_JOB).map((j) => JSON.parse(j.payload))).toEqual([{ updateId: posted.update.id }]);

    const queries = new IncidentQueries(app.db);
    const real = new BroadcastProgress(app.db, app.log, queries);
    let touches = 0;
    // The "crash": the process dies after the first chunk of 2 is committed.
    const crashing = Object.assign(Object.create(real) as BroadcastProgress, {
      touch: () => {
        if (++touches === 1) throw new Error('killed');
      },
    });
    const deps = { db: app.db, log: app.log, messages: app.messages, conversations: app.conversations, queries, chunkSize: 2 };
    await expect(broadcastJob({ ...deps, progress: crashing }).run({ updateId: posted.update.id }, { id: 1, kind: BROADCAST_JOB, payload: '', attempts: 1, maxAttempts: 8 })).rejects.toThrow('killed');
    expect(ids.filter((id) => outgoing(id).length === 1)).toHaveLength(2);

    await broadcastJob({ ...deps, progress: real }).run({ updateId: posted.update.id }, { id: 1, kind: BROADCAST_JOB, payload: '', attempts: 2, maxAttempts: 8 });
    real.stop();
    expect(ids.slice(0, 6).map((id) => outgoing(id).map((m) => m.text))).toEqual(Array(6).fill(['Update for everyone']));
    expect(outgoing(ids[6]), 'resolved before the update: not sent').toEqual([]);
    expect(app.crisis.incidents.get(incident.id).broadcasts).toEqual([{ updateId: posted.update.id, total: 6, sent: 0, failed: 0, remaining: 6 }]);
  });

  it('makes a message the channel refuses a failed delivery with the reason, and the rest still go', async () => {
    const { lead, inbox, outgoing, sql } = await setup();
    const wa = app.inboxes.create({ name: 'WhatsApp', channel: 'whatsapp', settings: { appSecret: 'secret-123', verifyToken: 'verify-123', accessToken: 'EAAG-token', phoneNumberId: '106540352242922' } });
    const { incident } = app.crisis.incidents.declare(lead, { ...declareBody, match: { keywords: ['payment'], channels: [], inboxIds: [] } });
    const closed = app.messages.ingest(app.inboxes.record(wa.id), customerMessage({ contact: { externalId: '358401234567', name: 'Aino' }, text: 'payment?' })).conversationId;
    const open = app.messages.ingest(inbox.record, customerMessage({ text: 'payment?' })).conversationId;
    sql.prepare('UPDATE conversations SET last_incoming_at = ? WHERE id = ?').run(Date.now() - WHATSAPP_WINDOW_MS - 1000, closed);
    const posted = app.crisis.incidents.postUpdate(lead, incident.id, { status: 'identified', message: 'We found it', notifyLinked: true, resolveLinked: false });
    app.jobs.worker.start();
    await waitFor(() => app.crisis.incidents.get(incident.id).broadcasts[0]?.remaining === 0);
    expect(outgoing(closed)).toEqual([expect.objectContaining({ status: 'failed', error: expect.stringMatching(/24 hours/) })]);
    expect(outgoing(open)).toEqual([expect.objectContaining({ status: 'sent' })]);
    expect(app.crisis.incidents.get(incident.id).broadcasts).toEqual([{ updateId: posted.update.id, total: 2, sent: 1, failed: 1, remaining: 0 }]);
    expect(app.crisis.report(incident.id)).toMatchObject({ messagesSent: 1, messagesFailed: 1, customersNotified: 1, linkedTotal: 2 });
  });

  it('resolves every linked conversation with resolveLinked, after queueing the resolution message', async () => {
    const { lead, agent, inbox, outgoing } = await setup();
    const { incident } = app.crisis.incidents.declare(lead, { ...declareBody, match: { keywords: [], channels: ['api'], inboxIds: [] } });
    const ids = [1, 2, 3].map(() => app.messages.ingest(inbox.record, customerMessage()).conversationId);
    app.crisis.incidents.postUpdate(lead, incident.id, { status: 'resolved', message: 'All good again', notifyLinked: true, resolveLinked: true });
    app.jobs.worker.start();
    await waitFor(() => ids.every((id) => app.conversations.get(agent, id).status === 'resolved'));
    for (const id of ids) expect(outgoing(id).map((m) => m.text)).toEqual(['All good again']);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
