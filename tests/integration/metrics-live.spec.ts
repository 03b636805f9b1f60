import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveMetrics } from '../../src/lib/shared/schemas/metrics';
import type { Ack } from '../../src/lib/shared/realtime-events';
import { startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq, workspace, type ErrorBody } from '../helpers/api-client';
import { RealtimeClient } from '../helpers/realtime-client';
import { eventually } from '../helpers/fake-http-api';

let server: TestServer;
let ws: Awaited<ReturnType<typeof workspace>>;
let lead: ApiClient;
let leadId: number;
const sockets: RealtimeClient[] = [];
const ids = { a: 0, b: 0, c: 0 };

function db() {
  const d = new Database(server.dbPath);
  d.pragma('busy_timeout = 5000');
  return d;
}

const customer = (inbox: { id: number; inboundToken: string }, name: string, text: string) =>
  inbound(server.url, inbox, { contact: { externalId: name, name }, text }).then((r) => r.body.conversationId);

/**
 * The fixture, by hand: A (shop inbox) waits unassigned and has breached its 1-minute target;
 * B (shop inbox) was answered 120 s after it opened and resolved after 300 s; C (other inbox)
 * waits 600 s on two customer messages, is assigned to the outsider and its 10-minute target is
 * past the amber mark. CSAT today: B rated 5, C rated 2.
 */
beforeAll(async () => {
  server = await startServer();
  ws = await workspace(server);
  // The fixture writes its own survey answers: no surveys from the resolves below.
  expect((await ws.admin.request('PUT', '/api/csat/settings', { enabled: false, disabledInboxIds: [] })).status).toBe(200);
  await ws.admin.post('/api/sla-policies', { name: uniq('Fast'), inboxIds: [ws.inbox.id], firstResponseMinutes: 1 });
  await ws.admin.post('/api/sla-policies', { name: uniq('Slow'), inboxIds: [ws.otherInbox.id], firstResponseMinutes: 10 });
  ids.a = await customer(ws.inbox, 'a-cust', 'Where is my parcel?');
  ids.b = await customer(ws.inbox, 'b-cust', 'Can I change my address?');
  ids.c = await customer(ws.otherInbox, 'c-cust', 'Hei, tilaus puuttuu');
  await customer(ws.otherInbox, 'c-cust', 'Onko tietoa?');
  expect((await ws.admin.post(`/api/conversations/${ids.b}/messages`, { text: 'Yes, done.' })).status).toBe(201);
  expect((await ws.admin.patch(`/api/conversations/${ids.b}`, { status: 'resolved' })).status).toBe(200);
  expect((await ws.admin.patch(`/api/conversations/${ids.c}`, { assigneeId: ws.users.outsider.id })).status).toBe(200);

  const leadEmail = `${uniq('lead')}@example.com`;
  leadId = (await ws.admin.post<{ id: number }>('/api/users', { email: leadEmail, name: 'Lena Lead', password: 'agent-password-1', role: 'lead' })).body.id;
  await ws.admin.post(`/api/inboxes/${ws.inbox.id}/members`, { userId: leadId });
  lead = await ApiClient.login(server.url, leadEmail, 'agent-password-1');

  // Let the SLA clocks settle before they are moved back in time.
  await new Promise((r) => setTimeout(r, 300));
  const now = Date.now();
  const d = db();
  const MIN = 60_000;
  d.prepare('UPDATE conversation_sla SET started_at = ?, first_response_due_at = ?, first_response_warn_at = ? WHERE conversation_id = ?').run(now - 10 * MIN, now - 9 * MIN, now - 9.25 * MIN, ids.a);
  d.prepare('UPDATE conversation_sla SET started_at = ?, first_response_due_at = ?, first_response_warn_at = ? WHERE conversation_id = ?').run(now - 9 * MIN, now + MIN, now - 1.5 * MIN, ids.c);
  d.prepare('UPDATE conversations SET created_at = ?, first_reply_at = ?, resolved_at = ? WHERE id = ?').run(now - 400_000, now - 280_000, now - 100_000, ids.b);
  d.prepare("UPDATE messages SET created_at = ? WHERE id = (SELECT min(id) FROM messages WHERE conversation_id = ? AND direction = 'incoming')").run(now - 600_000, ids.c);
  const csat = d.prepare('INSERT INTO csat_responses (conversation_id, inbox_id, channel, agent_id, requested_at, rating, rated_at) VALUES (?, ?, ?, NULL, ?, ?, ?)');
  csat.run(ids.b, ws.inbox.id, 'api', now - 90_000, 5, now - 60_000);
  csat.run(ids.c, ws.otherInbox.id, 'api', now - 90_000, 2, now - 50_000);
  // A rating asked for but never given does not count.
  csat.run(ids.a, ws.inbox.id, 'api', now - 90_000, null, null);
  const team = d.prepare("INSERT INTO teams (name, created_at) VALUES ('Shop team', ?)").run(now).lastInsertRowid;
  d.prepare("INSERT INTO team_members (team_id, user_id, role) VALUES (?, ?, 'lead'), (?, ?, 'member')").run(team, leadId, team, ws.users.anna.id);
  d.close();
}, 60_000);

afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.stop();
});

describe('GET /api/metrics/live', () => {
  it('refuses agents with 403 and anonymous callers with 401', async () => {
    const anna = await ws.login(ws.users.anna);
    const refused = await anna.get<ErrorBody>('/api/metrics/live');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await new ApiClient(server.url).get('/api/metrics/live')).status).toBe(401);
  });

  it('gives a supervisor every inbox and agent with the hand-checked figures', async () => {
    const res = await ws.admin.get<LiveMetrics>('/api/metrics/live');
    expect(res.status).toBe(200);
    const m = res.body;
    expect(m.scope).toBe('all');
    expect(m.totals).toMatchObject({ open: 2, unassigned: 1, waiting: 2, atRisk: 1, breached: 1 });
    expect(m.totals.longestWaitSeconds).toBeGreaterThanOrEqual(600);
    expect(m.totals.longestWaitSeconds).toBeLessThan(620);
    expect(m.channels).toEqual([{ channel: 'api', ...m.totals }]);
    expect(m.today).toMatchObject({ firstResponseMedianSeconds: 120, resolutionMedianSeconds: 300, resolved: 1, csat: { average: 3.5, responses: 2 } });
    expect(m.today.volumeByHour.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
    const outsider = m.agents.find((a) => a.id === ws.users.outsider.id);
    expect(outsider).toEqual({ id: ws.users.outsider.id, name: 'Søren Holm', status: 'offline', load: 1, capacity: 10 });
    expect(m.agents.map((a) => a.id)).toEqual(expect.arrayContaining([ws.users.anna.id, ws.users.mikko.id, leadId]));
    expect(m.incident).toBeNull();
  });

  it('gives a lead only the inboxes they belong to and the agents of the teams they lead', async () => {
    const res = await lead.get<LiveMetrics>('/api/metrics/live');
    expect(res.status).toBe(200);
    const m = res.body;
    expect(m.scope).toBe('team');
    expect(m.totals).toMatchObject({ open: 1, unassigned: 1, waiting: 1, atRisk: 0, breached: 1 });
    expect(m.totals.longestWaitSeconds).toBeLessThan(120);
    expect(m.today).toMatchObject({ firstResponseMedianSeconds: 120, resolutionMedianSeconds: 300, resolved: 1, csat: { average: 5, responses: 1 } });
    expect(m.agents.map((a) => a.id).sort((x, y) => x - y)).toEqual([ws.users.anna.id, leadId].sort((x, y) => x - y));
  });

  it('names the active incident', async () => {
    const declared = await ws.admin.post<{ id: number }>('/api/incidents', { title: 'Payments down', severity: 'major', message: 'We are looking into it.' });
    expect(declared.status).toBe(201);
    const m = (await ws.admin.get<LiveMetrics>('/api/metrics/live')).body;
    expect(m.incident).toMatchObject({ id: declared.body.id, title: 'Payments down', severity: 'major', status: 'investigating' });
    await ws.admin.post(`/api/incidents/${declared.body.id}/updates`, { status: 'resolved', message: 'Fixed.' });
  });
});

describe('the wallboard socket', () => {
  const join = (rt: RealtimeClient) => new Promise<Ack<LiveMetrics>>((resolve) => rt.socket.emit('wallboard:join', {}, resolve));

  it('refuses agents and hands leads and above the figures of their scope', async () => {
    const anna = new RealtimeClient(server.url, await ws.login(ws.users.anna));
    const leadRt = new RealtimeClient(server.url, lead);
    sockets.push(anna, leadRt);
    const refused = await join(anna);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('forbidden');
    const joined = await join(leadRt);
    expect(joined.ok && joined.data.scope).toBe('team');
  });

  it('pushes new figures within a second when a customer message arrives, to the scopes it touches', async () => {
    const boss = new RealtimeClient(server.url, ws.admin);
    const leadRt = new RealtimeClient(server.url, lead);
    sockets.push(boss, leadRt);
    const first = await join(boss);
    await join(leadRt);
    if (!first.ok) throw new Error(first.error.message);
    const pushed: LiveMetrics[] = [];
    const leadPushed: LiveMetrics[] = [];
    boss.socket.on('metrics.live', (m) => pushed.push(m));
    leadRt.socket.on('metrics.live', (m) => leadPushed.push(m));
    const sent = Date.now();
    await customer(ws.otherInbox, uniq('d-cust'), 'Hallo, min ordre?');
    const next = await eventually(() => pushed.find((m) => m.totals.waiting === first.data.totals.waiting + 1), 3000, 'a metrics.live push');
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(next.totals.open).toBe(first.data.totals.open + 1);
    // The other inbox is outside the lead's scope: their figures did not change, so nothing was sent.
    await new Promise((r) => setTimeout(r, 500));
    expect(leadPushed.filter((m) => m.totals.waiting !== 1)).toEqual([]);
  });
});
