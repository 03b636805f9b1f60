/**
 * Canned responses end to end, in Chromium against the built server: an agent types `/ref` in
 * the composer, picks the first suggestion with Enter, sends the filled text; a response with a
 * variable nobody can fill is flagged until replaced; a lead adds and deletes an entry on
 * /settings/knowledge. 1024x768 and phone width.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq, workspace } from '../helpers/api-client';
import { axeSerious, collectErrors, launchChromium, loginAs } from '../helpers/browser';

let server: TestServer;
let browser: Browser;
let ws: Awaited<ReturnType<typeof workspace>>;
let lead: { email: string; password: string };

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  server = await startServer();
  ws = await workspace(server);
  lead = { email: `${uniq('lead')}@example.com`, password: 'agent-password-1' };
  const created = await ws.admin.post<{ id: number }>('/api/users', { email: lead.email, name: 'Lena Lead', password: lead.password, role: 'lead' });
  await ws.admin.post(`/api/inboxes/${ws.inbox.id}/members`, { userId: created.body.id });
  const leadApi = await ApiClient.login(server.url, lead.email, lead.password);
  const entries = [
    { kind: 'response', title: 'Refund issued', shortcut: 'refund', language: 'en', tags: ['refunds'], body: 'Hi {{contact.first_name}}, your refund is on its way.\n{{agent.first_name}}, {{inbox.name}}' },
    { kind: 'response', title: 'Refund refused', shortcut: 'refund-no', language: 'en', tags: ['refunds'], body: 'Hi {{contact.first_name}}, sorry, we cannot refund this.' },
    { kind: 'response', title: 'Order number needed', shortcut: 'order-number', language: 'en', tags: [], body: 'Your order {{order.number}} is on its way.' },
  ];
  for (const body of entries) expect((await leadApi.post('/api/knowledge', body)).status).toBe(201);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function withPage(viewport: { width: number; height: number }, name: string, run: (page: Page) => Promise<void>, user: { email: string; password?: string } = ws.users.anna) {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  const errors = collectErrors(page);
  try {
    await loginAs(page, server.url, { email: user.email, password: user.password ?? 'agent-password-1' });
    await run(page);
    expect(errors).toEqual([]);
  } catch (err) {
    if (errors.length) console.error('browser errors:\n' + errors.join('\n') + '\nserver:\n' + server.logs.slice(-20).join(''));
    await page.screenshot({ path: `test-results/e2e-knowledge-${name}.png`, fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
}

async function composerScenario(viewport: { width: number; height: number }, name: string) {
  await withPage(viewport, name, async (page) => {
    const posted = await inbound(server.url, ws.inbox, { contact: { externalId: uniq('ext'), name: 'Zofia Łukasik' }, text: `I want my money back ${uniq('m')}` });
    await page.goto(`${server.url}/conversations/${posted.body.conversationId}`);
    const box = page.getByRole('textbox', { name: 'Reply' });
    await box.pressSequentially('/ref');
    const list = page.getByRole('listbox', { name: 'Canned responses and articles' });
    const first = list.getByRole('option', { name: /Refund issued/ });
    await first.waitFor();
    expect(await first.getAttribute('aria-selected')).toBe('true');
    expect(await list.getByRole('option').count()).toBe(2);
    expect(await box.getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
    await page.screenshot({ path: `test-results/e2e-knowledge-${name}-list.png` });
    expect(await axeSerious(page), 'axe with the suggestions open').toEqual([]);

    await box.press('Enter');
    const filled = `Hi Zofia, your refund is on its way.\nAnna, ${ws.inbox.name}`;
    await expect.poll(() => box.inputValue()).toBe(filled);
    expect(await list.count()).toBe(0);
    await box.press('Enter');
    await page.locator('[data-direction="outgoing"]', { hasText: 'Hi Zofia, your refund is on its way.' }).waitFor();
    await expect.poll(() => box.inputValue()).toBe('');

    // With the mouse, and a variable that cannot be filled: flagged until the agent replaces it.
    await box.pressSequentially('Thanks! /order');
    await list.getByRole('option', { name: /Order number needed/ }).click();
    await expect.poll(() => box.inputValue()).toBe('Thanks! Your order {{order.number}} is on its way.');
    const flag = page.getByRole('status').filter({ hasText: 'Fill in before sending: {{order.number}}' });
    await flag.waitFor();
    await box.fill('Thanks! Your order 10-4471 is on its way.');
    await flag.waitFor({ state: 'detached' });

    // Escape closes the list and leaves the typed text alone.
    await box.fill('');
    await box.pressSequentially('/refund');
    await list.waitFor();
    await box.press('Escape');
    expect(await list.count()).toBe(0);
    expect(await box.inputValue()).toBe('/refund');
  });
}

describe('canned responses in the composer (Chromium)', () => {
  it('inserts the first match for /ref with Enter, filled with the customer’s and agent’s names, and sends it (1024x768)', () => composerScenario({ width: 1024, height: 768 }, 'tablet'));
  it('does the same at phone width', () => composerScenario({ width: 390, height: 844 }, 'phone'));

  it('lets a lead add an entry on the knowledge page and delete it after confirming; agents only read', async () => {
    const title = `Delivery times ${uniq('t')}`;
    await withPage({ width: 1024, height: 768 }, 'lead', async (page) => {
      await page.goto(`${server.url}/settings/knowledge`);
      await page.getByRole('button', { name: 'New entry' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: 'Article' }).check();
      await dialog.getByLabel('Title').fill(title);
      await dialog.getByLabel('Text').fill('Parcels arrive in 2–4 working days. {{order.eta}}');
      await dialog.getByText('Not a known variable, it will stay in the text: order.eta').waitFor();
      await dialog.getByLabel('Shortcut').fill('delivery');
      await dialog.getByLabel('Tags').fill('shipping, times');
      await page.screenshot({ path: 'test-results/e2e-knowledge-form.png' });
      expect(await axeSerious(page), 'axe on the form').toEqual([]);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      const row = page.getByRole('listitem').filter({ hasText: title });
      await row.waitFor();
      expect(await row.textContent()).toContain('/delivery');
      await page.screenshot({ path: 'test-results/e2e-knowledge-page.png', fullPage: true });

      await row.getByRole('button', { name: `Delete: ${title}` }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
      await row.waitFor({ state: 'detached' });
    }, lead);

    await withPage({ width: 390, height: 844 }, 'agent', async (page) => {
      await page.goto(`${server.url}/settings/knowledge`);
      await page.getByRole('button', { name: 'Refund issued' }).click();
      await page.getByRole('dialog').getByText('your refund is on its way').waitFor();
      expect(await page.getByRole('button', { name: 'New entry' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Edit/ }).count()).toBe(0);
      await page.screenshot({ path: 'test-results/e2e-knowledge-agent-phone.png' });
    });
  });
});
