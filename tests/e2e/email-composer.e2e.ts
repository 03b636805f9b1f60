/**
 * Answering an email in the console, in Chromium against the built server: a customer's mail
 * arrives over SMTP, the agent adds Cc addresses (an invalid one is refused), attaches a file
 * through the picker (upload progress, then done), and sends. The reply leaves through the
 * inbox's outbound SMTP server (a local recorder) with the Cc and the file. Subject, Cc and files
 * are part of the synced reply draft: they survive a reload, appear on the agent's other device,
 * show in a conflict, and are cleared everywhere by the send; files over the limit are refused
 * before any upload.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, uniq } from '../helpers/api-client';
import type { DraftPair } from '../../src/lib/shared/schemas/draft';
import { axeSerious, collectErrors, launchChromium, loginAs } from '../helpers/browser';

let server: TestServer;
let browser: Browser;
let admin: ApiClient;
let outbound: SMTPServer;
let smtpPort: number;
const sent: ParsedMail[] = [];
const ADDRESS = 'support@shop.example';

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  // The inbox's outbound SMTP server: records what replies deliver.
  outbound = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (_auth, _session, cb) => cb(null, { user: 'shop' }),
    onData(stream, _session, cb) {
      simpleParser(stream)
        .then((mail) => sent.push(mail))
        .then(() => cb(), cb);
    },
  });
  await new Promise<void>((r) => outbound.listen(0, '127.0.0.1', () => r()));
  const outPort = (outbound.server.address() as AddressInfo).port;
  server = await startServer();
  smtpPort = server.smtpPort;
  admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
  const created = await admin.post('/api/inboxes', { name: `Shop mail ${uniq('i')}`, channel: 'email', address: ADDRESS, outboundSmtpUrl: `smtp://shop:secret@127.0.0.1:${outPort}` });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise<void>((r) => (outbound ? outbound.close(() => r()) : r()));
});

async function customerWrites(subject: string, text: string, from = 'Zofia Łukasik <zofia@klient.example>'): Promise<number> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
  await transport.sendMail({ from, to: ADDRESS, subject, text, html: `<p>${text}</p>` });
  transport.close();
  let id = 0;
  await expect
    .poll(
      async () => {
        const list = await admin.get<{ items: { id: number; subject: string | null; lastMessagePreview: string }[] }>('/api/conversations?status=open&limit=50');
        id = list.body.items.find((c) => (subject ? c.subject === subject : c.lastMessagePreview.includes(text)))?.id ?? 0;
        return id;
      },
      { timeout: 10_000 },
    )
    .toBeGreaterThan(0);
  return id;
}

/** Through the login page, as an agent would. */
const login = (page: Page) => loginAs(page, server.url, ADMIN);

describe('email reply editor (Chromium)', () => {
  it('sends a reply with Cc and an attachment, refusing an invalid address and an oversized file', async () => {
    const subject = `Broken lid ${uniq('s')}`;
    const conversationId = await customerWrites(subject, 'The lid of my kettle is broken.');
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    try {
      await login(page);
      await page.goto(`${server.url}/conversations/${conversationId}`);
      const fields = page.locator('[data-email-fields]');
      await fields.waitFor();
      // The thread has a subject: no subject field for a reply.
      expect(await fields.getByLabel('Subject').count()).toBe(0);

      const cc = fields.getByRole('textbox', { name: 'Cc' });
      await cc.fill('manager@klient.example, not-an-address');
      await cc.press('Enter');
      await fields.getByText('manager@klient.example').waitFor();
      await fields.getByRole('alert').filter({ hasText: 'not-an-address' }).waitFor();
      await cc.fill('');
      await cc.fill('Kasper <kasper@klient.example>');
      await cc.press('Enter');
      await fields.getByText('kasper@klient.example').waitFor();

      // The Cc draft survives a reload, like the text draft.
      await page.getByRole('textbox', { name: 'Reply' }).fill('Draft text');
      await page.waitForTimeout(500);
      await page.reload();
      await page.locator('[data-email-fields]').getByText('kasper@klient.example').waitFor();

      // Too large: refused at once, nothing uploaded.
      const picker = page.locator('[data-attach-input]');
      await picker.setInputFiles({ name: 'huge.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) });
      await page.getByRole('alert').filter({ hasText: 'huge.bin is larger than 10 MB' }).waitFor();
      expect(await page.locator('[data-attachment-status]').count()).toBe(0);

      await picker.setInputFiles({ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 receipt 4711') });
      await page.locator('[data-attachment-status="done"]', { hasText: 'receipt.pdf' }).waitFor({ timeout: 10_000 });
      await page.screenshot({ path: 'test-results/email-composer-1280x860.png' });

      const reply = `We are sending a new lid today. ${uniq('r')}`;
      await page.getByRole('textbox', { name: 'Reply' }).fill(reply);
      await page.getByRole('button', { name: 'Send' }).click();
      const bubble = page.locator('[data-direction="outgoing"]', { hasText: reply });
      await bubble.waitFor();
      await bubble.getByRole('link', { name: /receipt\.pdf/ }).waitFor({ timeout: 10_000 });
      // The fields are cleared for the next reply.
      expect(await page.locator('[data-attachment-status]').count()).toBe(0);
      expect(await page.locator('[data-email-fields]').getByText('kasper@klient.example').count()).toBe(0);

      await expect.poll(() => sent.find((m) => m.text?.includes(reply)), { timeout: 15_000 }).toBeTruthy();
      const mail = sent.find((m) => m.text?.includes(reply))!;
      const ccs = (Array.isArray(mail.cc) ? mail.cc : mail.cc ? [mail.cc] : []).flatMap((a) => a.value.map((v) => v.address));
      expect(ccs.sort()).toEqual(['kasper@klient.example', 'manager@klient.example']);
      expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['receipt.pdf', '%PDF-1.4 receipt 4711']]);
      // The stored reply shows who it went to and its file.
      await bubble.locator('[data-email-recipients]', { hasText: 'kasper@klient.example' }).waitFor();
      await page.screenshot({ path: 'test-results/email-composer-sent-1280x860.png' });
      expect(errors.filter((e) => !/413|Payload Too Large/i.test(e))).toEqual([]);
    } catch (err) {
      if (errors.length) console.error('browser errors:\n' + errors.join('\n'));
      await page.screenshot({ path: 'test-results/email-composer-failure.png', fullPage: true }).catch(() => {});
      throw err;
    } finally {
      await context.close();
    }
  });

  it('asks for a subject when the thread has none, and attaches dropped and pasted files', async () => {
    const text = `No subject here ${uniq('t')}`;
    const conversationId = await customerWrites('', text, 'Mikkel Dahl <mikkel@kunde.example>');
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    try {
      await login(page);
      await page.goto(`${server.url}/conversations/${conversationId}`);
      const fields = page.locator('[data-email-fields]');
      const subjectBox = fields.getByRole('textbox', { name: 'Subject' });
      await subjectBox.fill('Your return label');
      // Files dropped onto the composer and pasted into it are attached, like picked ones.
      await page.evaluate(() => {
        const form = document.querySelector('[data-email-fields]')!.closest('form')!;
        const drop = new DataTransfer();
        drop.items.add(new File(['label'], 'label.pdf', { type: 'application/pdf' }));
        form.dispatchEvent(new DragEvent('dragenter', { dataTransfer: drop, bubbles: true, cancelable: true }));
        form.dispatchEvent(new DragEvent('drop', { dataTransfer: drop, bubbles: true, cancelable: true }));
        const paste = new DataTransfer();
        paste.items.add(new File([new Uint8Array([137, 80, 78, 71])], 'screenshot.png', { type: 'image/png' }));
        document.querySelector<HTMLTextAreaElement>('textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: paste, bubbles: true, cancelable: true }));
      });
      await page.locator('[data-attachment-status="done"]', { hasText: 'label.pdf' }).waitFor({ timeout: 10_000 });
      await page.locator('[data-attachment-status="done"]', { hasText: 'screenshot.png' }).waitFor({ timeout: 10_000 });
      // The subject draft survives a reload too.
      await page.waitForTimeout(500);
      await page.reload();
      await expect.poll(() => page.locator('[data-email-fields]').getByRole('textbox', { name: 'Subject' }).inputValue()).toBe('Your return label');
      expect(await page.locator('[data-attachment-status="done"]').count()).toBe(2);
      expect(await axeSerious(page), 'axe on an email conversation with the reply fields').toEqual([]);

      const reply = `Here is your return label. ${uniq('r')}`;
      await page.getByRole('textbox', { name: 'Reply' }).fill(reply);
      await page.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => sent.find((m) => m.text?.includes(reply)), { timeout: 15_000 }).toBeTruthy();
      const mail = sent.find((m) => m.text?.includes(reply))!;
      expect(mail.subject).toBe('Your return label');
      expect(mail.attachments.map((a) => a.filename).sort()).toEqual(['label.pdf', 'screenshot.png']);
      expect(errors).toEqual([]);
    } catch (err) {
      if (errors.length) console.error('browser errors:\n' + errors.join('\n'));
      await page.screenshot({ path: 'test-results/email-composer-subject-failure.png', fullPage: true }).catch(() => {});
      throw err;
    } finally {
      await context.close();
    }
  });

  it('keeps subject, Cc and files in the synced draft: after a reload, on a second device, in a conflict, and cleared everywhere by the send', async () => {
    const text = `Which kettle? ${uniq('t')}`;
    const conversationId = await customerWrites('', text, 'Jonas Berg <jonas@kunde.example>');
    const serverDraft = async () => (await admin.get<DraftPair>(`/api/conversations/${conversationId}/draft`)).body.reply;
    const laptop = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    const tablet = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-US' });
    const page = await laptop.newPage();
    const other = await tablet.newPage();
    const pageErrors = [collectErrors(page), collectErrors(other)];
    const errors = () => pageErrors.flat();
    const fieldsOf = (p: Page) => p.locator('[data-email-fields]');
    const subjectOf = (p: Page) => fieldsOf(p).getByRole('textbox', { name: 'Subject' });
    const subjectValue = async (p: Page) => ((await subjectOf(p).count()) ? subjectOf(p).inputValue() : '');
    const ccChips = async (p: Page) => (await fieldsOf(p).locator('[data-cc-chip]').allTextContents()).map((t) => t.trim());
    try {
      await login(page);
      // A draft kept by the earlier version in localStorage is moved into the synced draft once.
      await page.evaluate(([id]) => localStorage.setItem(`sb_email_draft:${id}`, JSON.stringify({ subject: 'Kept by the old version' })), [conversationId]);
      await page.goto(`${server.url}/conversations/${conversationId}`);
      await expect.poll(() => subjectValue(page)).toBe('Kept by the old version');
      // The old copy goes only once the new one is stored, which may be just after it shows.
      await expect.poll(() => page.evaluate(([id]) => localStorage.getItem(`sb_email_draft:${id}`), [conversationId])).toBeNull();

      await subjectOf(page).fill('Your replacement kettle');
      const cc = fieldsOf(page).getByRole('textbox', { name: 'Cc' });
      await cc.fill('boss@kunde.example');
      await cc.press('Enter');
      await page.locator('[data-attach-input]').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 invoice') });
      await page.locator('[data-attachment-status="done"]', { hasText: 'invoice.pdf' }).waitFor({ timeout: 10_000 });
      await page.getByRole('textbox', { name: 'Reply' }).fill('Draft about the kettle');
      // In IndexedDB within 300 ms of the last change: a reload right after keeps everything.
      await page.waitForTimeout(350);
      await page.reload();
      await expect.poll(() => subjectValue(page)).toBe('Your replacement kettle');
      expect(await ccChips(page)).toEqual(['boss@kunde.example']);
      await page.locator('[data-attachment-status="done"]', { hasText: 'invoice.pdf' }).waitFor();
      await expect.poll(serverDraft, { timeout: 10_000 }).toMatchObject({ text: 'Draft about the kettle', subject: 'Your replacement kettle', cc: ['boss@kunde.example'], attachments: [{ filename: 'invoice.pdf' }] });

      // The same agent on another device sees the whole draft.
      await login(other);
      await other.goto(`${server.url}/conversations/${conversationId}`);
      await expect.poll(() => subjectValue(other), { timeout: 10_000 }).toBe('Your replacement kettle');
      await expect.poll(() => ccChips(other)).toEqual(['boss@kunde.example']);
      await other.locator('[data-attachment-status="done"]', { hasText: 'invoice.pdf' }).waitFor();
      expect(await other.getByRole('textbox', { name: 'Reply' }).inputValue()).toBe('Draft about the kettle');

      // The laptop loses its network and adds a Cc; the tablet removes the boss meanwhile.
      await laptop.setOffline(true);
      await cc.fill('ops@kunde.example');
      await cc.press('Enter');
      await page.waitForTimeout(400);
      await fieldsOf(other).getByRole('button', { name: 'Remove boss@kunde.example' }).click();
      await expect.poll(async () => (await serverDraft()).cc, { timeout: 10_000 }).toEqual([]);
      await laptop.setOffline(false);
      const panel = page.getByRole('alert').filter({ hasText: 'This draft was also changed on another device' });
      await panel.waitFor({ timeout: 25_000 });
      expect(await panel.getByTestId('draft-mine-cc').textContent()).toBe('boss@kunde.example, ops@kunde.example');
      expect(await panel.getByTestId('draft-theirs-cc').textContent()).toBe('—');
      expect(await panel.getByTestId('draft-mine-subject').count()).toBe(0);
      await page.screenshot({ path: 'test-results/email-draft-conflict-1280x860.png' });
      await panel.getByRole('button', { name: 'Keep both' }).click();
      await expect.poll(async () => (await serverDraft()).cc, { timeout: 10_000 }).toEqual(['boss@kunde.example', 'ops@kunde.example']);
      await expect.poll(() => ccChips(other), { timeout: 10_000 }).toEqual(['boss@kunde.example', 'ops@kunde.example']);

      const reply = `The new kettle ships today. ${uniq('r')}`;
      await page.getByRole('textbox', { name: 'Reply' }).fill(reply);
      await page.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => sent.find((m) => m.text?.includes(reply)), { timeout: 15_000 }).toBeTruthy();
      const mail = sent.find((m) => m.text?.includes(reply))!;
      expect(mail.subject).toBe('Your replacement kettle');
      expect(mail.attachments.map((a) => a.filename)).toEqual(['invoice.pdf']);
      // Cleared here, on the server and on the other device.
      await expect.poll(() => subjectValue(page)).toBe('');
      expect(await ccChips(page)).toEqual([]);
      expect(await page.locator('[data-attachment-status]').count()).toBe(0);
      await expect.poll(serverDraft, { timeout: 10_000 }).toMatchObject({ text: '', subject: null, cc: [], attachments: [] });
      await expect.poll(() => ccChips(other), { timeout: 10_000 }).toEqual([]);
      await expect.poll(() => subjectValue(other)).toBe('');
      expect(await other.locator('[data-attachment-status]').count()).toBe(0);
      expect(await other.getByRole('textbox', { name: 'Reply' }).inputValue()).toBe('');
      await page.reload();
      await fieldsOf(page).waitFor();
      expect(await ccChips(page)).toEqual([]);
      // Offline on purpose, and the server's 409 answer to the stale save (the conflict).
      expect(errors().filter((e) => !/ERR_INTERNET_DISCONNECTED|409 \(Conflict\)/.test(e))).toEqual([]);
    } catch (err) {
      if (errors().length) console.error('browser errors:\n' + errors().join('\n'));
      await page.screenshot({ path: 'test-results/email-draft-sync-failure.png', fullPage: true }).catch(() => {});
      await other.screenshot({ path: 'test-results/email-draft-sync-failure-tablet.png', fullPage: true }).catch(() => {});
      throw err;
    } finally {
      await laptop.close();
      await tablet.close();
    }
  });

  it('fits the reply editor at tablet and phone sizes', async () => {
    for (const [width, height] of [[1024, 768], [768, 1024], [390, 844]] as const) {
      // One conversation per size: the draft (with its Cc and file) would follow the agent.
      const conversationId = await customerWrites(`Sizes ${uniq('s')}`, 'Checking sizes.');
      const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US' });
      const page = await context.newPage();
      try {
        await login(page);
        await page.goto(`${server.url}/conversations/${conversationId}`);
        const fields = page.locator('[data-email-fields]');
        await fields.waitFor();
        await fields.getByRole('textbox', { name: 'Cc' }).fill('a.very.long.address.for.testing@klient-with-long-domain.example');
        await fields.getByRole('textbox', { name: 'Cc' }).press('Enter');
        await page.locator('[data-attach-input]').setInputFiles({ name: 'a-rather-long-file-name-for-the-chip-2026-11-30.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF') });
        await page.locator('[data-attachment-status="done"]').waitFor({ timeout: 10_000 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `horizontal overflow at ${width}x${height}`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `test-results/email-composer-${width}x${height}.png` });
      } finally {
        await context.close();
      }
    }
  });
});
