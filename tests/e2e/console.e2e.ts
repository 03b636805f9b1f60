/**
 * The console end to end, in Chromium against the built server: log in, a message posted to the
 * API channel appears in the open inbox without a reload, open it, reply (the reply shows its
 * delivery status and reaches the inbox's webhook once), resolve. Desktop and 1024x768.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq } from '../helpers/api-client';
import { axeSerious, collectErrors, launchChromium } from '../helpers/browser';

let server: TestServer;
let browser: Browser;
let admin: ApiClient;
let inbox: { id: number; name: string; inboundToken: string };
let hook: http.Server;
const delivered: { text: string; signature: string | undefined }[] = [];

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  // The inbox's outbound webhook: records what the console's replies deliver.
  hook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      try {
        const json = JSON.parse(body) as { message?: { text?: string }; text?: string };
        delivered.push({ text: json.message?.text ?? json.text ?? body, signature: req.headers['x-switchboard-signature'] as string | undefined });
      } catch {
        delivered.push({ text: body, signature: undefined });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;

  server = await startServer();
  // As an integrator would: a personal API token, then the inbox through REST.
  const session = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
  const token = await session.post<{ token: string }>('/api/tokens', { name: 'e2e' });
  expect(token.status).toBe(201);
  admin = new ApiClient(server.url, { token: token.body.token });
  const created = await admin.post<{ id: number; name: string; inboundToken: string }>('/api/inboxes', { name: `E2E Shop ${uniq('i')}`, channel: 'api', webhookUrl: hookUrl });
  expect(created.status).toBe(201);
  inbox = created.body;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => (hook ? hook.close(r) : r(null)));
});

async function login(page: Page) {
  await page.goto(`${server.url}/inbox`);
  // Logged out: through the login page and back.
  await page.waitForURL(/\/login\?redirectTo=%2Finbox/);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/inbox$/);
  // The socket is up (and synced) before anything is posted.
  await page.locator('[role="status"]', { hasText: 'Online' }).first().waitFor({ timeout: 15_000 });
}

async function openInboxView(page: Page) {
  const menu = page.getByRole('button', { name: 'Open views' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('link', { name: new RegExp(inbox.name) }).click();
  await page.getByRole('heading', { name: inbox.name, level: 2 }).waitFor();
}

async function scenario(viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  const errors = collectErrors(page);
  try {
    await login(page);
    expect(await axeSerious(page), 'axe on /inbox').toEqual([]);
    await openInboxView(page);

    // A customer writes through the API channel while the inbox is open.
    const before = page.url();
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const customer = `Zofia Łukasik ${uniq('c')}`;
    const text = `Where is my parcel? ${uniq('m')}`;
    const posted = await inbound(server.url, inbox, { contact: { externalId: uniq('ext'), name: customer }, text });
    expect(posted.status).toBe(201);

    const list = page.getByRole('list', { name: 'Conversations' });
    const row = list.getByRole('link', { name: new RegExp(customer) });
    await row.waitFor({ timeout: 10_000 });
    // No reload, no navigation: the same document received it over the socket.
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    await row.click();
    await page.waitForURL(new RegExp(`/conversations/${posted.body.conversationId}$`));
    const thread = page.getByRole('log', { name: 'Messages' });
    await thread.getByText(text).waitFor();
    expect(await axeSerious(page), 'axe on the conversation').toEqual([]);

    // Reply: shown at once, replaced by the server's copy (one bubble), with a delivery status.
    const reply = `Hi! It is on its way. ${uniq('r')}`;
    await page.getByRole('textbox', { name: 'Reply' }).fill(reply);
    await page.getByRole('button', { name: 'Send' }).click();
    const bubble = page.locator('[data-direction="outgoing"]', { hasText: reply });
    await bubble.waitFor();
    await expect.poll(async () => Number(await bubble.getAttribute('data-message-id')), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => bubble.locator('[data-status]').getAttribute('data-status'), { timeout: 15_000 }).toMatch(/^(sent|delivered)$/);
    expect(await bubble.count()).toBe(1);
    await expect.poll(() => delivered.filter((d) => d.text.includes(reply)).length, { timeout: 10_000 }).toBe(1);
    expect(delivered.find((d) => d.text.includes(reply))?.signature).toMatch(/^sha256=/);

    // Resolve: the button turns into "Reopen", the thread logs it, the server agrees.
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    await thread.getByText(/resolved this conversation/).waitFor();
    const stored = await admin.get<{ status: string }>(`/api/conversations/${posted.body.conversationId}`);
    expect(stored.body.status).toBe('resolved');

    expect(errors).toEqual([]);
  } catch (err) {
    if (errors.length) console.error('browser errors:\n' + errors.join('\n'));
    await page.screenshot({ path: `test-results/e2e-${viewport.width}x${viewport.height}.png`, fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
}

/** Opening an unread conversation reads it at once; a message arriving while it is open keeps it read. */
async function unreadScenario() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = collectErrors(page);
  try {
    await login(page);
    await openInboxView(page);
    const customer = `Mikkel Dahl ${uniq('c')}`;
    const externalId = uniq('ext');
    const posted = await inbound(server.url, inbox, { contact: { externalId, name: customer }, text: `First question ${uniq('m')}` });
    expect(posted.status).toBe(201);

    const nav = page.getByRole('navigation', { name: 'Views' });
    const inboxLink = nav.getByRole('link', { name: new RegExp(inbox.name) });
    const row = page.locator(`[data-conversation-id="${posted.body.conversationId}"]`);
    const dot = row.locator('[data-unread-dot]');
    await dot.waitFor({ timeout: 10_000 });
    await expect.poll(() => inboxLink.textContent()).toMatch(/1\s*unread/);

    await row.getByRole('link').click();
    // At once: no waiting for the thread to load or for the server to answer.
    await dot.waitFor({ state: 'detached', timeout: 1_000 });
    await expect.poll(() => inboxLink.textContent(), { timeout: 1_000 }).not.toMatch(/unread/);

    const later = `Second question ${uniq('m')}`;
    expect((await inbound(server.url, inbox, { contact: { externalId, name: customer }, text: later })).status).toBe(201);
    await page.getByRole('log', { name: 'Messages' }).getByText(later).waitFor();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await dot.count()).toBe(0);
    expect(await inboxLink.textContent()).not.toMatch(/unread/);
    const counts = await admin.get<{ inboxes: { inboxId: number; unread: number }[] }>('/api/conversations/counts');
    expect(counts.body.inboxes.find((i) => i.inboxId === inbox.id)?.unread ?? 0).toBe(0);
    expect(errors).toEqual([]);
  } catch (err) {
    if (errors.length) console.error('browser errors:\n' + errors.join('\n'));
    await page.screenshot({ path: 'test-results/e2e-unread.png', fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
}

/** Typing `@` in a private note suggests teammates; Enter puts the chosen one's handle in. */
async function mentionScenario() {
  const handle = uniq('anna.nowak').toLowerCase();
  const created = await admin.post('/api/users', { email: `${handle}@example.com`, name: 'Anna Nowakowska', password: 'agent-password-1', role: 'agent' });
  expect(created.status).toBe(201);
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = collectErrors(page);
  try {
    await login(page);
    const posted = await inbound(server.url, inbox, { contact: { externalId: uniq('ext'), name: 'Jens Møller' }, text: `Invoice is wrong ${uniq('m')}` });
    await page.goto(`${server.url}/conversations/${posted.body.conversationId}`);
    await page.getByRole('button', { name: 'Note' }).click();
    const box = page.getByRole('textbox', { name: 'Reply' });
    await box.pressSequentially('please check @nowako');
    const option = page.getByRole('listbox', { name: 'Teammates to mention' }).getByRole('option', { name: /Anna Nowakowska/ });
    await option.waitFor();
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await axeSerious(page), 'axe with the suggestions open').toEqual([]);
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toBe(`please check @${handle} `);
    expect(await page.getByRole('listbox').count()).toBe(0);
    await box.pressSequentially('thanks');
    await box.press('Enter');
    await page.locator('[data-direction="outgoing"]', { hasText: `please check @${handle} thanks` }).waitFor();
    expect(errors).toEqual([]);
  } catch (err) {
    if (errors.length) console.error('browser errors:\n' + errors.join('\n'));
    await page.screenshot({ path: 'test-results/e2e-mention.png', fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
}

describe('agent console (Chromium)', () => {
  it('logs in, sees an API message arrive live, replies and resolves (desktop)', () => scenario({ width: 1366, height: 900 }));
  it('does the same on a 1024x768 tablet', () => scenario({ width: 1024, height: 768 }));
  it('clears the unread dot and badge as soon as a conversation is opened and keeps them clear while it is open', () => unreadScenario());
  it('suggests teammates for an @mention in a private note and inserts the chosen handle', () => mentionScenario());
});
