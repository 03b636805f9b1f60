import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/lib/shared/schemas/metrics';
import { startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq, workspace, type ErrorBody } from '../helpers/api-client';

let server: TestServer;
let ws: Awaited<ReturnType<typeof workspace>>;
let lead: ApiClient;

/** A local wall time (the test and the server share a time zone), as ms. */
const local = (day: number, hour: number, minute = 0) => new Date(2025, 2, day, hour, minute).getTime();

/**
 * The fixture, by hand (March 2025, local time):
 *   X (shop)  opened 10th 09:00, first reply 09:02 (120 s), resolved 10:00 (3 600 s); SLA met; rated 4
 *   Y (shop)  opened 10th 11:00, first reply 11:10 (600 s), resolved 11th 11:00 (86 400 s); SLA breached; rated 5
 *   Z (other) opened 11th 08:00, first reply 08:01 (60 s), still open; no SLA; rated 1 on the 12th
 *   W (other) opened 20th, outside the range
 * Range 10th-11th: opened 3, resolved 2; first response median 120 s, p90 600 s; resolution
 * median 45 000 s, p90 86 400 s; SLA 1 of 2; CSAT 4.5 of 2; the admin wrote 3 replies.
 */
beforeAll(async () => {
  server = await startServer();
  ws = await workspace(server);
  // The fixture writes its own survey answers: no surveys from the resolves below.
  expect((await ws.admin.request('PUT', '/api/csat/settings', { enabled: false, disabledInboxIds: [] })).status).toBe(200);
  await ws.admin.post('/api/sla-policies', { name: uniq('Five'), inboxIds: [ws.inbox.id], firstResponseMinutes: 5 });
  const open = async (inbox: { id: number; inboundToken: string }, name: string) =>
    (await inbound(server.url, inbox, { contact: { externalId: uniq(name), name }, text: `Hello from ${name}` })).body.conversationId;
  const x = await open(ws.inbox, 'Xenia');
  const y = await open(ws.inbox, 'Yrjö');
  const z = await open(ws.otherInbox, 'Zofia');
  const w = await open(ws.otherInbox, 'Wiktor');
  for (const id of [x, y, z]) expect((await ws.admin.post(`/api/conversations/${id}/messages`, { text: 'On it!' })).status).toBe(201);
  for (const id of [x, y]) expect((await ws.admin.patch(`/api/conversations/${id}`, { status: 'resolved' })).status).toBe(200);
  await ws.admin.patch(`/api/conversations/${x}`, { assigneeId: ws.users.anna.id });
  await new Promise((r) => setTimeout(r, 300));

  const leadEmail = `${uniq('lead')}@example.com`;
  const leadId = (await ws.admin.post<{ id: number }>('/api/users', { email: leadEmail, name: 'Lena Lead', password: 'agent-password-1', role: 'lead' })).body.id;
  await ws.admin.post(`/api/inboxes/${ws.inbox.id}/members`, { userId: leadId });
  lead = await ApiClient.login(server.url, leadEmail, 'agent-password-1');

  const d = new Database(server.dbPath);
  d.pragma('busy_timeout = 5000');
  const times: [number, number, number, number | null][] = [
    [x, local(10, 9), local(10, 9, 2), local(10, 10)],
    [y, local(10, 11), local(10, 11, 10), local(11, 11)],
    [z, local(11, 8), local(11, 8, 1), null],
    [w, local(20, 8), local(20, 8, 5), null],
  ];
  for (const [id, created, reply, resolved] of times) {
    d.prepare('UPDATE conversations SET created_at = ?, first_reply_at = ?, resolved_at = ? WHERE id = ?').run(created, reply, resolved, id);
    d.prepare("UPDATE messages SET created_at = ? WHERE conversation_id = ? AND direction = 'incoming'").run(created, id);
    d.prepare("UPDATE messages SET created_at = ? WHERE conversation_id = ? AND direction = 'outgoing'").run(reply, id);
    d.prepare(
      `UPDATE events SET created_at = ? WHERE type = 'conversation.updated' AND json_extract(payload, '$.conversation.id') = ?
         AND json_extract(payload, '$.conversation.status') = 'resolved'`,
    ).run(resolved, id);
  }
  const sla = d.prepare('UPDATE conversation_sla SET first_response_due_at = ?, first_response_met_at = ?, first_response_breached_at = ? WHERE conversation_id = ?');
  sla.run(local(10, 9, 5), local(10, 9, 2), null, x);
  sla.run(local(10, 11, 5), local(10, 11, 10), local(10, 11, 5), y);
  const csat = d.prepare('INSERT INTO csat_responses (conversation_id, inbox_id, channel, agent_id, requested_at, rating, rated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  csat.run(x, ws.inbox.id, 'api', ws.users.anna.id, local(10, 10), 4, local(10, 12));
  csat.run(y, ws.inbox.id, 'api', null, local(11, 11), 5, local(11, 12));
  csat.run(z, ws.otherInbox.id, 'api', null, local(12, 9), 1, local(12, 10));
  d.close();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const RANGE = 'from=2025-03-10&to=2025-03-11';

describe('GET /api/reports', () => {
  it('computes the hand-checked figures for a past range from the event history', async () => {
    const res = await ws.admin.get<Report>(`/api/reports?${RANGE}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      from: '2025-03-10',
      to: '2025-03-11',
      opened: 3,
      resolved: 2,
      firstResponse: { count: 3, medianSeconds: 120, p90Seconds: 600 },
      resolution: { count: 2, medianSeconds: 45_000, p90Seconds: 86_400 },
      sla: { met: 1, breached: 1, rate: 0.5 },
      csat: { average: 4.5, responses: 2 },
      messagesPerAgent: [{ name: 'Admin', messages: 3 }],
      daily: [
        { date: '2025-03-10', opened: 2, resolved: 1 },
        { date: '2025-03-11', opened: 1, resolved: 1 },
      ],
    });
    expect(res.body.busiestHours[8]).toBe(1);
    expect(res.body.busiestHours[9]).toBe(1);
    expect(res.body.busiestHours[11]).toBe(1);
    expect(res.body.busiestHours.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('filters by inbox, channel and agent, and limits a lead to their inboxes', async () => {
    const other = (await ws.admin.get<Report>(`/api/reports?${RANGE}&inboxId=${ws.otherInbox.id}`)).body;
    expect(other).toMatchObject({ opened: 1, resolved: 0, firstResponse: { count: 1, medianSeconds: 60 } });
    expect((await ws.admin.get<Report>(`/api/reports?${RANGE}&channel=telegram`)).body.opened).toBe(0);
    const anna = (await ws.admin.get<Report>(`/api/reports?${RANGE}&agentId=${ws.users.anna.id}`)).body;
    expect(anna).toMatchObject({ opened: 1, resolved: 1, csat: { average: 4, responses: 1 }, messagesPerAgent: [] });
    const asLead = (await lead.get<Report>(`/api/reports?${RANGE}`)).body;
    expect(asLead).toMatchObject({ opened: 2, resolved: 2, csat: { average: 4.5, responses: 2 } });
    expect((await lead.get<Report>(`/api/reports?${RANGE}&inboxId=${ws.otherInbox.id}`)).body.opened).toBe(0);
  });

  it('refuses agents and explains bad ranges', async () => {
    const anna = await ws.login(ws.users.anna);
    expect((await anna.get<ErrorBody>(`/api/reports?${RANGE}`)).status).toBe(403);
    const backwards = await ws.admin.get<ErrorBody>('/api/reports?from=2025-03-11&to=2025-03-10');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.code).toBe('invalid_query');
    expect((await ws.admin.get<ErrorBody>('/api/reports?from=2025-03-10')).status).toBe(400);
    expect((await ws.admin.get<ErrorBody>(`/api/reports?${RANGE}&colour=blue`)).status).toBe(400);
  });
});

describe('GET /api/reports/export.csv', () => {
  it('sends the same figures as CSV with a header row', async () => {
    const res = await fetch(`${server.url}/api/reports/export.csv?${RANGE}`, { headers: ws.admin.headers() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('report-2025-03-10-to-2025-03-11.csv');
    const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('metric,dimension,value');
    for (const row of ['opened,,3', 'resolved,,2', 'first_response_median_seconds,,120', 'first_response_p90_seconds,,600', 'resolution_p90_seconds,,86400', 'sla_attainment,,0.5', 'csat_average,,4.5', 'agent_messages,Admin,3', 'customer_messages_by_hour,09:00,1', 'daily_opened,2025-03-10,2']) {
      expect(lines).toContain(row);
    }
    const anna = await ws.login(ws.users.anna);
    expect((await anna.get<ErrorBody>(`/api/reports/export.csv?${RANGE}`)).status).toBe(403);
  });
});
