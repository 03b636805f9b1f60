/**
 * SLA due times in the console, in Chromium against the built server: a conversation under a
 * 60-minute first response policy shows "Due in 60 min" in its row; as the browser's clock moves
 * on the row turns amber, then red, in words and icon as well as colour; and a breach the
 * server's sweeper records reaches an open console live.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq } from '../helpers/api-client';
import { collectErrors, launchChromium, loginAs } from '../helpers/browser';

let server: TestServer;
let browser: Browser;
let admin: ApiClient;

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  server = await startServer({ env: { SLA_SWEEP_MS: '300' } });
  admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function inboxWithPolicy() {
  const inbox = (await admin.post<{ id: number; name: string; inboundToken: string }>('/api/inboxes', { name: `SLA ${uniq('i')}`, channel: 'api' })).body;
  expect((await admin.post('/api/sla-policies', { name: uniq('Fast'), inboxIds: [inbox.id], firstResponseMinutes: 60 })).status).toBe(201);
  const posted = await inbound(server.url, inbox, { contact: { externalId: uniq('c'), name: 'Mette Jensen' }, text: 'Min pakke er ikke kommet' });
  const id = posted.body.conversationId;
  for (let i = 0; i < 50; i++) {
    const c = await admin.get<{ sla: { state: string | null } }>(`/api/conversations/${id}`);
    if (c.body.sla.state === 'ok') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { inbox, id };
}

async function openInbox(page: Page, name: string) {
  const menu = page.getByRole('button', { name: 'Open views' });
  if (await menu.isVisible()) {
    await menu.click();
    await page.getByRole('dialog', { name: 'Views' }).getByRole('link', { name: new RegExp(name) }).click();
  } else {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: new RegExp(name) }).click();
  }
}

describe('SLA due times in the conversation list', () => {
  it('shows the due time and turns amber, then red, as the clock runs', async () => {
    const { inbox, id } = await inboxWithPolicy();
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.clock.install();
    try {
      await loginAs(page, server.url, ADMIN);
      await openInbox(page, inbox.name);
      const due = page.locator(`[data-conversation-id="${id}"] [data-sla-state]`);
      await expect.poll(() => due.getAttribute('data-sla-state')).toBe('ok');
      expect(await due.innerText()).toMatch(/Due in (59|60) min/);

      await page.clock.fastForward('50:00');
      await expect.poll(() => due.getAttribute('data-sla-state'), { timeout: 5000 }).toBe('warning');
      expect(await due.innerText()).toMatch(/Due in (9|10) min/);
      expect(await due.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');

      await page.clock.fastForward('15:00');
      await expect.poll(() => due.getAttribute('data-sla-state'), { timeout: 5000 }).toBe('breached');
      expect(await due.innerText()).toMatch(/Overdue (4|5) min/);
      expect(await due.textContent()).toContain('First response');
      await page.screenshot({ path: 'test-results/e2e-sla-row-1024.png' });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('turns a row red when the server records a breach, live, on a phone too', async () => {
    const { inbox, id } = await inboxWithPolicy();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US', hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const errors = collectErrors(page);
    try {
      await loginAs(page, server.url, ADMIN);
      await openInbox(page, inbox.name);
      const due = page.locator(`[data-conversation-id="${id}"] [data-sla-state]`);
      await expect.poll(() => due.getAttribute('data-sla-state')).toBe('ok');

      // The conversation started two hours ago, as far as the server knows.
      const db = new Database(server.dbPath);
      db.pragma('busy_timeout = 5000');
      db.prepare('UPDATE conversation_sla SET started_at = started_at - @s, first_response_due_at = first_response_due_at - @s WHERE conversation_id = @id').run({ s: 7_200_000, id });
      db.close();

      await expect.poll(() => due.getAttribute('data-sla-state'), { timeout: 5000 }).toBe('breached');
      expect(await due.innerText()).toMatch(/Overdue 6\d min/);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      expect(overflow).toBe(false);
      await page.screenshot({ path: 'test-results/e2e-sla-row-phone.png' });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets a lead add a policy with business hours and a holiday in the settings', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    try {
      await loginAs(page, server.url, ADMIN, '/settings/sla');
      const name = uniq('Office hours');
      await page.getByRole('button', { name: 'New policy' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name').fill(name);
      await dialog.getByLabel('First response target (minutes)').fill('45');
      await dialog.getByLabel('Count only business hours').check();
      await dialog.getByLabel('Time zone').selectOption('Europe/Helsinki');
      await dialog.getByLabel('Friday · Closes').fill('15:00');
      await dialog.getByLabel('Saturday · Add hours').click();
      await dialog.getByLabel('Holidays').fill('2026-12-24');
      await dialog.getByRole('button', { name: 'Add holiday' }).click();
      await dialog.getByRole('button', { name: 'Save policy' }).click();
      await page.getByText(name).waitFor({ timeout: 5000 }).catch(async (err) => {
        await page.screenshot({ path: 'test-results/e2e-sla-settings-failure.png' });
        throw err;
      });

      const saved = (await admin.get<{ items: { name: string; firstResponseMinutes: number; businessHours: { timeZone: string; days: Record<string, { start: string; end: string }[]> }; holidays: string[] }[] }>('/api/sla-policies')).body.items.find((p) => p.name === name);
      expect(saved).toMatchObject({ firstResponseMinutes: 45, holidays: ['2026-12-24'], businessHours: { timeZone: 'Europe/Helsinki' } });
      expect(saved?.businessHours.days.fri).toEqual([{ start: '09:00', end: '15:00' }]);
      expect(saved?.businessHours.days.sat).toEqual([{ start: '09:00', end: '17:00' }]);
      expect(saved?.businessHours.days.sun).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
