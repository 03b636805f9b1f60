/**
 * Tooltips load on first use (their library stays out of the console's first download), so the
 * first hover and the first keyboard focus must still show them, keep focus on the button and
 * close again as usual.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq } from '../helpers/api-client';
import { collectErrors, launchChromium, loginAs } from '../helpers/browser';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  server = await startServer();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('tooltips loaded on first use', () => {
  it('show on the first hover and on the first keyboard focus, keep the focus and close again', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const errors = collectErrors(page);
    await loginAs(page, server.url, ADMIN);
    const tooltip = page.locator('[data-tooltip-content]');
    const shortcuts = page.getByRole('button', { name: 'Keyboard shortcuts' });

    await shortcuts.hover();
    await expect.poll(() => tooltip.textContent()).toContain('Keyboard shortcuts');
    await page.mouse.move(600, 700);
    await expect.poll(() => tooltip.count()).toBe(0);

    // Tab from the search field to the next tooltip button: it is upgraded under the focus.
    const withTip = page.locator('header [data-tip]:visible');
    const id = await withTip.first().getAttribute('data-tip');
    await page.reload();
    await page.getByRole('searchbox').first().focus();
    const before = await page.evaluate(() => document.querySelectorAll('[data-tooltip-trigger]').length);
    expect(before).toBe(0);
    for (let i = 0; i < 8 && (await page.evaluate(() => document.activeElement?.getAttribute('data-tip'))) !== id; i++) await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-tooltip-trigger'))).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-tip'))).toBe(id);
    await expect.poll(() => tooltip.count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => tooltip.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('leaves a menu opened while its tooltip was still loading where it is', async () => {
    const admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
    const created = await admin.post<{ id: number; name: string; inboundToken: string }>('/api/inboxes', { name: `Tips ${uniq('i')}`, channel: 'api' });
    const posted = await inbound(server.url, created.body, { contact: { externalId: uniq('ext'), name: 'Tuomas' }, text: 'Hei' });
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const errors = collectErrors(page);
    await loginAs(page, server.url, ADMIN, `/conversations/${posted.body.conversationId}`);
    const assign = page.getByRole('button', { name: 'Assign' });
    await assign.waitFor();
    // The tooltip's code arrives only after the click has opened the menu.
    await page.route('**/_app/immutable/**/*.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await route.continue();
    });
    await assign.click();
    const menu = page.getByRole('menu');
    await menu.waitFor();
    await page.waitForTimeout(1200);
    expect(await menu.isVisible()).toBe(true);
    expect(await assign.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets every first tap on a phone do what the button does, with no tooltip in the way', async () => {
    const admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
    const created = await admin.post<{ id: number; name: string; inboundToken: string }>('/api/inboxes', { name: `Taps ${uniq('i')}`, channel: 'api' });
    await inbound(server.url, created.body, { contact: { externalId: uniq('ext'), name: 'Dorota' }, text: 'Dzień dobry' });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await loginAs(page, server.url, ADMIN);
    await page.goto(`${server.url}/inbox?view=all`);
    await page.locator('[data-conversation-id]').first().waitFor();
    // Two different buttons with tooltips, each tapped once: selection mode, then the assign menu.
    await page.getByRole('button', { name: 'Select conversations' }).tap();
    const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
    await bar.waitFor();
    await page.locator('[data-conversation-id]').first().tap();
    await bar.getByRole('button', { name: 'Assign' }).tap();
    await page.getByRole('menu').waitFor({ timeout: 5_000 });
    expect(await page.locator('[data-tooltip-content]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
