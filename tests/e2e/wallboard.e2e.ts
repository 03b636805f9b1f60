/**
 * The wallboard in Chromium against the built server: a customer message sent through the API
 * channel changes the waiting count on an open wallboard within a second, without a reload; and
 * the board never scrolls sideways on the three tablet sizes it is designed for.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq } from '../helpers/api-client';
import { collectErrors, launchChromium, loginAs } from '../helpers/browser';

let server: TestServer;
let browser: Browser;
let admin: ApiClient;
let inbox: { id: number; inboundToken: string };

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  server = await startServer();
  admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
  inbox = (await admin.post<{ id: number; inboundToken: string }>('/api/inboxes', { name: 'Shop', channel: 'api' })).body;
  const agent = (await admin.post<{ id: number }>('/api/users', { email: `${uniq('a')}@example.com`, name: 'Anna Nowak', password: 'agent-password-1', role: 'agent' })).body;
  await admin.post(`/api/inboxes/${inbox.id}/members`, { userId: agent.id });
  for (const name of ['Zofia Łukasik', 'Mikko Virtanen']) {
    await inbound(server.url, inbox, { contact: { externalId: uniq('c'), name }, text: 'Hello, where is my order?' });
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the wallboard', () => {
  it('changes the waiting count within a second of a customer message, without a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    try {
      await loginAs(page, server.url, ADMIN, '/wallboard');
      const waiting = page.getByTestId('wallboard-waiting');
      await expect.poll(() => waiting.textContent(), { timeout: 10_000 }).toBe('2');
      await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

      const sent = await inbound(server.url, inbox, { contact: { externalId: uniq('c'), name: 'Søren Holm' }, text: 'Hej, hvor er min pakke?' });
      expect(sent.status).toBe(201);
      const posted = Date.now();
      await expect.poll(() => waiting.textContent(), { timeout: 1000, interval: 25 }).toBe('3');
      expect(Date.now() - posted).toBeLessThan(1000);
      expect(await page.getByTestId('wallboard-open').textContent()).toBe('3');
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('never scrolls sideways at 1024x768, 768x1024 and 1366x1024', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    try {
      await loginAs(page, server.url, ADMIN, '/wallboard');
      await page.getByTestId('wallboard-waiting').waitFor();
      for (const [width, height] of [
        [1024, 768],
        [768, 1024],
        [1366, 1024],
      ]) {
        await page.setViewportSize({ width, height });
        // Charts redraw at the new width on the next frames.
        await page.waitForTimeout(300);
        const overflow = await page.evaluate(() => {
          const root = document.scrollingElement!;
          const main = document.querySelector<HTMLElement>('[data-testid="wallboard"]')!;
          return { root: root.scrollWidth - root.clientWidth, main: main.scrollWidth - main.clientWidth };
        });
        expect(overflow, `${width}x${height}`).toEqual({ root: 0, main: 0 });
        expect(await page.locator('[data-testid="wallboard"] canvas').count()).toBe(2);
        fs.mkdirSync('test-results', { recursive: true });
        await page.screenshot({ path: `test-results/e2e-wallboard-${width}x${height}.png`, fullPage: true });
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('links to reports, which show today\'s figures and offer the CSV of the same filters', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    try {
      await loginAs(page, server.url, ADMIN, '/wallboard');
      await page.getByRole('link', { name: 'Reports' }).click();
      await page.waitForURL((url) => url.pathname === '/reports');
      await expect.poll(() => page.getByTestId('report-opened').textContent(), { timeout: 10_000 }).toBe('3');
      const href = await page.getByTestId('report-csv').getAttribute('href');
      expect(href).toMatch(/^\/api\/reports\/export\.csv\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
      await page.getByLabel('Inbox').selectOption({ label: 'Shop' });
      expect(await page.getByTestId('report-csv').getAttribute('href')).toContain(`inboxId=${inbox.id}`);
      for (const [width, height] of [
        [1024, 768],
        [768, 1024],
      ]) {
        await page.setViewportSize({ width, height });
        await page.waitForTimeout(300);
        expect(await page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth), `${width}x${height}`).toBe(0);
        await page.screenshot({ path: `test-results/e2e-reports-${width}x${height}.png`, fullPage: true });
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
