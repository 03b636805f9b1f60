/**
 * Collaboration in two browsers (Anna and Mikko, one context each): each sees the other viewing
 * and replying, never themself; a reply started before the customer wrote again stops for review
 * and goes out with "Send anyway"; an @mention in a note reaches the mentioned agent live and
 * waits in their Mentions view.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server';
import { inbound, workspace, type MessageBody, type Page as ListPage } from '../helpers/api-client';
import { collectErrors, launchChromium } from '../helpers/browser';

let server: TestServer;
let browser: Browser;
let ws: Awaited<ReturnType<typeof workspace>>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  server = await startServer();
  ws = await workspace(server);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

/** Screenshots for a person to look at, only when SHOTS_DIR is set. */
async function shot(page: Page, name: string) {
  if (!process.env.SHOTS_DIR) return;
  fs.mkdirSync(process.env.SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(process.env.SHOTS_DIR, `${name}.png`) });
}

async function agentPage(email: string, viewport = { width: 1024, height: 768 }) {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  contexts.push(context);
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('agent-password-1');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/inbox/);
  await page.locator('[role="status"]', { hasText: 'Online' }).first().waitFor({ timeout: 15_000 });
  return { page, errors };
}

const viewers = (page: Page) => page.getByRole('group', { name: 'Also in this conversation' });

describe('collaboration in the thread', () => {
  it('shows who is viewing and replying, and stops a reply for review when the customer wrote again', async () => {
    const { body } = await inbound(server.url, ws.inbox, { contact: { externalId: 'e2e-1', name: 'Karolina' }, text: 'Where is my refund?' });
    const anna = await agentPage(ws.users.anna.email);
    const mikko = await agentPage(ws.users.mikko.email, { width: 390, height: 844 });

    await anna.page.goto(`${server.url}/conversations/${body.conversationId}`);
    await anna.page.getByText('Where is my refund?').waitFor();
    await mikko.page.goto(`${server.url}/conversations/${body.conversationId}`);
    await expect.poll(() => viewers(mikko.page).getAttribute('title')).toBe('Anna Nowak is viewing');
    await expect.poll(() => viewers(anna.page).getAttribute('title')).toBe('Mikko Virtanen is viewing');

    const box = anna.page.getByRole('textbox', { name: /reply/i });
    await box.pressSequentially('We will refund you today.');
    await expect.poll(() => viewers(mikko.page).getAttribute('title')).toBe('Anna Nowak is replying…');
    await shot(mikko.page, 'viewers-phone');

    await inbound(server.url, ws.inbox, { contact: { externalId: 'e2e-1', name: 'Karolina' }, text: 'Actually I found it, thanks!' });
    await anna.page.getByText('Actually I found it, thanks!').waitFor();
    await anna.page.getByRole('button', { name: 'Send', exact: true }).click();

    const warning = anna.page.getByTestId('review-before-send');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('New message from the customer');
    await shot(anna.page, 'review-desktop');
    const outgoing = async () => {
      const list = await ws.admin.get<ListPage<MessageBody>>(`/api/conversations/${body.conversationId}/messages`);
      return list.body.items.filter((m) => m.direction === 'outgoing').map((m) => m.text);
    };
    // Nothing was sent: the reply is still in the composer.
    expect(await outgoing()).toEqual([]);
    expect(await box.inputValue()).toBe('We will refund you today.');

    await warning.getByRole('button', { name: 'Send anyway' }).click();
    await expect.poll(outgoing, { timeout: 10_000 }).toEqual(['We will refund you today.']);
    expect(await warning.isVisible()).toBe(false);
    expect(await box.inputValue()).toBe('');

    // Mikko leaves: Anna no longer sees him.
    await mikko.page.goto(`${server.url}/inbox`);
    await expect.poll(() => viewers(anna.page).count()).toBe(0);
    expect(anna.errors).toEqual([]);
    expect(mikko.errors).toEqual([]);
  });

  it('puts a review step after "Review" and lets the same reply go once nothing new arrived', async () => {
    const { body } = await inbound(server.url, ws.inbox, { contact: { externalId: 'e2e-2', name: 'Frederik' }, text: 'Can I change my address?' });
    const anna = await agentPage(ws.users.anna.email);
    await anna.page.goto(`${server.url}/conversations/${body.conversationId}`);
    await anna.page.getByText('Can I change my address?').waitFor();
    const box = anna.page.getByRole('textbox', { name: /reply/i });
    await box.pressSequentially('Yes, send it to us.');
    const mikko = await ws.login(ws.users.mikko);
    await mikko.post(`/api/conversations/${body.conversationId}/messages`, { text: 'Done, I changed it for you.' });
    await anna.page.getByText('Done, I changed it for you.').waitFor();
    await box.press('Enter');
    const warning = anna.page.getByTestId('review-before-send');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Mikko Virtanen replied');
    await warning.getByRole('button', { name: 'Review' }).click();
    await warning.waitFor({ state: 'hidden' });
    await box.fill('Thanks, all set then.');
    await box.press('Enter');
    await anna.page.locator('li[data-direction="outgoing"]', { hasText: 'Thanks, all set then.' }).waitFor();
  });

  it('tells a mentioned agent live and lists the mention until it is opened', async () => {
    const { body } = await inbound(server.url, ws.inbox, { contact: { externalId: 'e2e-3', name: 'Aino' }, text: 'Invoice question' });
    const anna = await agentPage(ws.users.anna.email);
    const mikko = await agentPage(ws.users.mikko.email);
    await mikko.page.goto(`${server.url}/conversations/${body.conversationId}`);
    await mikko.page.getByText('Invoice question').waitFor();
    await mikko.page.getByRole('button', { name: 'Note' }).click();
    const handle = ws.users.anna.email.slice(0, ws.users.anna.email.indexOf('@'));
    await mikko.page.getByRole('textbox', { name: /reply/i }).fill(`@${handle} could you check the invoice?`);
    await mikko.page.getByRole('button', { name: 'Send', exact: true }).click();

    await anna.page.getByText('Mikko Virtanen mentioned you').waitFor();
    // At 1024 px the views are behind the menu button.
    await anna.page.getByRole('button', { name: 'Open views' }).click();
    const link = anna.page.getByTestId('views-mentions').filter({ visible: true });
    await expect.poll(() => link.textContent()).toContain('1');
    await shot(anna.page, 'mentions-nav');
    await link.click();
    await anna.page.waitForURL(/\/mentions$/);
    const entry = anna.page.getByTestId('mentions-list').getByRole('link').first();
    expect(await entry.textContent()).toContain('could you check the invoice?');
    expect(await entry.textContent()).toContain('Aino');
    await shot(anna.page, 'mentions-desktop');
    await entry.click();
    await anna.page.waitForURL(new RegExp(`/conversations/${body.conversationId}$`));
    await expect.poll(async () => (await ws.login(ws.users.anna)).get<{ unread: number }>('/api/mentions').then((r) => r.body.unread)).toBe(0);
    expect(anna.errors).toEqual([]);
  });

  it('shows the viewers again after the server restarted, as each console announces itself anew', async () => {
    const { body } = await inbound(server.url, ws.inbox, { contact: { externalId: 'e2e-4', name: 'Mette' }, text: 'Restart me' });
    const anna = await agentPage(ws.users.anna.email);
    const mikko = await agentPage(ws.users.mikko.email);
    await anna.page.goto(`${server.url}/conversations/${body.conversationId}`);
    await mikko.page.goto(`${server.url}/conversations/${body.conversationId}`);
    await expect.poll(() => viewers(mikko.page).getAttribute('title')).toBe('Anna Nowak is viewing');

    // The server forgets every viewer; both consoles reconnect and say again what they show.
    await server.restart();
    await mikko.page.locator('[role="status"]', { hasText: 'Online' }).first().waitFor({ timeout: 20_000 });
    await expect.poll(() => viewers(mikko.page).getAttribute('title'), { timeout: 20_000 }).toBe('Anna Nowak is viewing');
    await expect.poll(() => viewers(anna.page).getAttribute('title'), { timeout: 20_000 }).toBe('Mikko Virtanen is viewing');
  });
});
