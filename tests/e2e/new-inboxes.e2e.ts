/**
 * Email and live chat as a new team would set them up: the inbox is created in the settings UI,
 * what it shows (the address to forward to, the widget snippet) is used as is, a real message
 * comes in (SMTP; a visitor on a shop page on another origin), and the answer from the console
 * reaches the customer (a local SMTP server; the widget).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { uniq } from '../helpers/api-client';
import { launchChromium, loginAs } from '../helpers/browser';
import { smtpSink } from '../helpers/smtp-sink';

let server: TestServer;
let browser: Browser;
let sink: Awaited<ReturnType<typeof smtpSink>>;
let shop: http.Server | undefined;

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  [server, sink] = await Promise.all([startServer(), smtpSink()]);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([server?.stop(), sink?.close()]);
  await new Promise((r) => (shop ? shop.close(r) : r(null)));
});

async function adminPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  await loginAs(page, server.url, ADMIN);
  return page;
}

async function createInbox(page: Page, kind: 'email' | 'chat', fill: (page: Page) => Promise<void>) {
  await page.goto(`${server.url}/settings/inboxes`);
  await page.getByRole('link', { name: 'New inbox' }).click();
  await page.getByRole('link', { name: kind === 'email' ? /Email/ : /Live chat/ }).first().click();
  await fill(page);
  await page.getByRole('button', { name: 'Create inbox' }).click();
  await page.waitForURL(/\/settings\/inboxes\/\d+$/);
}

async function openFromUnassigned(page: Page, text: string) {
  await page.goto(`${server.url}/inbox`);
  await page.locator('[role="status"]', { hasText: 'Online' }).first().waitFor({ timeout: 15_000 });
  await page.getByRole('link', { name: /^Unassigned/ }).click();
  const row = page.locator('[data-conversation-id]', { hasText: text });
  await row.first().waitFor({ timeout: 15_000 });
  await row.first().getByRole('link').click();
}

describe('a new team sets up its channels in the settings', () => {
  it('creates an email inbox, receives a mail sent to the address it shows, and the answer leaves by SMTP in the thread', async () => {
    const page = await adminPage();
    const address = `${uniq('tuki').toLowerCase()}@nordic.test`;
    await createInbox(page, 'email', async (p) => {
      await p.getByLabel('Name', { exact: true }).fill('Tuki');
      await p.getByLabel('Support address').fill(address);
      await p.getByLabel('Outgoing mail server (SMTP URL)').fill(sink.url);
    });
    expect(await page.getByLabel('Forward customer mail to').inputValue()).toBe(address);

    const subject = `Tilaus 4711 ${uniq('s')}`;
    const mailer = nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort, secure: false, ignoreTLS: true });
    const sent = await mailer.sendMail({ from: '"Aino Mäkelä" <aino@customer.test>', to: address, subject, text: 'Hyvää päivää, missä tilaukseni on?' });
    await openFromUnassigned(page, 'Aino Mäkelä');
    await page.getByRole('log', { name: 'Messages' }).getByText('Hyvää päivää, missä tilaukseni on?').waitFor();

    const answer = `Hei Aino, paketti on matkalla. ${uniq('r')}`;
    await page.getByRole('textbox', { name: 'Reply' }).fill(answer);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => sink.mails.find((m) => m.parsed.text?.includes(answer)), { timeout: 20_000 }).toBeDefined();
    const mail = sink.mails.find((m) => m.parsed.text?.includes(answer))!;
    expect(mail.envelope.to).toEqual(['aino@customer.test']);
    expect(mail.parsed.inReplyTo).toBe(sent.messageId);
    expect(mail.parsed.subject).toBe(`Re: ${subject}`);
    await page.close();
  });

  it('creates a chat inbox whose snippet, pasted into a shop page, carries a visitor’s message in and the answer back', async () => {
    const page = await adminPage();
    await createInbox(page, 'chat', async (p) => {
      await p.getByLabel('Name', { exact: true }).fill('Nordic Shoes chat');
    });
    const snippet = await page.getByLabel('Widget snippet').inputValue();
    expect(snippet).toMatch(new RegExp(`^<script src="${server.url}/widget.js" data-inbox="[^"]+" async></script>$`));

    shop = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><title>Shop</title><h1>Nordic Shoes</h1>${snippet}</html>`));
    await new Promise<void>((r) => shop!.listen(0, '127.0.0.1', () => r()));
    const visitor = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await visitor.goto(`http://localhost:${(shop.address() as AddressInfo).port}/`);
    await visitor.getByRole('button', { name: /chat/i }).click();
    const frame = visitor.frameLocator('iframe[title="Support chat"]');
    const text = `Do you have the Kaamos boot in 43? ${uniq('m')}`;
    await frame.getByRole('textbox', { name: 'Message' }).fill(text);
    await frame.getByRole('button', { name: 'Send' }).click();

    await openFromUnassigned(page, text.slice(0, 30));
    await page.getByRole('log', { name: 'Messages' }).getByText(text).waitFor();
    const answer = `Yes, two pairs left. ${uniq('r')}`;
    await page.getByRole('textbox', { name: 'Reply' }).fill(answer);
    await page.getByRole('button', { name: 'Send' }).click();
    await frame.getByText(answer).waitFor({ timeout: 15_000 });
    await page.close();
  });
});
