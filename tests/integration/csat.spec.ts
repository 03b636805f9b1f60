import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq, workspace, type ErrorBody } from '../helpers/api-client';
import { RealtimeClient } from '../helpers/realtime-client';
import { VisitorClient } from '../helpers/widget-client';
import { eventually } from '../helpers/fake-http-api';
import type { CsatResponse } from '../../src/lib/shared/schemas/csat';

type Delivery = { conversationId: number; text: string };

/** An API channel's webhook endpoint recording what Switchboard sends to customers. */
async function receiver() {
  const received: Delivery[] = [];
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const payload = JSON.parse(body) as { conversationId: number; message: { text: string } };
      received.push({ conversationId: payload.conversationId, text: payload.message.text });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

let server: TestServer;
let hook: Awaited<ReturnType<typeof receiver>>;
beforeAll(async () => {
  hook = await receiver();
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await hook?.close();
});

async function setup() {
  const ws = await workspace(server, { webhookUrl: hook.url });
  const anna = await ws.login(ws.users.anna);
  const customer = async (text = 'Hello, where is my order?') =>
    (await inbound(server.url, ws.inbox, { contact: { externalId: uniq('cust'), name: 'Zofia Łukasik' }, text })).body.conversationId;
  const resolve = (id: number) => anna.patch(`/api/conversations/${id}`, { status: 'resolved', assigneeId: ws.users.anna.id });
  return { ...ws, anna, customer, resolve };
}

const surveysTo = (conversationId: number) => hook.received.filter((d) => d.conversationId === conversationId && d.text.includes('/csat/'));
const tokenIn = (text: string) => /\/csat\/([^\s]+)/.exec(text)![1]!;
const rate = (token: string, body: unknown) => new ApiClient(server.url).post<ErrorBody & { ok: true; rating: number }>(`/api/csat/${token}`, body);

describe('satisfaction surveys', () => {
  it('sends one survey link over the conversation’s channel on the first resolve, never again after a reopen', async () => {
    const ws = await setup();
    const id = await ws.customer();
    expect((await ws.resolve(id)).status).toBe(200);
    const [survey] = await eventually(() => surveysTo(id).length === 1 && surveysTo(id), 10_000, 'the survey delivery');
    expect(survey!.text).toContain(`${server.url}/csat/${id}.`);
    expect(survey!.text).toContain('Shop API');

    expect((await ws.anna.patch(`/api/conversations/${id}`, { status: 'open' })).status).toBe(200);
    expect((await ws.resolve(id)).status).toBe(200);
    // The second resolve's delivery would have come through the same queue by now.
    await new Promise((r) => setTimeout(r, 1500));
    expect(surveysTo(id)).toHaveLength(1);

    const stored = await ws.anna.get<{ csat: CsatResponse }>(`/api/conversations/${id}/csat`);
    expect(stored.body.csat).toMatchObject({ conversationId: id, inboxId: ws.inbox.id, channel: 'api', agentId: ws.users.anna.id, rating: null, comment: null, ratedAt: null });
  });

  it('writes the survey in the customer’s language when their messages tell it', async () => {
    const ws = await setup();
    const id = await ws.customer('Dzień dobry, gdzie jest moje zamówienie? Proszę o pomoc.');
    await ws.resolve(id);
    const [survey] = await eventually(() => surveysTo(id).length === 1 && surveysTo(id), 10_000, 'the survey delivery');
    expect(survey!.text).toMatch(/^Jak nam poszło\?/);
  });

  it('takes a rating once through the link, tells the console, and answers a second one with 409', async () => {
    const ws = await setup();
    const id = await ws.customer();
    const rt = new RealtimeClient(server.url, ws.anna);
    await rt.connected();
    await ws.resolve(id);
    const [survey] = await eventually(() => surveysTo(id).length === 1 && surveysTo(id), 10_000, 'the survey delivery');
    const token = tokenIn(survey!.text);

    const first = await rate(token, { rating: 5, comment: '  Quick and kind, thank you!  ' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ok: true, rating: 5 });
    await rt.until((events) => events.some((e) => e.type === 'csat.rated'));
    expect(rt.ofType('csat.rated')[0]!.payload).toMatchObject({ conversationId: id, inboxId: ws.inbox.id, agentId: ws.users.anna.id, rating: 5, comment: 'Quick and kind, thank you!' });
    rt.close();

    const again = await rate(token, { rating: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({ code: 'already_rated', message: 'this conversation has already been rated; thank you' });
    const stored = await ws.anna.get<{ csat: CsatResponse }>(`/api/conversations/${id}/csat`);
    expect(stored.body.csat).toMatchObject({ rating: 5, comment: 'Quick and kind, thank you!', ratedAt: expect.any(String) });

    // The page, with JavaScript off, now says so.
    const page = await fetch(`${server.url}/csat/${token}?lang=en`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Thanks, already rated');
  });

  it('never lets a token rate another conversation', async () => {
    const ws = await setup();
    const a = await ws.customer();
    const b = await ws.customer();
    await ws.resolve(a);
    await ws.resolve(b);
    const [surveyA] = await eventually(() => surveysTo(a).length === 1 && surveysTo(a), 10_000, 'survey A');
    await eventually(() => surveysTo(b).length === 1, 10_000, 'survey B');
    const tokenA = tokenIn(surveyA!.text);
    const forged = tokenA.replace(/^\d+\./, `${b}.`);

    const res = await rate(forged, { rating: 1, comment: 'forged' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('invalid_survey_link');
    expect((await ws.anna.get<{ csat: CsatResponse }>(`/api/conversations/${b}/csat`)).body.csat).toMatchObject({ rating: null, comment: null });
    expect((await rate('not-a-token', { rating: 3 })).status).toBe(404);
  });

  it('answers bad input with 400 and a clear error, and stores nothing', async () => {
    const ws = await setup();
    const id = await ws.customer();
    await ws.resolve(id);
    const [survey] = await eventually(() => surveysTo(id).length === 1 && surveysTo(id), 10_000, 'the survey delivery');
    const token = tokenIn(survey!.text);

    const cases: [unknown, RegExp][] = [
      [{ rating: 6 }, /rating.*1 to 5/],
      [{ rating: 0 }, /rating.*1 to 5/],
      [{ rating: 4.5 }, /rating.*whole number/],
      [{}, /rating/],
      [{ rating: 4, comment: 'x'.repeat(1001) }, /comment.*1000 characters/],
      [{ rating: 4, mood: 'happy' }, /mood/],
    ];
    for (const [body, message] of cases) {
      const res = await rate(token, body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.error.message).toMatch(message);
    }
    const notJson = await new ApiClient(server.url).request<ErrorBody>('POST', `/api/csat/${token}`, 'rating=5', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(notJson.status).toBe(415);
    expect((await ws.anna.get<{ csat: CsatResponse }>(`/api/conversations/${id}/csat`)).body.csat?.rating).toBeNull();
  });

  it('takes a rating from the survey page’s plain form post (no JavaScript)', async () => {
    const ws = await setup();
    const id = await ws.customer();
    await ws.resolve(id);
    const [survey] = await eventually(() => surveysTo(id).length === 1 && surveysTo(id), 10_000, 'the survey delivery');
    const token = tokenIn(survey!.text);

    const page = await fetch(`${server.url}/csat/${token}`, { headers: { 'accept-language': 'fi-FI,fi;q=0.9,en;q=0.5' } });
    const html = await page.text();
    expect(html).toContain('<html lang="fi"');
    expect(html).toContain('Miten onnistuimme?');
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");

    const form = (fields: Record<string, string>) =>
      fetch(`${server.url}/csat/${token}?lang=en`, { method: 'POST', headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
    const missing = await form({ comment: 'no rating chosen' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Choose a rating from 1 to 5.');

    const done = await form({ rating: '4', comment: 'Good help' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Thank you!');
    expect((await ws.anna.get<{ csat: CsatResponse }>(`/api/conversations/${id}/csat`)).body.csat).toMatchObject({ rating: 4, comment: 'Good help' });
  });

  it('sends no survey for a conversation linked to an incident', async () => {
    const ws = await setup();
    const id = await ws.customer();
    const incident = await ws.admin.post<{ id: number }>('/api/incidents', { title: uniq('Outage'), severity: 'minor', message: 'We are looking into it.' });
    expect(incident.status).toBe(201);
    expect((await ws.admin.patch(`/api/conversations/${id}`, { incidentId: incident.body.id })).status).toBe(200);
    await ws.resolve(id);
    await new Promise((r) => setTimeout(r, 1000));
    expect(surveysTo(id)).toHaveLength(0);
    expect((await ws.anna.get<{ csat: CsatResponse | null }>(`/api/conversations/${id}/csat`)).body.csat).toBeNull();
    await ws.admin.post(`/api/incidents/${incident.body.id}/updates`, { status: 'resolved', message: 'Fixed.' });
  });

  it('keeps the survey to inbox members, and sends none while surveys are switched off', async () => {
    const ws = await setup();
    const outsider = await ws.login(ws.users.outsider);
    const id = await ws.customer();
    expect((await outsider.get(`/api/conversations/${id}/csat`)).status).toBe(404);

    const off = await ws.admin.request('PUT', '/api/csat/settings', { enabled: true, disabledInboxIds: [ws.inbox.id] });
    expect(off.status).toBe(200);
    expect((await ws.anna.request('PUT', '/api/csat/settings', { enabled: false })).status).toBe(403);
    await ws.resolve(id);
    await new Promise((r) => setTimeout(r, 1500));
    expect(surveysTo(id)).toHaveLength(0);
    expect((await ws.anna.get<{ csat: CsatResponse | null }>(`/api/conversations/${id}/csat`)).body.csat).toBeNull();
    await ws.admin.request('PUT', '/api/csat/settings', { enabled: true, disabledInboxIds: [] });
  });

  it('asks a chat visitor inline instead of sending a link, and takes the rating with the token it gave', async () => {
    const ws = await setup();
    const chat = (await ws.admin.post<{ id: number; settings: { widgetToken: string } }>('/api/inboxes', { name: `Website chat ${uniq('w')}`, channel: 'chat' })).body;
    await ws.admin.post(`/api/inboxes/${chat.id}/members`, { userId: ws.users.anna.id });
    const v = new VisitorClient(server.url, { widgetToken: chat.settings.widgetToken });
    const session = await v.ready();
    expect(session.survey).toBeNull();
    const ack = await v.send('Hi, a question about my order', uniq('c').replace(/[^A-Za-z0-9_-]/g, '_'));
    if (!ack.ok) throw new Error(ack.error.message);
    const conversationId = (await ws.anna.get<{ items: { id: number; inboxId: number }[] }>(`/api/conversations?inboxId=${chat.id}`)).body.items[0]!.id;

    await ws.resolve(conversationId);
    await v.until(() => v.of('csat.survey').some((s) => s !== null));
    const { token } = v.of('csat.survey').find((s) => s !== null) as { token: string };
    expect(token).toMatch(new RegExp(`^${conversationId}\\.`));
    // No link in the thread: the widget asks itself.
    const thread = await ws.anna.get<{ items: { direction: string; text: string }[] }>(`/api/conversations/${conversationId}/messages`);
    expect(thread.body.items.filter((m) => m.direction === 'outgoing')).toEqual([]);

    // A visitor who comes back gets the survey with the session.
    const again = new VisitorClient(server.url, { widgetToken: chat.settings.widgetToken, visitorToken: session.visitorToken });
    expect((await again.ready()).survey).toEqual({ token });

    expect((await rate(token, { rating: 4, comment: 'Nice chat' })).status).toBe(200);
    await again.until(() => again.of('csat.survey').includes(null));
    const stored = await ws.anna.get<{ csat: CsatResponse }>(`/api/conversations/${conversationId}/csat`);
    expect(stored.body.csat).toMatchObject({ channel: 'chat', rating: 4, comment: 'Nice chat' });
    v.close();
    again.close();
  });
});
