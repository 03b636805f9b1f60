/**
 * Crisis mode end to end, in Chromium against the built server. A lead declares an incident from
 * a tablet-sized screen (1024x768); an agent, logged in before, sees the banner within a second
 * of the declaration's answer without a reload; a customer's new message that matches a keyword
 * is linked (the agent's list shows the incident), and the agent links an older one by hand; the
 * lead's update goes to both customers with live progress and reaches the agent's banner; resolving clears the banner and leaves a report.
 * A visitor's chat widget on a shop page (a third context) shows the customer-facing message as
 * a banner, live, follows the update and drops the banner on resolve.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq, type Created } from '../helpers/api-client';
import { axeSerious, collectErrors, launchChromium, loginAs } from '../helpers/browser';

let server: TestServer;
let browser: Browser;
let admin: ApiClient;
let hook: http.Server;
let inbox: { id: number; name: string; inboundToken: string };
let shop: http.Server;
let shopUrl = '';
const delivered: string[] = [];
const PASSWORD = 'crisis-password-1';
const lead = { email: '', password: PASSWORD };
const agent = { email: '', password: PASSWORD };

/** Most of a second is left for the socket; the test process sees the answer a little after the browser. */
const BANNER_MS = 1_000;

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  // The API inbox's outbound webhook: what reaches the customer.
  hook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      delivered.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  server = await startServer();
  admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
  const created = await admin.post<{ id: number; name: string; inboundToken: string }>('/api/inboxes', {
    name: `Shop ${uniq('i')}`,
    channel: 'api',
    webhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`,
  });
  expect(created.status).toBe(201);
  inbox = created.body;
  for (const [who, role, name] of [[lead, 'lead', 'Lena Lead'], [agent, 'agent', 'Anna Nowak']] as const) {
    who.email = `${uniq(role)}@example.com`;
    const user = await admin.post<Created>('/api/users', { email: who.email, name, password: PASSWORD, role });
    expect(user.status).toBe(201);
    expect((await admin.post(`/api/inboxes/${inbox.id}/members`, { userId: user.body.id })).status).toBeLessThan(300);
  }
  // A shop on another origin embedding a chat inbox's widget.
  const chat = await admin.post<{ settings: { widgetSnippet: string } }>('/api/inboxes', { name: `Web chat ${uniq('w')}`, channel: 'chat' });
  expect(chat.status).toBe(201);
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Nordic Shoes</title></head><body><h1>Nordic Shoes</h1>${chat.body.settings.widgetSnippet}</body></html>`;
  shop = http.createServer((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    else res.writeHead(204).end();
  });
  await new Promise<void>((r) => shop.listen(0, '127.0.0.1', () => r()));
  shopUrl = `http://localhost:${(shop.address() as AddressInfo).port}/`;
  fs.mkdirSync('test-results', { recursive: true });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => (hook ? hook.close(r) : r(null)));
  await new Promise((r) => (shop ? shop.close(r) : r(null)));
});

/** A visitor on the shop with the chat widget open; returns the widget's frame. */
async function visitor(): Promise<{ context: BrowserContext; frame: FrameLocator; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(shopUrl);
  await page.getByRole('button', { name: /chat/i }).click();
  const frame = page.frameLocator('iframe[title="Support chat"]');
  await frame.getByRole('textbox', { name: 'Message' }).waitFor();
  return { context, frame, errors };
}

async function open(viewport: { width: number; height: number }, user: { email: string; password: string }, path: string) {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await loginAs(page, server.url, user, path);
  return { context, page, errors };
}

/** Resolves with the time the page showed (or stopped showing) what the locator finds. */
const when = (wait: Promise<unknown>) => wait.then(() => Date.now());

/** The lead's request and the moment the test heard its answer. */
async function answered(page: Page, method: string, path: RegExp, act: () => Promise<void>) {
  const response = page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname));
  await act();
  const res = await response;
  return { res, at: Date.now() };
}

describe('crisis mode in the console', () => {
  it('a lead declares, updates and resolves from a tablet; an agent’s console and a visitor’s widget follow live', async () => {
    const contexts: BrowserContext[] = [];
    const errors: string[][] = [];
    try {
      const a = await open({ width: 1366, height: 900 }, agent, '/inbox');
      const l = await open({ width: 1024, height: 768 }, lead, '/crisis');
      const v = await visitor();
      contexts.push(a.context, l.context, v.context);
      errors.push(a.errors, l.errors, v.errors);
      const widgetBanner = v.frame.getByRole('status', { name: 'Service status' });
      expect(await widgetBanner.textContent()).toBe('');
      const agentBanner = a.page.getByTestId('incident-banner');
      const leadPage = l.page;
      // A conversation from before the incident, about something else: linked by hand later.
      const earlier = await inbound(server.url, inbox, { contact: { externalId: uniq('ext'), name: `Mikkel Dahl ${uniq('c')}` }, text: 'Hvor er min pakke?' });
      expect(earlier.status).toBe(201);
      // New conversations come in unassigned: the agent watches All.
      await a.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^All/ }).click();
      await a.page.getByRole('heading', { name: 'All', level: 2 }).waitFor();
      // No reload on the agent's side: this mark survives only in the same document.
      await a.page.evaluate(() => ((window as unknown as { __same: boolean }).__same = true));

      await leadPage.getByRole('heading', { name: 'Incidents', level: 1 }).waitFor();
      expect(await axeSerious(leadPage), 'axe on /crisis').toEqual([]);

      // Declare: the form checks what is missing before anything is sent.
      await leadPage.getByRole('button', { name: 'Declare incident' }).click();
      const dialog = leadPage.getByRole('dialog', { name: 'Declare an incident' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Declare incident' }).click();
      await dialog.getByText('Required').first().waitFor();
      expect(await axeSerious(leadPage), 'axe on the declare dialog').toEqual([]);

      const title = `Card payments failing ${uniq('t')}`;
      await dialog.getByLabel('Title').fill(title);
      await dialog.getByText('Critical', { exact: true }).click();
      await dialog.getByLabel('Message for customers').fill('Card payments fail for some customers. We are on it.');
      await dialog.getByLabel('Internal note').fill('PSP returns 502 since 10:02.');
      await dialog.getByLabel('Keywords').fill('płatn');
      await dialog.getByLabel('Keywords').press('Enter');
      await dialog.getByRole('button', { name: 'Remove płatn' }).waitFor();

      const shown = when(agentBanner.getByRole('link', { name: title }).waitFor({ timeout: 10_000 }));
      // A double click declares once: the key is the form's, and the button waits for the answer.
      const declared = await answered(leadPage, 'POST', /^\/api\/incidents$/, () => dialog.getByRole('button', { name: 'Declare incident' }).dblclick());
      expect(declared.res.status()).toBe(201);
      const incidentId = ((await declared.res.json()) as { id: number }).id;
      expect((await shown) - declared.at, 'banner on the agent’s console after the declaration').toBeLessThan(BANNER_MS);
      await leadPage.waitForURL(new RegExp(`/crisis/${incidentId}$`));
      const active = await admin.get<{ items: { title: string }[] }>('/api/incidents?active=1');
      expect(active.body.items.filter((i) => i.title === title)).toHaveLength(1);
      expect(await agentBanner.locator('[data-severity]').first().getAttribute('data-severity')).toBe('critical');
      expect(await a.page.evaluate(() => (window as unknown as { __same?: boolean }).__same)).toBe(true);
      // The visitor's open widget shows what customers are told, without a reload.
      await widgetBanner.getByText('Card payments fail for some customers. We are on it.').waitFor({ timeout: 5_000 });
      expect(await widgetBanner.textContent()).not.toContain('PSP returns 502');

      // A customer writes about it: the conversation is linked and the agent's list says so.
      const customer = `Zofia Łukasik ${uniq('c')}`;
      const posted = await inbound(server.url, inbox, { contact: { externalId: uniq('ext'), name: customer }, text: 'Płatność kartą nie przechodzi' });
      expect(posted.status).toBe(201);
      const row = a.page.locator(`[data-conversation-id="${posted.body.conversationId}"]`);
      await row.locator(`[data-incident-chip="${incidentId}"]`).waitFor({ timeout: 10_000 });
      await leadPage.getByTestId('incident-linked-total').filter({ hasText: '1' }).waitFor({ timeout: 10_000 });

      // The agent links the earlier conversation by hand from its details.
      await a.page.locator(`[data-conversation-id="${earlier.body.conversationId}"]`).getByRole('link').click();
      const details = a.page.getByRole('complementary', { name: 'Details' });
      await details.getByRole('combobox', { name: /^Incident/ }).click();
      await a.page.getByRole('option', { name: new RegExp(title) }).click();
      await a.page.locator(`a[data-incident-chip="${incidentId}"]`).waitFor({ timeout: 10_000 });
      await a.page.getByRole('log', { name: 'Messages' }).getByText(`Anna Nowak linked this conversation to incident #${incidentId}`).waitFor();
      expect(await axeSerious(a.page), 'axe on the linked conversation').toEqual([]);
      await leadPage.getByTestId('incident-linked-total').filter({ hasText: '2' }).waitFor({ timeout: 10_000 });
      expect(await axeSerious(leadPage), 'axe on the incident page').toEqual([]);

      // An update to the linked customer: the lead watches it go out, the agent's banner shows it.
      const text = `Our payment provider is fixing it ${uniq('u')}`;
      await leadPage.getByRole('combobox', { name: /^Status/ }).click();
      await leadPage.getByRole('option', { name: 'Identified' }).click();
      await leadPage.getByLabel('Update for customers').fill(text);
      await leadPage.getByLabel(/Also send it to the customer/).check();
      const updateShown = when(agentBanner.getByText(text).waitFor({ timeout: 10_000 }));
      const updated = await answered(leadPage, 'POST', /^\/api\/incidents\/\d+\/updates$/, () => leadPage.getByRole('button', { name: 'Post update' }).click());
      expect(updated.res.status()).toBe(201);
      expect(updated.res.request().headers()['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
      expect((await updateShown) - updated.at, 'update on the agent’s banner').toBeLessThan(BANNER_MS);
      await leadPage.getByTestId('incident-timeline').getByText(text).waitFor();
      await widgetBanner.getByText(text).waitFor({ timeout: 5_000 });
      const bar = leadPage.getByRole('progressbar').first();
      await expect.poll(() => bar.getAttribute('aria-valuetext'), { timeout: 15_000 }).toBe('2 sent, 0 failed, 0 remaining');
      await expect.poll(() => delivered.filter((d) => d.includes(text)).length, { timeout: 10_000 }).toBe(2);

      // Resolve, confirmed: the banner leaves the agent's console, the lead gets the report.
      await leadPage.getByRole('button', { name: 'Resolve…' }).click();
      await leadPage.getByLabel('Update for customers').fill('Card payments work again. Thank you for your patience.');
      await leadPage.getByRole('button', { name: 'Resolve incident' }).click();
      const confirm = leadPage.getByRole('dialog', { name: 'Resolve this incident?' });
      await confirm.waitFor();
      const gone = when(agentBanner.waitFor({ state: 'detached', timeout: 10_000 }));
      const resolved = await answered(leadPage, 'POST', /^\/api\/incidents\/\d+\/updates$/, () => confirm.getByRole('button', { name: 'Resolve incident' }).click());
      expect(resolved.res.status()).toBe(201);
      expect((await gone) - resolved.at, 'banner gone from the agent’s console').toBeLessThan(BANNER_MS);
      const report = leadPage.getByTestId('incident-report');
      await report.waitFor({ timeout: 10_000 });
      expect(await report.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(`/api/incidents/${incidentId}/report.csv`);
      await expect.poll(() => a.page.getByTestId('incident-announcer').textContent()).toContain('Incident resolved');
      await expect.poll(() => widgetBanner.textContent(), { timeout: 5_000 }).toBe('');
      expect(await axeSerious(leadPage), 'axe on the resolved incident').toEqual([]);

      for (const e of errors) expect(e).toEqual([]);
    } catch (err) {
      for (const [n, c] of contexts.entries()) await c.pages()[0]?.screenshot({ path: `test-results/crisis-${n}.png`, fullPage: true }).catch(() => {});
      if (errors.flat().length) console.error('browser errors:\n' + errors.flat().join('\n'));
      throw err;
    } finally {
      for (const c of contexts) await c.close();
    }
  });
});
