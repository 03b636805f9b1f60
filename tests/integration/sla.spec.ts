import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq, workspace, type ErrorBody, type Page } from '../helpers/api-client';
import { RealtimeClient } from '../helpers/realtime-client';

type Sla = { policyId: number | null; firstResponseDueAt: string | null; resolutionDueAt: string | null; dueAt: string | null; warningAt: string | null; state: string | null };
type Conversation = { id: number; createdAt: string; status: string; sla: Sla };
type Policy = { id: number; name: string; inboxIds: number[]; firstResponseMinutes: number | null; resolutionMinutes: number | null };

const MIN = 60_000;
let server: TestServer;
const sockets: RealtimeClient[] = [];

beforeAll(async () => {
  // Breaches are looked for every 300 ms instead of every 20 s.
  server = await startServer({ env: { SLA_SWEEP_MS: '300' } });
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.stop();
});

function db() {
  const d = new Database(server.dbPath);
  d.pragma('busy_timeout = 5000');
  return d;
}

/** Polls until the conversation's SLA satisfies `ok` (clocks follow changes asynchronously). */
async function slaOf(client: ApiClient, id: number, ok: (s: Sla) => boolean, timeoutMs = 4000): Promise<Conversation> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const c = (await client.get<Conversation>(`/api/conversations/${id}`)).body;
    if (ok(c.sla)) return c;
    if (Date.now() > until) throw new Error(`sla never matched: ${JSON.stringify(c.sla)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function setup() {
  const ws = await workspace(server);
  const policy = await ws.admin.post<Policy>('/api/sla-policies', { name: uniq('Shop'), inboxIds: [ws.inbox.id], firstResponseMinutes: 60, resolutionMinutes: 480 });
  expect(policy.status).toBe(201);
  const message = await inbound(server.url, ws.inbox, { contact: { externalId: uniq('c'), name: 'Aino Virtanen' }, text: 'Tilaus ei ole saapunut' });
  return { ws, policy: policy.body, conversationId: message.body.conversationId };
}

describe('SLA policies', () => {
  it('are managed by leads for their own inboxes and by supervisors for all, and read by everyone who sees the inbox', async () => {
    const ws = await workspace(server);
    const leadEmail = `${uniq('lead')}@example.com`;
    const lead = (await ws.admin.post<{ id: number }>('/api/users', { email: leadEmail, name: 'Lena Lead', password: 'agent-password-1', role: 'lead' })).body;
    await ws.admin.post(`/api/inboxes/${ws.inbox.id}/members`, { userId: lead.id });
    const asLead = await ApiClient.login(server.url, leadEmail, 'agent-password-1');
    const anna = await ws.login(ws.users.anna);
    const outsider = await ws.login(ws.users.outsider);
    const body = { name: uniq('Urgent'), inboxIds: [ws.inbox.id], priorities: ['urgent'], firstResponseMinutes: 15 };

    expect((await anna.post<ErrorBody>('/api/sla-policies', body)).status).toBe(403);
    expect((await asLead.post<ErrorBody>('/api/sla-policies', { ...body, inboxIds: [ws.otherInbox.id] })).body.error.message).toMatch(/only for inboxes you are a member of/);
    expect((await asLead.post<ErrorBody>('/api/sla-policies', { ...body, inboxIds: [] })).body.error.message).toMatch(/supervisor/);
    const bad = await asLead.post<ErrorBody>('/api/sla-policies', { ...body, businessHours: { timeZone: 'Europe/Atlantis', days: {} } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');

    const created = await asLead.post<Policy>('/api/sla-policies', {
      ...body,
      businessHours: { timeZone: 'Europe/Warsaw', days: { mon: [{ start: '09:00', end: '17:00' }] } },
      holidays: ['2025-11-11'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ inboxIds: [ws.inbox.id], priorities: ['urgent'], enabled: true, businessHours: { timeZone: 'Europe/Warsaw', days: { mon: [{ start: '09:00', end: '17:00' }], sun: [] } } });

    expect((await anna.get<Page<Policy>>('/api/sla-policies')).body.items.map((p) => p.id)).toContain(created.body.id);
    expect((await outsider.get<Page<Policy>>('/api/sla-policies')).body.items.map((p) => p.id)).not.toContain(created.body.id);
    expect((await outsider.get<ErrorBody>(`/api/sla-policies/${created.body.id}`)).status).toBe(404);
    expect((await anna.patch<ErrorBody>(`/api/sla-policies/${created.body.id}`, { enabled: false })).status).toBe(403);
    expect((await asLead.patch<ErrorBody>(`/api/sla-policies/${created.body.id}`, { firstResponseMinutes: null })).body.error.code).toBe('no_target');
    expect((await asLead.patch<Policy>(`/api/sla-policies/${created.body.id}`, { firstResponseMinutes: 30 })).body.firstResponseMinutes).toBe(30);
    expect((await asLead.delete(`/api/sla-policies/${created.body.id}`)).status).toBe(200);
    expect((await anna.get<ErrorBody>(`/api/sla-policies/${created.body.id}`)).status).toBe(404);
  });

  it('gives a new conversation its due times, on the API and in the list', async () => {
    const { ws, policy, conversationId } = await setup();
    const c = await slaOf(ws.admin, conversationId, (s) => s.policyId === policy.id);
    const start = Date.parse(c.createdAt);
    expect(c.sla).toMatchObject({
      firstResponseDueAt: new Date(start + 60 * MIN).toISOString(),
      resolutionDueAt: new Date(start + 480 * MIN).toISOString(),
      dueAt: new Date(start + 60 * MIN).toISOString(),
      warningAt: new Date(start + 45 * MIN).toISOString(),
      state: 'ok',
    });
    const list = await ws.admin.get<Page<Conversation>>(`/api/conversations?inboxId=${ws.inbox.id}`);
    expect(list.body.items.find((i) => i.id === conversationId)?.sla).toEqual(c.sla);

    // The first reply meets the first response target; the resolution target runs on.
    await ws.admin.post(`/api/conversations/${conversationId}/messages`, { text: 'Sprawdzamy to.' });
    const replied = await slaOf(ws.admin, conversationId, (s) => s.dueAt === s.resolutionDueAt);
    expect(replied.sla.state).toBe('ok');
  });

  it('records a breach once, from the sweeper, and tells open consoles', async () => {
    const { ws, conversationId } = await setup();
    await slaOf(ws.admin, conversationId, (s) => s.state === 'ok');
    const socket = new RealtimeClient(server.url, ws.admin);
    sockets.push(socket);
    await socket.connected();

    // The conversation started two hours ago: its 60-minute first response target has passed.
    const d = db();
    d.prepare('UPDATE conversations SET created_at = created_at - ? WHERE id = ?').run(120 * MIN, conversationId);
    d.prepare('UPDATE conversation_sla SET started_at = started_at - @shift, first_response_due_at = first_response_due_at - @shift WHERE conversation_id = @id').run({ shift: 120 * MIN, id: conversationId });
    d.close();

    await socket.until((events) =>
      events.some((e) => e.type === 'conversation.updated' && e.payload.conversation.id === conversationId && e.payload.changes.includes('sla') && e.payload.conversation.sla.state === 'breached'),
    );
    await new Promise((r) => setTimeout(r, 700)); // two more sweeps
    const check = db();
    const breaches = check.prepare('SELECT kind, due_at AS dueAt, breached_at AS breachedAt FROM sla_breaches WHERE conversation_id = ?').all(conversationId) as { kind: string; dueAt: number; breachedAt: number }[];
    check.close();
    expect(breaches).toHaveLength(1);
    expect(breaches[0].kind).toBe('first_response');
    expect(breaches[0].breachedAt).toBeGreaterThanOrEqual(breaches[0].dueAt);
    expect((await ws.admin.get<Conversation>(`/api/conversations/${conversationId}`)).body.sla.state).toBe('breached');
  });

  it('pauses while snoozed and moves the due time on by the time asleep', async () => {
    const { ws, conversationId } = await setup();
    const before = await slaOf(ws.admin, conversationId, (s) => s.state === 'ok');
    const snoozedAt = Date.now();
    await ws.admin.patch(`/api/conversations/${conversationId}`, { status: 'snoozed', snoozedUntil: new Date(Date.now() + 3600_000).toISOString() });
    await slaOf(ws.admin, conversationId, (s) => s.state === 'paused');
    await new Promise((r) => setTimeout(r, 1500));
    await ws.admin.patch(`/api/conversations/${conversationId}`, { status: 'open' });
    const after = await slaOf(ws.admin, conversationId, (s) => s.state === 'ok');
    const moved = Date.parse(after.sla.firstResponseDueAt!) - Date.parse(before.sla.firstResponseDueAt!);
    expect(moved).toBeGreaterThanOrEqual(1400);
    expect(moved).toBeLessThanOrEqual(Date.now() - snoozedAt);
  });

  it('pauses while linked to an active incident, and runs again once it is resolved', async () => {
    const { ws, conversationId } = await setup();
    const before = await slaOf(ws.admin, conversationId, (s) => s.state === 'ok');
    const d = db();
    const now = Date.now();
    const incident = d
      .prepare("INSERT INTO incidents (title, severity, status, message, created_at, updated_at) VALUES ('Payments down', 'major', 'investigating', 'We are on it', ?, ?)")
      .run(now, now).lastInsertRowid;
    d.prepare('UPDATE conversations SET incident_id = ? WHERE id = ?').run(incident, conversationId);
    d.close();
    await slaOf(ws.admin, conversationId, (s) => s.state === 'paused');

    await new Promise((r) => setTimeout(r, 1000));
    const r = db();
    r.prepare("UPDATE incidents SET resolved_at = ?, status = 'resolved' WHERE id = ?").run(Date.now(), incident);
    r.close();
    const after = await slaOf(ws.admin, conversationId, (s) => s.state === 'ok');
    expect(Date.parse(after.sla.firstResponseDueAt!) - Date.parse(before.sla.firstResponseDueAt!)).toBeGreaterThanOrEqual(900);
  });

  it('applies a changed policy to running clocks and drops them when it is deleted', async () => {
    const { ws, policy, conversationId } = await setup();
    const c = await slaOf(ws.admin, conversationId, (s) => s.policyId === policy.id);
    await ws.admin.patch(`/api/sla-policies/${policy.id}`, { firstResponseMinutes: 5 });
    await slaOf(ws.admin, conversationId, (s) => s.firstResponseDueAt === new Date(Date.parse(c.createdAt) + 5 * MIN).toISOString());
    await ws.admin.delete(`/api/sla-policies/${policy.id}`);
    const after = await slaOf(ws.admin, conversationId, (s) => s.policyId === null);
    expect(after.sla).toEqual({ policyId: null, firstResponseDueAt: null, resolutionDueAt: null, dueAt: null, warningAt: null, state: null });
  });
});
