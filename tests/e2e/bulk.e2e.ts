/**
 * Bulk actions and label views end to end, in Chromium against the built server: pick
 * conversations with the row checkboxes (Shift+click for a range, `x` for the focused row),
 * resolve two at once from the action bar, label one from the bar and find it under its label
 * in the views; on a phone, the "Select" button enters selection mode and a tap selects.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq } from '../helpers/api-client';
import { axeSerious, collectErrors, launchChromium, loginAs } from '../helpers/browser';

let server: TestServer;
let browser: Browser;
let admin: ApiClient;

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  server = await startServer();
  admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh API inbox with one conversation per customer (the last one posted is on top). */
async function inboxWith(customers: string[]) {
  const created = await admin.post<{ id: number; name: string; inboundToken: string }>('/api/inboxes', { name: `Bulk ${uniq('i')}`, channel: 'api' });
  expect(created.status).toBe(201);
  const ids: Record<string, number> = {};
  for (const name of customers) {
    const posted = await inbound(server.url, created.body, { contact: { externalId: uniq('ext'), name }, text: `Hello from ${name}` });
    expect(posted.status).toBe(201);
    ids[name] = posted.body.conversationId;
  }
  return { inbox: created.body, ids };
}

/** Through the login page, as an agent would. */
const login = (page: Page) => loginAs(page, server.url, ADMIN);

/** The views nav: a sidebar on desktop, a drawer (opened from the header) below. */
async function viewsNav(page: Page) {
  const menu = page.getByRole('button', { name: 'Open views' });
  if (await menu.isVisible()) {
    await menu.click();
    return page.getByRole('dialog', { name: 'Views' });
  }
  return page.getByRole('navigation', { name: 'Views' });
}

async function openView(page: Page, name: string | RegExp) {
  await (await viewsNav(page)).getByRole('link', { name }).click();
}

async function statusOf(id: number): Promise<string> {
  return (await admin.get<{ status: string }>(`/api/conversations/${id}`)).body.status;
}

async function withPage(viewport: { width: number; height: number }, run: (page: Page) => Promise<void>, touch = false) {
  const context: BrowserContext = await browser.newContext({ viewport, locale: 'en-US', hasTouch: touch, isMobile: touch });
  const page = await context.newPage();
  const errors = collectErrors(page);
  try {
    await login(page);
    await run(page);
    expect(errors).toEqual([]);
  } catch (err) {
    if (errors.length) console.error('browser errors:\n' + errors.join('\n'));
    await page.screenshot({ path: `test-results/e2e-bulk-${viewport.width}x${viewport.height}.png`, fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
}

describe('bulk actions and label views (Chromium)', () => {
  it('resolves two conversations at once from the action bar and leaves the third open', () =>
    withPage({ width: 1366, height: 900 }, async (page) => {
      const [a, b, c] = [`Agata ${uniq('c')}`, `Bruno ${uniq('c')}`, `Cecilie ${uniq('c')}`];
      const { inbox, ids } = await inboxWith([a, b, c]);
      await openView(page, new RegExp(inbox.name));
      await page.getByRole('heading', { name: inbox.name, level: 2 }).waitFor();
      const list = page.getByRole('list', { name: 'Conversations' });
      await list.getByRole('link', { name: new RegExp(a) }).waitFor();

      // The newest (Cecilie) is on top: a checkbox, then Shift+click for the range down to Agata.
      await list.getByRole('checkbox', { name: `Select conversation with ${c}` }).click();
      await list.getByRole('checkbox', { name: `Select conversation with ${a}` }).click({ modifiers: ['Shift'] });
      const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
      await expect.poll(() => bar.getByRole('status').innerText()).toContain('3 selected');
      // Bruno stays out of it.
      await list.getByRole('checkbox', { name: `Select conversation with ${b}` }).click();
      await expect.poll(() => bar.getByRole('status').innerText()).toContain('2 selected');
      expect(await list.getByRole('checkbox', { name: `Select conversation with ${a}` }).isChecked()).toBe(true);
      expect(await axeSerious(page), 'axe with the action bar').toEqual([]);

      await bar.getByRole('button', { name: 'Resolve' }).click();
      await page.getByRole('status').filter({ hasText: '2 conversations updated' }).waitFor();

      // The Open list follows from the realtime events: the resolved two leave it, the bar goes.
      await list.getByRole('link', { name: new RegExp(a) }).waitFor({ state: 'detached' });
      await list.getByRole('link', { name: new RegExp(c) }).waitFor({ state: 'detached' });
      expect(await list.getByRole('link', { name: new RegExp(b) }).count()).toBe(1);
      await bar.waitFor({ state: 'detached' });
      expect(await statusOf(ids[a]!)).toBe('resolved');
      expect(await statusOf(ids[c]!)).toBe('resolved');
      expect(await statusOf(ids[b]!)).toBe('open');

      // Esc clears a selection.
      await list.getByRole('checkbox', { name: `Select conversation with ${b}` }).click();
      await bar.waitFor();
      await page.keyboard.press('Escape');
      await bar.waitFor({ state: 'detached' });
    }));

  it('labels a conversation from the action bar and finds it under that label in the views', () =>
    withPage({ width: 1024, height: 768 }, async (page) => {
      const [d, e] = [`Dorota ${uniq('c')}`, `Einar ${uniq('c')}`];
      const { inbox, ids } = await inboxWith([d, e]);
      const label = `vip ${uniq('l')}`.slice(0, 40);
      await openView(page, new RegExp(inbox.name));
      await page.getByRole('heading', { name: inbox.name, level: 2 }).waitFor();
      const list = page.getByRole('list', { name: 'Conversations' });

      // `x` selects the row that has the focus.
      await list.getByRole('link', { name: new RegExp(d) }).focus();
      await page.keyboard.press('x');
      const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
      await expect.poll(() => bar.getByRole('checkbox', { name: 'Select all loaded conversations' }).getAttribute('aria-checked')).toBe('mixed');

      await bar.getByRole('button', { name: 'Add label' }).click();
      await page.getByLabel('Label name').fill(label);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '1 conversation updated' }).waitFor();
      expect((await admin.get<{ labels: string[] }>(`/api/conversations/${ids[d]}`)).body.labels).toEqual([label]);

      // The Labels views come from GET /api/labels, refreshed when a conversation's labels change.
      await openView(page, label);
      await page.getByRole('heading', { name: label, level: 2 }).waitFor();
      await list.getByRole('link', { name: new RegExp(d) }).waitFor();
      expect(await list.getByRole('link', { name: new RegExp(e) }).count()).toBe(0);

      // A label added elsewhere (here: through the API) shows up in the views without a reload.
      const other = `returns ${uniq('l')}`.slice(0, 40);
      expect((await admin.patch(`/api/conversations/${ids[e]}`, { labels: [other] })).status).toBe(200);
      await (await viewsNav(page)).getByRole('link', { name: other }).waitFor({ timeout: 10_000 });
    }));

  it('enters selection mode on a phone with the Select button and resolves what was tapped', () =>
    withPage(
      { width: 390, height: 844 },
      async (page) => {
        const [f, g] = [`Freja ${uniq('c')}`, `Gustaw ${uniq('c')}`];
        const { inbox, ids } = await inboxWith([f, g]);
        await openView(page, new RegExp(inbox.name));
        await page.getByRole('heading', { name: inbox.name, level: 2 }).waitFor();
        const list = page.getByRole('list', { name: 'Conversations' });
        await list.getByRole('link', { name: new RegExp(f) }).waitFor();

        await page.getByRole('button', { name: 'Select conversations' }).tap();
        const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
        await bar.getByText('Tap conversations to select them').waitFor();
        // In selection mode a tap selects instead of opening.
        await list.getByRole('link', { name: new RegExp(f) }).tap();
        await list.getByRole('link', { name: new RegExp(g) }).tap();
        expect(page.url()).not.toMatch(/\/conversations\//);
        await expect.poll(() => bar.getByRole('status').innerText()).toContain('2');

        await bar.getByRole('button', { name: 'Resolve' }).tap();
        await page.getByRole('status').filter({ hasText: '2 conversations updated' }).waitFor();
        await expect.poll(() => statusOf(ids[f]!)).toBe('resolved');
        expect(await statusOf(ids[g]!)).toBe('resolved');
      },
      true,
    ));
});
