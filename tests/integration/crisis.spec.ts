import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq, workspace, type Created, type ErrorBody, type MessageBody, type Page } from '../helpers/api-client';
import { RealtimeClient } from '../helpers/realtime-client';
import { eventually } from '../helpers/fake-http-api';
import { fakePushService } from '../helpers/fake-push-service';
import type { Incident, IncidentDetail, IncidentReport, IncidentUpdate } from '../../src/lib/shared/schemas/incident';
import type { AuditPage } from '../../src/lib/shared/schemas/audit';

type Conversation = { id: number; incidentId: number | null; status: string };
type UpdateResult = { update: IncidentUpdate; incident: Incident };
type Delivery = { messageId: number; conversationId: number; text: string; deliveryId: string };

/** An API channel's webhook endpoint that answers 200 after `delayMs`, recording every delivery. */
async function receiver(delayMs = 0) {
  const received: Delivery[] = [];
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const payload = JSON.parse(body) as { conversationId: number; message: { id: number; text: string } };
      received.push({ messageId: payload.message.id, conversationId: payload.conversationId, text: payload.message.text, deliveryId: String(req.headers['x-switchboard-delivery']) });
      setTimeout(() => res.writeHead(200).end('ok'), delayMs);
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    withText: (text: string) => received.filter((d) => d.text === text),
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}

/** A workspace (API inbox, agents) plus a lead who is in no inbox: leads declare and update without inbox access. */
async function crisisWorkspace(server: TestServer, opts: { webhookUrl?: string } = {}) {
  const ws = await workspace(server, opts);
  const email = `${uniq('lead')}@example.com`;
  await ws.admin.post<Created>('/api/users', { email, name: 'Ola Lead', password: 'agent-password-1', role: 'lead' });
  const lead = await ApiClient.login(server.url, email, 'agent-password-1');
  const anna = await ws.login(ws.users.anna);
  const customer = (text: string, extra: Record<string, unknown> = {}) =>
    inbound(server.url, ws.inbox, { contact: { externalId: uniq('cust'), name: 'Zofia Łukasik' }, text, ...extra }).then((r) => r.body.conversationId);
  return { ...ws, lead, anna, customer };
}

const declare = (lead: ApiClient, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  lead.post<Incident>('/api/incidents', { title: 'Payments down', severity: 'major', message: 'Card payments fail; we are on it.', ...body }, headers);

const resolve = (lead: ApiClient, id: number) => lead.post(`/api/incidents/${id}/updates`, { status: 'resolved', message: 'Resolved.' });

let server: TestServer;
let push: Awaited<ReturnType<typeof fakePushService>>;
beforeAll(async () => {
  push = await fakePushService();
  server = await startServer({ env: { NODE_EXTRA_CA_CERTS: push.caFile } });
});
afterAll(async () => {
  await server?.stop();
  await push?.close();
});

describe('crisis mode: incidents', () => {
  it('lets leads declare and edit (agents get 403), and everyone read the list and the detail', async () => {
    const ws = await crisisWorkspace(server);
    const denied = await declare(ws.anna, { title: 'Nope' });
    expect(denied.status).toBe(403);
    expect((denied.body as unknown as ErrorBody).error.code).toBe('forbidden');

    const created = await declare(ws.lead, { severity: 'critical', components: ['Checkout'], internalNote: 'PSP timeouts' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ status: 'investigating', severity: 'critical', declaredBy: { name: 'Ola Lead' }, resolvedAt: null, latestUpdate: { status: 'investigating' } });

    const active = await ws.anna.get<{ items: Incident[] }>('/api/incidents?active=1');
    expect(active.body.items.map((i) => i.id)).toContain(id);
    expect((await ws.anna.get<IncidentDetail>(`/api/incidents/${id}`)).body).toMatchObject({ id, updates: [{ status: 'investigating', author: { name: 'Ola Lead' } }], broadcasts: [] });

    expect((await ws.anna.patch(`/api/incidents/${id}`, { title: 'x' })).status).toBe(403);
    const edited = await ws.lead.patch<Incident>(`/api/incidents/${id}`, { title: 'Checkout payments down', severity: 'major' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Checkout payments down', severity: 'major' });
    expect((await ws.lead.patch<ErrorBody>(`/api/incidents/${id}`, { status: 'resolved' })).body.error.code).toBe('invalid_request');
    expect((await ws.lead.get(`/api/incidents/999999`)).status).toBe(404);
    expect((await declare(ws.lead, {}, { 'Idempotency-Key': 'has spaces' })).body).toMatchObject({ error: { code: 'invalid_idempotency_key' } });
    await resolve(ws.lead, id);
  });

  it('keeps every update with author and time, resolves, refuses later updates, and audits it all', async () => {
    const ws = await crisisWorkspace(server);
    const { body: incident } = await declare(ws.lead, {}, { 'Idempotency-Key': uniq('declare') });
    const before = Date.now();
    const update = await ws.lead.post<UpdateResult>(`/api/incidents/${incident.id}/updates`, { status: 'identified', message: 'The card processor is down.' });
    expect(update.status).toBe(201);
    expect(update.body.update).toMatchObject({ status: 'identified', author: { name: 'Ola Lead' } });
    expect(Date.parse(update.body.update.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(update.body.incident).toMatchObject({ status: 'identified', message: 'The card processor is down.' });
    expect((await ws.anna.post(`/api/incidents/${incident.id}/updates`, { status: 'monitoring', message: 'x' })).status).toBe(403);

    const resolved = await ws.lead.post<UpdateResult>(`/api/incidents/${incident.id}/updates`, { status: 'resolved', message: 'Payments work again.' });
    expect(resolved.body.incident.resolvedAt).not.toBeNull();
    const late = await ws.lead.post<ErrorBody>(`/api/incidents/${incident.id}/updates`, { status: 'monitoring', message: 'late' });
    expect([late.status, late.body.error.code]).toEqual([409, 'incident_resolved']);

    const detail = (await ws.anna.get<IncidentDetail>(`/api/incidents/${incident.id}`)).body;
    expect(detail.updates.map((u) => [u.status, u.author?.name])).toEqual([
      ['investigating', 'Ola Lead'],
      ['identified', 'Ola Lead'],
      ['resolved', 'Ola Lead'],
    ]);
    expect((await ws.anna.get<{ items: Incident[] }>('/api/incidents?active=1')).body.items.map((i) => i.id)).not.toContain(incident.id);

    expect((await ws.anna.get('/api/audit?targetType=incident')).status).toBe(403);
    const audit = (await ws.lead.get<AuditPage>(`/api/audit?targetType=incident&targetId=${incident.id}`)).body;
    expect(audit.items.map((a) => [a.action, a.actor?.name])).toEqual([
      ['incident.resolved', 'Ola Lead'],
      ['incident.updated', 'Ola Lead'],
      ['incident.declared', 'Ola Lead'],
    ]);
    expect(audit.items[1].data).toMatchObject({ status: 'identified', updateId: update.body.update.id });
  });

  it('announces declare, update and resolve on an agent’s socket, and replays them to a console opened later', async () => {
    const ws = await crisisWorkspace(server);
    const rt = new RealtimeClient(server.url, ws.anna);
    await rt.connected();
    const { body: incident } = await declare(ws.lead, { title: 'Login fails' });
    await rt.until((events) => events.some((e) => e.type === 'incident.declared' && e.payload.incident.id === incident.id), 1000);
    await ws.lead.post(`/api/incidents/${incident.id}/updates`, { status: 'monitoring', message: 'Fix deployed.' });
    await rt.until((events) => events.some((e) => e.type === 'incident.updated' && e.payload.incident.status === 'monitoring'), 1000);
    await resolve(ws.lead, incident.id);
    await rt.until((events) => events.some((e) => e.type === 'incident.resolved' && e.payload.incident.id === incident.id), 1000);
    rt.close();

    const later = new RealtimeClient(server.url, ws.anna);
    await later.connected();
    expect(later.ofType('incident.declared').some((e) => e.payload.incident.id === incident.id)).toBe(true);
    expect(later.ofType('incident.resolved').some((e) => e.payload.incident.id === incident.id)).toBe(true);
    later.close();
  });

  it('pushes a declared incident to every user’s browser, in the user’s language', async () => {
    const ws = await crisisWorkspace(server);
    const email = `${uniq('pl')}@example.com`;
    await ws.admin.post('/api/users', { email, name: 'Piotr', password: 'agent-password-1', role: 'agent', locale: 'pl' });
    const piotr = await ApiClient.login(server.url, email, 'agent-password-1');
    const browser = push.subscription(uniq('piotr'));
    expect((await piotr.post('/api/push/subscriptions', browser.json)).status).toBe(201);
    const { body: incident } = await declare(ws.lead, { title: 'Płatności', severity: 'critical', message: 'Płatności kartą nie działają.' });
    const req = await eventually(() => push.requests.find((r) => r.path === browser.path), 10_000, 'the push');
    expect(browser.decrypt(req.body)).toEqual({
      kind: 'incident',
      title: 'Krytyczny incydent: Płatności',
      body: 'Zgłoszony przez: Ola Lead. Płatności kartą nie działają.',
      url: `/crisis/${incident.id}`,
      tag: `incident-${incident.id}`,
      badge: 0,
    });
    await resolve(ws.lead, incident.id);
  });
});

describe('crisis mode: linking', () => {
  it('links new conversations by a Polish keyword stem with diacritics, and carries incidentId in the detail and the list', async () => {
    const ws = await crisisWorkspace(server);
    const { body: incident } = await declare(ws.lead, { severity: 'critical', match: { keywords: ['płatn'] } });
    const inflected = await ws.customer('Dzień dobry, moja PŁATNOŚĆ kartą nie przeszła');
    const folded = await ws.customer('brak platnosci od rana', { subject: 'pomocy' });
    const other = await ws.customer('Gdzie jest moja paczka?');
    for (const id of [inflected, folded]) expect((await ws.anna.get<Conversation>(`/api/conversations/${id}`)).body.incidentId).toBe(incident.id);
    expect((await ws.anna.get<Conversation>(`/api/conversations/${other}`)).body.incidentId).toBeNull();
    const list = (await ws.anna.get<Page<Conversation>>('/api/conversations?limit=50')).body.items;
    expect(list.find((c) => c.id === inflected)?.incidentId).toBe(incident.id);
    expect((await ws.anna.get<Incident>(`/api/incidents/${incident.id}`)).body.linkedCount).toBe(2);
    await resolve(ws.lead, incident.id);
  });

  it('links new conversations by channel, and the conversation.created event already carries it', async () => {
    const ws = await crisisWorkspace(server);
    const rt = new RealtimeClient(server.url, ws.anna);
    await rt.connected();
    const { body: incident } = await declare(ws.lead, { severity: 'minor', match: { channels: ['api'] } });
    try {
      const id = await ws.customer('Where is my order?');
      await rt.until((events) => events.some((e) => e.type === 'conversation.created' && e.payload.conversation.id === id), 2000);
      expect(rt.ofType('conversation.created').find((e) => e.payload.conversation.id === id)?.payload.conversation.incidentId).toBe(incident.id);
      const edited = await ws.lead.patch<Incident>(`/api/incidents/${incident.id}`, { match: { channels: ['telegram'] } });
      expect(edited.body.match.channels).toEqual(['telegram']);
      expect((await ws.anna.get<Conversation>(`/api/conversations/${await ws.customer('Still waiting')}`)).body.incidentId).toBeNull();
    } finally {
      rt.close();
      await resolve(ws.lead, incident.id);
    }
  });

  it('links and unlinks by PATCH with a line in the thread, and acknowledges once however often it is relinked', async () => {
    const sink = await receiver();
    try {
      const ws = await crisisWorkspace(server, { webhookUrl: sink.url });
      const ack = `We know about the outage ${uniq('ack')}`;
      const { body: incident } = await declare(ws.lead, { message: ack, autoAcknowledge: true, match: { keywords: [uniq('nomatch')] } });
      const id = await ws.customer('My card was charged twice');
      expect((await ws.anna.get<Conversation>(`/api/conversations/${id}`)).body.incidentId).toBeNull();

      const linked = await ws.anna.patch<Conversation>(`/api/conversations/${id}`, { incidentId: incident.id });
      expect([linked.status, linked.body.incidentId]).toEqual([200, incident.id]);
      await eventually(() => sink.withText(ack).length === 1, 5000, 'the acknowledgement');
      expect((await ws.anna.patch<Conversation>(`/api/conversations/${id}`, { incidentId: null })).body.incidentId).toBeNull();
      await ws.anna.patch(`/api/conversations/${id}`, { incidentId: incident.id });

      const thread = (await ws.anna.get<Page<MessageBody & { event: string | null }>>(`/api/conversations/${id}/messages`)).body.items;
      expect(thread.filter((m) => m.direction === 'system').map((m) => m.text)).toEqual([
        `Anna Nowak linked this conversation to incident #${incident.id}: Payments down`,
        `Anna Nowak unlinked this conversation from incident #${incident.id}`,
        `Anna Nowak linked this conversation to incident #${incident.id}: Payments down`,
      ]);
      expect(thread.filter((m) => m.direction === 'outgoing').map((m) => m.text)).toEqual([ack]);
      await new Promise((r) => setTimeout(r, 500));
      expect(sink.withText(ack)).toHaveLength(1);

      const unknown = await ws.anna.patch<ErrorBody>(`/api/conversations/${id}`, { incidentId: 987654 });
      expect([unknown.status, unknown.body.error.code]).toEqual([400, 'incident_not_active']);
      const audit = (await ws.lead.get<AuditPage>(`/api/audit?targetType=conversation&targetId=${id}`)).body.items;
      expect(audit.map((a) => [a.action, a.actor?.name])).toEqual([
        ['conversation.linked', 'Anna Nowak'],
        ['conversation.unlinked', 'Anna Nowak'],
        ['conversation.linked', 'Anna Nowak'],
      ]);
      await resolve(ws.lead, incident.id);
    } finally {
      await sink.close();
    }
  });

  it('acknowledges an automatically linked conversation once, over its own channel', async () => {
    const sink = await receiver();
    try {
      const ws = await crisisWorkspace(server, { webhookUrl: sink.url });
      const word = uniq('maksu');
      const ack = `Tiedämme häiriöstä ${word}`;
      const { body: incident } = await declare(ws.lead, { message: ack, autoAcknowledge: true, match: { keywords: [word] } });
      const contact = { externalId: uniq('cust'), name: 'Aino Mäkelä' };
      const first = await inbound(server.url, ws.inbox, { contact, text: `${word} ei mene läpi` });
      await inbound(server.url, ws.inbox, { contact, text: `${word} vieläkin rikki` });
      await eventually(() => sink.withText(ack).length === 1, 5000, 'the acknowledgement');
      expect(sink.withText(ack)[0].conversationId).toBe(first.body.conversationId);
      await new Promise((r) => setTimeout(r, 500));
      expect(sink.withText(ack)).toHaveLength(1);
      await resolve(ws.lead, incident.id);
    } finally {
      await sink.close();
    }
  });
});

describe('crisis mode: updating customers', () => {
  it('sends an update once per linked conversation for a repeated Idempotency-Key, with live progress to sent + failed = total', async () => {
    const sink = await receiver(20);
    try {
      const ws = await crisisWorkspace(server, { webhookUrl: sink.url });
      const word = uniq('kan-ikke-betale');
      const { body: incident } = await declare(ws.lead, { match: { keywords: [word] } });
      const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => ws.customer(`${word} ${i}`)));
      const rt = new RealtimeClient(server.url, ws.anna);
      await rt.connected();

      const text = `Vi har fundet fejlen ${uniq('upd')}`;
      const key = uniq('idem');
      const [a, b] = await Promise.all([1, 2].map(() => ws.lead.post<UpdateResult>(`/api/incidents/${incident.id}/updates`, { status: 'identified', message: text, notifyLinked: true }, { 'Idempotency-Key': key })));
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      expect(a.body.update.id).toBe(b.body.update.id);
      const again = await ws.lead.post<UpdateResult>(`/api/incidents/${incident.id}/updates`, { status: 'identified', message: text, notifyLinked: true }, { 'Idempotency-Key': key });
      expect([again.status, again.body.update.id]).toEqual([200, a.body.update.id]);

      await rt.until(
        (events) => events.some((e) => e.type === 'incident.progress' && e.payload.progress.updateId === a.body.update.id && e.payload.progress.total === 6 && e.payload.progress.sent + e.payload.progress.failed === 6),
        10_000,
      );
      const progress = rt.ofType('incident.progress').filter((e) => e.payload.incidentId === incident.id).map((e) => e.payload.progress);
      expect(progress[0]).toMatchObject({ total: 6, remaining: 6, sent: 0 });
      expect(progress.at(-1)).toEqual({ updateId: a.body.update.id, total: 6, sent: 6, failed: 0, remaining: 0 });
      rt.close();

      expect(sink.withText(text).map((d) => d.conversationId).sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
      const detail = (await ws.lead.get<IncidentDetail>(`/api/incidents/${incident.id}`)).body;
      expect(detail.updates.filter((u) => u.message === text)).toHaveLength(1);
      expect(detail.broadcasts).toEqual([{ updateId: a.body.update.id, total: 6, sent: 6, failed: 0, remaining: 0 }]);
      await resolve(ws.lead, incident.id);
    } finally {
      await sink.close();
    }
  });

  it('resolves with a resolution message and resolveLinked, and reports the figures', async () => {
    const sink = await receiver();
    try {
      const ws = await crisisWorkspace(server, { webhookUrl: sink.url });
      const word = uniq('outage');
      const { body: incident } = await declare(ws.lead, { autoAcknowledge: true, message: `Known outage ${word}`, match: { keywords: [word] } });
      const ids = await Promise.all([1, 2, 3].map((i) => ws.customer(`${word} number ${i}`)));
      await ws.anna.patch(`/api/conversations/${ids[2]}`, { status: 'resolved' });
      await ws.lead.post(`/api/incidents/${incident.id}/updates`, { status: 'identified', message: 'Found it' });
      const done = `Fixed ${word}`;
      const resolved = await ws.lead.post<UpdateResult>(`/api/incidents/${incident.id}/updates`, { status: 'resolved', message: done, notifyLinked: true, resolveLinked: true });
      expect(resolved.status).toBe(201);
      await eventually(async () => {
        const statuses = await Promise.all(ids.map((id) => ws.anna.get<Conversation>(`/api/conversations/${id}`).then((r) => r.body.status)));
        return statuses.every((s) => s === 'resolved');
      }, 10_000, 'linked conversations resolved');
      await eventually(() => sink.withText(done).length === 2, 10_000, 'the resolution messages');
      expect(sink.withText(done).map((d) => d.conversationId).sort()).toEqual(ids.slice(0, 2).sort());

      const report = await eventually(async () => {
        const r = (await ws.lead.get<IncidentReport>(`/api/incidents/${incident.id}/report`)).body;
        return r.messagesSent === 5 ? r : undefined;
      }, 10_000, 'the report');
      expect(report).toMatchObject({
        incidentId: incident.id,
        resolvedAt: resolved.body.incident.resolvedAt,
        linkedByChannel: [{ channel: 'api', count: 3 }],
        linkedTotal: 3,
        customersNotified: 3,
        messagesSent: 5,
        messagesFailed: 0,
      });
      expect(report.timeToFirstUpdateSeconds).toBeGreaterThanOrEqual(0);
      expect(report.timeline.map((u) => u.status)).toEqual(['investigating', 'identified', 'resolved']);
      const csv = await fetch(`${server.url}/api/incidents/${incident.id}/report.csv`, { headers: ws.lead.headers() });
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe('section,field,value,time,status,author,message,sent to customers');
      expect(lines).toContain('summary,Messages sent,5,,,,,');
      expect(lines.filter((l) => l.startsWith('timeline,'))).toHaveLength(3);
    } finally {
      await sink.close();
    }
  });
});

describe('crisis mode: a restart in the middle of a broadcast', () => {
  it('sends every linked conversation the update exactly once after the server is killed mid-way and started again', async () => {
    const sink = await receiver(40);
    const own = await startServer();
    try {
      const ws = await crisisWorkspace(own, { webhookUrl: sink.url });
      const word = uniq('awaria');
      const { body: incident } = await declare(ws.lead, { match: { keywords: [word] } });
      const ids: number[] = [];
      for (let i = 0; i < 220; i += 20) ids.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => ws.customer(`${word} ${i + j}`)))));
      expect((await ws.lead.get<Incident>(`/api/incidents/${incident.id}`)).body.linkedCount).toBe(220);

      const text = `Update ${uniq('broadcast')}`;
      const posted = await ws.lead.post<UpdateResult>(`/api/incidents/${incident.id}/updates`, { status: 'identified', message: text, notifyLinked: true }, { 'Idempotency-Key': uniq('k') });
      expect(posted.status).toBe(201);
      await eventually(() => sink.withText(text).length >= 30, 20_000, 'some deliveries');
      await own.stop('SIGKILL');
      const beforeRestart = new Set(sink.withText(text).map((d) => d.messageId)).size;
      expect(beforeRestart).toBeLessThan(220);

      await own.restart();
      // Sessions live in the database: the same logins work after the restart.
      const admin = ws.admin;
      let progress: IncidentDetail['broadcasts'] = [];
      await eventually(async () => {
        progress = (await admin.get<IncidentDetail>(`/api/incidents/${incident.id}`)).body.broadcasts;
        return progress[0]?.remaining === 0 && progress[0].sent === 220;
      }, 60_000, 'the broadcast to finish').catch((err: Error) => {
        throw new Error(`${err.message}: ${JSON.stringify(progress)}; received ${sink.withText(text).length}; server log:\n${own.logs.join('').slice(-3000)}`);
      });

      const sentIds: number[] = [];
      for (const id of ids) {
        const mine = (await admin.get<Page<MessageBody>>(`/api/conversations/${id}/messages?limit=50`)).body.items.filter((m) => m.direction === 'outgoing' && m.text === text);
        expect(mine, `conversation ${id}`).toHaveLength(1);
        expect(mine[0].status).toBe('sent');
        sentIds.push(mine[0].id);
      }
      const got = sink.withText(text);
      expect(new Set(got.map((d) => d.messageId))).toEqual(new Set(sentIds));
      // A request cut off by the kill may arrive twice; it carries the same delivery id both times.
      for (const messageId of sentIds) expect(new Set(got.filter((d) => d.messageId === messageId).map((d) => d.deliveryId)).size).toBe(1);
    } finally {
      await own.stop();
      await sink.close();
    }
  }, 120_000);
});
