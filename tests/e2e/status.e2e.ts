/**
 * Crisis mode as customers see it, in Chromium: the public status page at phone and tablet width
 * (also with JavaScript off), and the chat widget's banner arriving live when a lead declares an
 * incident and leaving when it is resolved. Screenshots go to test-results/.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, uniq } from '../helpers/api-client';
import { axeSerious, collectErrors, launchChromium } from '../helpers/browser';

let server: TestServer;
let browser: Browser;
let lead: ApiClient;

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  server = await startServer();
  const admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
  const email = `${uniq('lead')}@example.com`;
  expect((await admin.post('/api/users', { email, name: 'Lena Lead', password: 'lead-password-1', role: 'lead' })).status).toBe(201);
  lead = await ApiClient.login(server.url, email, 'lead-password-1');
  expect((await admin.request('PUT', '/api/crisis/settings', { components: ['Website', 'Card payments', 'Live chat'], webhookUrl: null, webhookFormat: 'slack' })).status).toBe(200);
  fs.mkdirSync('test-results', { recursive: true });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the public status page in Chromium', () => {
  it('reads at phone and tablet width, with JavaScript off, without overflow or accessibility problems', async () => {
    const declared = await lead.post<{ id: number }>('/api/incidents', {
      title: 'Card payments failing',
      severity: 'major',
      message: 'Some card payments fail at checkout. Please try again in a few minutes.',
      components: ['Card payments'],
    });
    expect(declared.status).toBe(201);
    for (const [name, width, height] of [['phone', 390, 844], ['tablet', 1024, 768]] as const) {
      const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: false, locale: 'fi-FI' });
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto(`${server.url}/status`);
      expect(await page.locator('html').getAttribute('lang')).toBe('fi');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Osittainen järjestelmäkatko');
      expect(await page.locator(`#incident-${declared.body.id}`).getByText('Some card payments fail').count()).toBe(1);
      expect(await page.getByText('Osittainen katko').count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: `test-results/status-${name}.png`, fullPage: true });
      expect(errors, 'the CSP lets the page run as served').toEqual([]);
      await context.close();

      // axe injects a script, which the page's CSP refuses: check in a context that bypasses it.
      const checking = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
      const checked = await checking.newPage();
      await checked.goto(`${server.url}/status?lang=da`);
      expect(await axeSerious(checked)).toEqual([]);
      await checking.close();
    }
    await lead.post(`/api/incidents/${declared.body.id}/updates`, { status: 'resolved', message: 'Payments work again.' });
  });
});

describe('the chat widget banner in Chromium', () => {
  it('appears within a second of a lead declaring an incident, follows its updates, and goes when it is resolved', async () => {
    const admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
    const inbox = await admin.post<{ settings: { widgetToken: string } }>('/api/inboxes', { name: 'Web shop', channel: 'chat' });
    const context = await browser.newContext({ viewport: { width: 390, height: 700 } });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}/widget/${inbox.body.settings.widgetToken}?locale=pl`);
    const banner = page.getByRole('status', { name: 'Status usług' });
    await banner.waitFor({ state: 'attached' });
    expect(await banner.textContent()).toBe('');
    // The widget is connected once its status line says whether anyone is online.
    await page.getByText(/Obecnie nas nie ma|Jesteśmy dostępni/).waitFor();

    const started = Date.now();
    const declared = await lead.post<{ id: number }>('/api/incidents', { title: 'Chat outage', severity: 'critical', message: 'Czat działa z opóźnieniem.', match: { channels: ['chat'] } });
    await banner.getByText('Czat działa z opóźnieniem.').waitFor({ timeout: 3_000 });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(await banner.textContent()).toContain('Poważna awaria systemu');
    expect(await banner.getByRole('link', { name: 'Strona statusu' }).getAttribute('href')).toBe(`/status?lang=pl#incident-${declared.body.id}`);
    await page.screenshot({ path: 'test-results/widget-incident-banner.png' });

    await lead.post(`/api/incidents/${declared.body.id}/updates`, { status: 'monitoring', message: 'Odpowiadamy już normalnie.' });
    await banner.getByText('Odpowiadamy już normalnie.').waitFor({ timeout: 3_000 });
    await lead.post(`/api/incidents/${declared.body.id}/updates`, { status: 'resolved', message: 'Naprawione.' });
    await banner.getByText('Odpowiadamy już normalnie.').waitFor({ state: 'detached', timeout: 3_000 });
    expect(await banner.textContent()).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });
});
