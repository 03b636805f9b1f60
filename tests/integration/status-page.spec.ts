/**
 * Crisis mode as customers and the team chat see it, against the built server: the public status
 * page (HTML in four languages, JSON, Atom), the crisis settings API, the Slack / Teams webhook
 * (a local HTTP receiver, with a retry after a 500) and the chat widget's incident banner over
 * the widget socket.
 */
import Database from 'better-sqlite3';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/lib/shared/schemas/incident';
import type { StatusDocument } from '../../src/lib/shared/schemas/status';
import type { WidgetIncidentBanner } from '../../src/lib/shared/widget-events';
import { ApiClient, uniq, type ErrorBody } from '../helpers/api-client';
import { eventually, fakeHttpApi, type FakeHttpApi } from '../helpers/fake-http-api';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { VisitorClient } from '../helpers/widget-client';

let server: TestServer;
let hook: FakeHttpApi;
let admin: ApiClient;
let lead: ApiClient;
let supervisor: ApiClient;
let agent: ApiClient;
const open: { close(): void }[] = [];

const INTERNAL = 'INTERNAL-NOTE-do-not-publish';

async function user(role: string, name: string) {
  const email = `${uniq(role)}@example.com`;
  const res = await admin.post('/api/users', { email, name, password: 'user-password-1', role });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return ApiClient.login(server.url, email, 'user-password-1');
}

async function declare(body: Record<string, unknown>) {
  const res = await lead.post<Incident>('/api/incidents', { internalNote: INTERNAL, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function post(id: number, status: string, message: string) {
  const res = await lead.post<{ incident: Incident }>(`/api/incidents/${id}/updates`, { status, message });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.incident;
}

/** Leaves no active incident behind for the next test. */
async function resolveAll() {
  const active = await lead.get<{ items: Incident[] }>('/api/incidents?active=1');
  for (const i of active.body.items) await post(i.id, 'resolved', 'Resolved by the test cleanup.');
}

async function settings(body: Record<string, unknown>) {
  const res = await supervisor.request('PUT', '/api/crisis/settings', { components: [], webhookUrl: null, webhookFormat: 'slack', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const statusJson = async (query = '') => (await fetch(`${server.url}/status.json${query}`)).json() as Promise<StatusDocument>;
const html = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${server.url}${path}`, { headers });
  return { res, text: await res.text() };
};
/** The visible text of an HTML page, tags removed, entities of the escaped text kept as they are. */
const textOf = (page: string) => page.slice(page.indexOf('<body')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  hook = await fakeHttpApi(() => ({ status: 200, body: 'ok' }));
  server = await startServer();
  admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
  lead = await user('lead', 'Liisa Lead');
  supervisor = await user('supervisor', 'Sune Supervisor');
  agent = await user('agent', 'Agata Agent');
}, 60_000);

afterEach(async () => {
  // Settings first: the cleanup's resolutions must not reach the webhook receiver.
  await settings({});
  await resolveAll();
});

afterAll(async () => {
  open.forEach((o) => o.close());
  await server?.stop();
  await hook?.close();
});

describe('crisis settings', () => {
  it('are read by leads and above, changed by supervisors and above, and validated', async () => {
    expect((await agent.get<ErrorBody>('/api/crisis/settings')).status).toBe(403);
    expect((await lead.get('/api/crisis/settings')).body).toEqual({ components: [], webhookUrl: null, webhookFormat: 'slack' });

    const denied = await lead.request<ErrorBody>('PUT', '/api/crisis/settings', { components: ['API'], webhookUrl: null, webhookFormat: 'slack' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');

    const saved = await supervisor.request('PUT', '/api/crisis/settings', { components: [' Website ', 'API', 'api'], webhookUrl: 'https://hooks.slack.com/services/T000/B000/secret-part', webhookFormat: 'teams' });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ components: ['Website', 'API'], webhookUrl: 'https://hooks.slack.com/services/T000/B000/secret-part', webhookFormat: 'teams' });
    expect((await admin.get('/api/crisis/settings')).body).toMatchObject({ webhookUrl: 'https://hooks.slack.com/services/T000/B000/secret-part' });
    // The webhook URL is a secret: a lead sees where it points, not the token in its path.
    expect((await lead.get('/api/crisis/settings')).body).toEqual({ components: ['Website', 'API'], webhookUrl: 'https://hooks.slack.com/', webhookFormat: 'teams' });

    for (const bad of [{ webhookUrl: 'ftp://x.example/' }, { webhookFormat: 'discord' }, { components: [''] }, { extra: 1 }]) {
      const res = await supervisor.request<ErrorBody>('PUT', '/api/crisis/settings', { components: [], webhookUrl: null, webhookFormat: 'slack', ...bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    expect((await fetch(`${server.url}/api/crisis/settings`)).status).toBe(401);
  });
});

describe('the public status page', () => {
  it('answers without login in the visitor’s language by Accept-Language, with ?lang= overriding it', async () => {
    await settings({ components: ['Website', 'Card payments'] });
    const cases: [Record<string, string>, string, string, string][] = [
      [{}, '', 'en', 'All systems operational'],
      [{ 'accept-language': 'pl-PL,pl;q=0.9,en;q=0.5' }, '', 'pl', 'Wszystkie systemy działają'],
      [{ 'accept-language': 'fi' }, '', 'fi', 'Kaikki järjestelmät toimivat'],
      [{ 'accept-language': 'de-DE, da;q=0.8' }, '', 'da', 'Alle systemer kører normalt'],
      [{ 'accept-language': 'pl' }, '?lang=fi', 'fi', 'Kaikki järjestelmät toimivat'],
      [{ 'accept-language': 'fi' }, '?lang=en', 'en', 'All systems operational'],
    ];
    for (const [headers, query, lang, headline] of cases) {
      const { res, text } = await html(`/status${query}`, headers);
      expect(res.status).toBe(200);
      expect(text, `${lang}`).toContain(`<html lang="${lang}">`);
      expect(textOf(text)).toContain(headline);
      expect(res.headers.get('content-language')).toBe(lang);
    }
    const { res, text } = await html('/status?lang=da');
    // Links to the other languages; the page works with JavaScript off (it ships none).
    for (const l of ['en', 'pl', 'fi', 'da']) expect(text).toContain(`href="/status?lang=${l}"`);
    expect(text).not.toMatch(/<script[^>]*src=/);
    expect(text).not.toContain('/_app/immutable/entry');
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    expect(res.headers.get('vary')).toMatch(/Accept-Language/i);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(textOf(text)).toContain('Website');
    expect(textOf(text)).toContain('I drift');
  });

  it('shows incidents declared, updated and resolved through the API in JSON, HTML and Atom, with customer texts only', async () => {
    await settings({ components: ['Website', 'Card payments', 'Email'] });
    const payments = await declare({ title: 'Card payments <failing>', severity: 'major', message: 'Some card payments fail. Try again soon & sorry.', components: ['Card payments', 'Checkout API'] });
    const email = await declare({ title: 'Slow email', severity: 'minor', message: 'Email replies are slow.', components: ['email'] });
    await post(payments.id, 'identified', 'Our payment provider has an outage.');

    let doc = await statusJson();
    expect(doc.status).toEqual({ indicator: 'major', description: 'Partial system outage' });
    expect(doc.components).toEqual([
      { name: 'Website', status: 'operational' },
      { name: 'Card payments', status: 'partial_outage' },
      { name: 'Email', status: 'degraded_performance' },
      { name: 'Checkout API', status: 'partial_outage' },
    ]);
    expect(doc.incidents.map((i) => [i.id, i.status, i.resolvedAt])).toEqual([
      [payments.id, 'identified', null],
      [email.id, 'investigating', null],
    ]);
    expect(doc.incidents[0]).toMatchObject({ title: 'Card payments <failing>', severity: 'major', components: ['Card payments', 'Checkout API'] });
    expect(doc.incidents[0]!.updates.map((u) => [u.status, u.message])).toEqual([
      ['identified', 'Our payment provider has an outage.'],
      ['investigating', 'Some card payments fail. Try again soon & sorry.'],
    ]);
    expect(Date.parse(doc.page.updatedAt)).toBeGreaterThan(0);
    const raw = JSON.stringify(doc);
    expect(raw).not.toContain(INTERNAL);
    expect(raw).not.toContain('Liisa');
    expect(raw).not.toMatch(/internalNote|author|match/);
    expect((await statusJson('?lang=pl')).status.description).toBe('Częściowa awaria systemu');

    const crit = await declare({ title: 'Website down', severity: 'critical', message: 'The website does not load.', components: ['website'] });
    doc = await statusJson();
    expect(doc.status.indicator).toBe('critical');
    expect(doc.components[0]).toEqual({ name: 'Website', status: 'major_outage' });
    expect(doc.incidents[0]!.id).toBe(crit.id);

    await post(crit.id, 'resolved', 'The website is back.');
    await post(payments.id, 'resolved', 'Payments work again.');
    doc = await statusJson();
    expect(doc.status.indicator).toBe('minor');
    expect(doc.components.map((c) => c.status)).toEqual(['operational', 'operational', 'degraded_performance']);
    expect(doc.incidents.map((i) => i.id)).toEqual([email.id, payments.id, crit.id]);
    expect(doc.incidents[1]).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) });
    expect(doc.incidents[1]!.updates[0]).toMatchObject({ status: 'resolved', message: 'Payments work again.' });

    const page = await html('/status?lang=pl');
    const text = textOf(page.text);
    expect(text).toContain('Drobne zakłócenia usług');
    expect(text).toContain('Bieżące incydenty');
    expect(text).toContain('Wcześniejsze incydenty');
    expect(text).toContain('Payments work again.');
    expect(text).toContain('Rozwiązano');
    expect(page.text).toContain('Card payments &lt;failing>');
    expect(page.text).not.toContain('<failing>');
    expect(page.text).toContain(`id="incident-${payments.id}"`);
    expect(page.text).not.toContain(INTERNAL);
    expect(page.text).not.toContain('Liisa');

    const feed = await fetch(`${server.url}/status/feed.atom`);
    expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await feed.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => n === 'entry' || n === 'link' }).parse(xml).feed;
    expect(parsed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    const entries = parsed.entry as { id: string; title: { '#text': string }; content: { '#text': string }; updated: string; link: { '@href': string }[] }[];
    // One entry per update: 2 + 1 (payments, before the resolution) + 1 + 2 + 1 (email, website, resolutions).
    const updates = doc.incidents.flatMap((i) => i.updates.map((u) => ({ incident: i, u })));
    expect(entries).toHaveLength(updates.length);
    const host = new URL(server.url).hostname;
    for (const e of entries) expect(e.id).toMatch(new RegExp(`^tag:${host.replace(/\./g, '\\.')},\\d{4}-\\d{2}-\\d{2}:switchboard/incident/\\d+/update/\\d+$`));
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    const newest = entries[0]!;
    expect(newest.title['#text']).toBe('Resolved: Card payments <failing>');
    expect(newest.content['#text']).toBe('Payments work again.');
    expect(newest.link[0]!['@href']).toBe(`${server.url}/status?lang=en#incident-${payments.id}`);
    expect(entries.map((e) => e.updated)).toEqual([...entries.map((e) => e.updated)].sort().reverse());
    expect(xml).not.toContain(INTERNAL);
    const again = await (await fetch(`${server.url}/status/feed.atom`)).text();
    expect(again, 'entry ids and the whole feed are stable').toBe(xml);
  });

  it('serves JSON to any origin and answers 304 when nothing changed', async () => {
    const first = await fetch(`${server.url}/status.json`, { headers: { origin: 'https://elsewhere.example' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const etag = first.headers.get('etag')!;
    expect((await fetch(`${server.url}/status.json`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    await declare({ title: 'Chat slow', severity: 'minor', message: 'Chat is slow.' });
    expect((await fetch(`${server.url}/status.json`, { headers: { 'if-none-match': etag } })).status).toBe(200);
    const preflight = await fetch(`${server.url}/status.json`, { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('the team chat webhook', () => {
  const bodies = (path: string) => hook.to(path).map((r) => JSON.parse(r.body) as Record<string, any>);

  it('posts Slack messages for declare, update and resolve, once each, linking to the incident and the status page', async () => {
    await settings({ webhookUrl: `${hook.url}/slack`, webhookFormat: 'slack' });
    const i = await declare({ title: 'Checkout errors', severity: 'critical', message: 'Checkout fails for some customers.' });
    await eventually(() => hook.to('/slack').length === 1, 10_000, 'the declare post');
    await post(i.id, 'identified', 'A bad deploy; rolling back.');
    await eventually(() => hook.to('/slack').length === 2, 10_000, 'the update post');
    // An edit adds no timeline entry: nothing new to announce.
    expect((await lead.patch(`/api/incidents/${i.id}`, { title: 'Checkout errors (EU)' })).status).toBe(200);
    await post(i.id, 'resolved', 'Rolled back; checkout works.');
    await eventually(() => hook.to('/slack').length === 3, 10_000, 'the resolve post');
    await new Promise((r) => setTimeout(r, 700));

    const [declared, updated, resolved] = bodies('/slack');
    expect(hook.to('/slack')).toHaveLength(3);
    expect(hook.to('/slack')[0]!.headers['content-type']).toBe('application/json');
    expect(declared!.text).toBe('Incident declared [Critical]: Checkout errors — Checkout fails for some customers.');
    expect(JSON.stringify(declared!.blocks)).toContain(`<${server.url}/crisis/${i.id}|Open incident #${i.id} in Switchboard>`);
    expect(JSON.stringify(declared!.blocks)).toContain(`<${server.url}/status|Public status page>`);
    expect(updated!.text).toBe('Incident update: Identified [Critical]: Checkout errors — A bad deploy; rolling back.');
    expect(resolved!.text).toBe('Incident resolved [Critical]: Checkout errors (EU) — Rolled back; checkout works.');
    expect(JSON.stringify([declared, updated, resolved])).not.toContain(INTERNAL);
  });

  it('posts a Microsoft Teams MessageCard when the format is teams', async () => {
    await settings({ webhookUrl: `${hook.url}/teams`, webhookFormat: 'teams' });
    const i = await declare({ title: 'SMS delays', severity: 'minor', message: 'Text messages arrive late.', components: ['SMS'] });
    await eventually(() => hook.to('/teams').length === 1, 10_000, 'the Teams post');
    expect(bodies('/teams')[0]).toMatchObject({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      themeColor: 'F1C40F',
      summary: 'Incident declared: SMS delays',
      title: 'Incident declared: SMS delays',
      text: 'Text messages arrive late.',
      potentialAction: [
        { '@type': 'OpenUri', name: 'Open incident', targets: [{ os: 'default', uri: `${server.url}/crisis/${i.id}` }] },
        { '@type': 'OpenUri', name: 'Status page', targets: [{ os: 'default', uri: `${server.url}/status` }] },
      ],
    });
  });

  it('retries after a 500 and gives up at once on a 404', async () => {
    await settings({ webhookUrl: `${hook.url}/flaky`, webhookFormat: 'slack' });
    hook.answerNext({ status: 500, body: 'boom' });
    await declare({ title: 'Flaky hook', severity: 'major', message: 'Testing retries.' });
    await eventually(() => hook.to('/flaky').length === 2, 15_000, 'the retried post');
    const [a, b] = hook.to('/flaky');
    expect(b!.body).toBe(a!.body);
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(1_000);

    await settings({ webhookUrl: `${hook.url}/gone`, webhookFormat: 'slack' });
    hook.answerNext({ status: 404, body: 'no such hook' });
    await declare({ title: 'Gone hook', severity: 'minor', message: 'Testing a refusal.' });
    await eventually(() => hook.to('/gone').length === 1, 10_000, 'the refused post');
    await new Promise((r) => setTimeout(r, 3_000));
    expect(hook.to('/gone')).toHaveLength(1);
    const db = new Database(server.dbPath, { readonly: true });
    try {
      const job = db.prepare(`SELECT status, last_error AS error FROM jobs WHERE kind = 'crisis.webhook' ORDER BY id DESC LIMIT 1`).get() as { status: string; error: string };
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/HTTP 404/);
    } finally {
      db.close();
    }
  });
});

describe('the chat widget banner', () => {
  async function chatInbox() {
    const res = await admin.post<{ id: number; settings: { widgetToken: string } }>('/api/inboxes', { name: `Web chat ${uniq('w')}`, channel: 'chat' });
    expect(res.status).toBe(201);
    return res.body;
  }
  const banners = (v: VisitorClient) => v.of('incident.banner') as (WidgetIncidentBanner | null)[];

  it('shows the most severe applicable incident on connect and live as incidents are declared, updated and resolved', async () => {
    const inbox = await chatInbox();
    const v = new VisitorClient(server.url, { widgetToken: inbox.settings.widgetToken });
    open.push(v);
    await v.ready();
    await v.until(() => banners(v).length === 1);
    expect(banners(v)[0]).toBeNull();

    // Rules naming only another channel do not concern this chat.
    await declare({ title: 'Mail only', severity: 'critical', message: 'Email is down.', match: { channels: ['email'] } });
    const minor = await declare({ title: 'Slow site', severity: 'minor', message: 'The site is slow.' });
    await v.until(() => banners(v).length === 2);
    expect(banners(v)[1]).toMatchObject({ incidentId: minor.id, severity: 'minor', message: 'The site is slow.' });

    const chat = await declare({ title: 'Chat outage', severity: 'major', message: 'Chat replies are delayed.', match: { channels: ['chat'] } });
    await v.until(() => banners(v).length === 3);
    expect(banners(v)[2]).toMatchObject({ incidentId: chat.id, severity: 'major', message: 'Chat replies are delayed.' });
    expect(JSON.stringify(banners(v))).not.toContain(INTERNAL);

    await post(chat.id, 'monitoring', 'Replies flow again; we are watching.');
    await v.until(() => banners(v).length === 4);
    expect(banners(v)[3]).toMatchObject({ incidentId: chat.id, message: 'Replies flow again; we are watching.' });

    // A widget opened now gets the banner on first load, in the page itself.
    const page = await html(`/widget/${inbox.settings.widgetToken}?locale=fi`);
    expect(page.text).toContain('Replies flow again; we are watching.');
    expect(page.text).toContain('role="status"');
    expect(page.text).toContain('Osittainen järjestelmäkatko');

    await post(chat.id, 'resolved', 'Fixed.');
    await v.until(() => banners(v).length === 5);
    expect(banners(v)[4]).toMatchObject({ incidentId: minor.id });
    await post(minor.id, 'resolved', 'Fast again.');
    await v.until(() => banners(v).length === 6);
    expect(banners(v)[5]).toBeNull();
  });

  it('shows an incident whose rules list this inbox, and not one listing only another inbox', async () => {
    const inbox = await chatInbox();
    const other = await chatInbox();
    await declare({ title: 'Other shop', severity: 'critical', message: 'Other shop is down.', match: { inboxIds: [other.id] } });
    const mine = await declare({ title: 'This shop', severity: 'minor', message: 'This shop is slow.', match: { inboxIds: [inbox.id], keywords: ['slow'] } });
    const v = new VisitorClient(server.url, { widgetToken: inbox.settings.widgetToken });
    open.push(v);
    await v.until(() => banners(v).length === 1);
    expect(banners(v)[0]).toMatchObject({ incidentId: mine.id, message: 'This shop is slow.' });
  });
});
