/**
 * The chat widget end to end in Chromium: a shop page on another origin (localhost vs the
 * server's 127.0.0.1) embeds widget.js; the visitor opens the launcher, writes; an agent's open
 * console shows it live; the agent's reply appears in the widget live. Screenshots of the
 * launcher and of the open panel at desktop and phone width go to test-results/.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, uniq } from '../helpers/api-client';
import { axeSerious, collectErrors, launchChromium } from '../helpers/browser';

let server: TestServer;
let browser: Browser;
let shop: http.Server;
let shopUrl: string;
let inbox: { id: number; name: string; settings: { widgetToken: string; widgetSnippet: string } };

/** A host page that tries hard to restyle everything: none of it may reach the widget. */
const shopPage = (snippet: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nordic Shoes</title>
<style>
  body { font: 16px Georgia, serif; margin: 0; padding: 32px; background: #fdf6ec; color: #3b2f2f; }
  button, iframe { background: hotpink !important; border: 5px dashed lime !important; font-size: 40px !important; }
</style></head>
<body><h1>Nordic Shoes</h1><p>Handmade boots since 1962.</p>
${snippet}
</body></html>`;

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  server = await startServer();
  const admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
  const created = await admin.post<typeof inbox>('/api/inboxes', { name: 'Nordic Shoes', channel: 'chat' });
  expect(created.status).toBe(201);
  inbox = created.body;
  shop = http.createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shopPage(inbox.settings.widgetSnippet));
    else res.writeHead(204).end(); // favicon and the like
  });
  await new Promise<void>((r) => shop.listen(0, '127.0.0.1', () => r()));
  // Another origin than the server's 127.0.0.1: the same machine by another host name.
  shopUrl = `http://localhost:${(shop.address() as AddressInfo).port}/`;
  fs.mkdirSync('test-results', { recursive: true });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => (shop ? shop.close(r) : r(null)));
});

async function agentConsole(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${server.url}/inbox`);
  await page.waitForURL(/\/login/);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/inbox$/);
  await page.locator('[role="status"]', { hasText: 'Online' }).first().waitFor({ timeout: 15_000 });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /Nordic Shoes/ }).click();
  await page.getByRole('heading', { name: 'Nordic Shoes', level: 2 }).waitFor();
  return page;
}

async function openWidget(page: Page): Promise<FrameLocator> {
  const launcher = page.getByRole('button', { name: /chat/i });
  await launcher.waitFor();
  await launcher.click();
  expect(await launcher.getAttribute('aria-expanded')).toBe('true');
  const frame = page.frameLocator('iframe[title="Support chat"]');
  await frame.getByRole('textbox', { name: 'Message' }).waitFor();
  await frame.getByText('We’re online').or(frame.getByText("We're online")).waitFor({ timeout: 10_000 });
  return frame;
}

describe('chat widget (Chromium)', () => {
  it('carries a visitor’s message from a shop on another origin to the console and the agent’s reply back, live', async () => {
    const agent = await agentConsole();
    const visitorContext = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    const shopTab = await visitorContext.newPage();
    const errors = collectErrors(shopTab);
    try {
      await shopTab.goto(shopUrl);
      await shopTab.getByRole('button', { name: /chat/i }).waitFor();
      await shopTab.screenshot({ path: 'test-results/widget-launcher.png' });
      const frame = await openWidget(shopTab);

      const text = `Do you have the Kaamos boot in size 43? ${uniq('m')}`;
      await frame.getByRole('textbox', { name: 'Message' }).fill(text);
      await frame.getByRole('button', { name: 'Send' }).click();
      await frame.getByText(text).waitFor();

      // The console shows it without a reload.
      const row = agent.locator('[data-conversation-id]', { hasText: text.slice(0, 30) });
      await row.first().waitFor({ timeout: 15_000 });
      await row.first().getByRole('link').click();
      await agent.getByRole('log', { name: 'Messages' }).getByText(text).waitFor();
      // The agent opened it: the visitor's message shows as seen.
      await frame.getByText('Seen').waitFor({ timeout: 10_000 });

      const reply = `Yes, we have two pairs left. ${uniq('r')}`;
      await agent.getByRole('textbox', { name: 'Reply' }).fill(reply);
      await agent.getByRole('button', { name: 'Send' }).click();
      await frame.getByText(reply).waitFor({ timeout: 15_000 });
      await frame.getByText('Admin', { exact: true }).waitFor();
      // The widget shows the reply while open: it is reported read to the console.
      const bubble = agent.locator('[data-direction="outgoing"]', { hasText: reply });
      await expect.poll(() => bubble.locator('[data-status]').getAttribute('data-status'), { timeout: 15_000 }).toBe('read');

      await shopTab.screenshot({ path: 'test-results/widget-open-desktop.png' });
      await shopTab.setViewportSize({ width: 390, height: 844 });
      await shopTab.waitForTimeout(300);
      await shopTab.screenshot({ path: 'test-results/widget-open-phone.png' });
      const box = await shopTab.locator('iframe[title="Support chat"]').boundingBox();
      expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });

      // Escape in the widget closes it and gives focus back to the launcher.
      await frame.getByRole('textbox', { name: 'Message' }).press('Escape');
      await expect.poll(() => shopTab.getByRole('button', { name: /chat/i }).getAttribute('aria-expanded')).toBe('false');
      expect(errors).toEqual([]);
    } catch (err) {
      if (errors.length) console.error('browser errors:\n' + errors.join('\n'));
      await shopTab.screenshot({ path: 'test-results/widget-failure.png', fullPage: true }).catch(() => {});
      await agent.screenshot({ path: 'test-results/widget-failure-console.png', fullPage: true }).catch(() => {});
      throw err;
    } finally {
      await visitorContext.close();
      await agent.context().close();
    }
  });

  it('opens with the keyboard in the visitor’s language and closes with Escape', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'pl-PL' });
    const page = await context.newPage();
    try {
      await page.goto(shopUrl);
      const launcher = page.getByRole('button', { name: /czat/i });
      await launcher.waitFor();
      await launcher.focus();
      await page.keyboard.press('Enter');
      const frame = page.frameLocator('iframe[title="Czat z obsługą klienta"]');
      const box = frame.getByRole('textbox', { name: 'Wiadomość' });
      await box.waitFor();
      const text = `Dzień dobry ${uniq('m')}`;
      await box.fill(text);
      await box.press('Enter');
      await frame.getByText(/^Wysłano/).waitFor();
      await box.press('Escape');
      await expect.poll(() => launcher.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('DIV'); // the shadow host holds the focused launcher
    } finally {
      await context.close();
    }
  });

  it('asks for an email when nobody is online, and shows a returning visitor their history after a reload (token in the frame origin’s localStorage)', async () => {
    // Opened as a page of its own, the frame's storage is first-party. (Embedded, browsers that
    // block third-party storage, like this incognito-style context, give a new visitor per load.)
    const context = await browser.newContext({ viewport: { width: 420, height: 720 }, locale: 'en-US' });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/widget/${inbox.settings.widgetToken}`);
      const box = page.getByRole('textbox', { name: 'Message' });
      await box.waitFor();
      const text = `Back again ${uniq('m')}`;
      await box.fill(text);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText(/^Sent/).waitFor();
      expect(await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('sb_visitor_')))).toBe(true);
      // No agent is online now: the chat says so and asks for an email address.
      await page.getByText('We’re away right now').or(page.getByText("We're away right now")).waitFor();
      const email = page.getByRole('textbox', { name: 'Email' });
      await email.fill('not-an-email');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('alert').getByText('Enter a valid email address.').waitFor();
      await page.screenshot({ path: 'test-results/widget-offline.png' });
      await email.fill('ola@example.com');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('We’ll reply to ola@example.com').or(page.getByText("We'll reply to ola@example.com")).waitFor();
      await page.reload();
      await page.getByText(text).waitFor({ timeout: 10_000 });
      expect(await axeSerious(page), 'axe on the widget').toEqual([]);
    } finally {
      await context.close();
    }
  });
});
