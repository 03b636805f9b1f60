/**
 * Hostile HTML mail in the console, in Chromium against the built server: the mail carries a
 * script, an onerror handler, a javascript: link, SVG with script and remote images pointing at
 * a local recorder. Nothing runs, nothing reaches the recorder until "Load images" is clicked,
 * then the image request arrives. The mail arrives over SMTP, so ingest and render sanitising
 * are both in the path. Quoted history is collapsed until asked for. Screenshots at
 * four sizes go to test-results/ for a look.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq } from '../helpers/api-client';
import { axeSerious, collectErrors, launchChromium, loginAs } from '../helpers/browser';

let server: TestServer;
let browser: Browser;
let admin: ApiClient;
let recorder: http.Server;
let rec = '';
const hits: string[] = [];
let inbox: { id: number; name: string; inboundToken: string };
let mailbox: { id: number; address: string };

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const hostileHtml = () => `
<p>Dear support,</p>
<p>My order <b>#4711</b> arrived with a broken lid. A photo of the parcel is below, and the
receipt is at <a href="https://shop.example/receipts/4711">shop.example</a>.</p>
<script>document.title = 'pwned-script'; new Image().src = '${rec}/script';</script>
<img src="x" onerror="document.title='pwned-onerror'; new Image().src='${rec}/onerror'">
<p><a href="javascript:document.title='pwned-link'">Track my parcel</a></p>
<svg width="10" height="10"><script>new Image().src='${rec}/svg'</script><circle r="5" onload="alert(1)"/></svg>
<p><img src="${rec}/photo.png" alt="Photo of the parcel" width="160" height="90"></p>
<div style="background-image:url(${rec}/bg.png);padding:4px">Kind regards,<br>Zofia</div>
<div class="gmail_quote"><div class="gmail_attr">On Mon, 30 Nov 2026 at 09:12, Switchboard Support wrote:</div>
<blockquote class="gmail_quote">Older quoted message about the first order.</blockquote></div>`;

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  recorder = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(PNG);
  });
  await new Promise<void>((r) => recorder.listen(0, '127.0.0.1', () => r()));
  rec = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
  server = await startServer();
  admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
  const created = await admin.post<{ id: number; name: string; inboundToken: string }>('/api/inboxes', { name: `Mail ${uniq('i')}`, channel: 'api' });
  expect(created.status).toBe(201);
  inbox = created.body;
  const address = `help-${uniq('a').toLowerCase()}@shop.example`;
  const mail = await admin.post<{ id: number }>('/api/inboxes', { name: `Mail ${uniq('m')}`, channel: 'email', address, outboundSmtpUrl: 'smtp://127.0.0.1:9' });
  expect(mail.status, JSON.stringify(mail.body)).toBe(201);
  mailbox = { id: mail.body.id, address };
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => (recorder ? recorder.close(r) : r(null)));
});

/** The customer's HTML mail, sent over SMTP to the inbox address as any mail server would. */
async function deliverHtmlMail(html: string): Promise<{ conversationId: number; messageId: number }> {
  const subject = `Broken lid on order #4711 (${uniq('s')})`;
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort, secure: false, ignoreTLS: true });
  await transport.sendMail({
    from: 'Zofia Łukasik <zofia@klient.example>',
    to: mailbox.address,
    subject,
    text: 'Dear support,\nMy order #4711 arrived with a broken lid.\nKind regards,\nZofia',
    html,
  });
  transport.close();
  let found = { conversationId: 0, messageId: 0 };
  await expect
    .poll(
      async () => {
        const list = await admin.get<{ items: { id: number; subject: string | null }[] }>(`/api/conversations?inboxId=${mailbox.id}&limit=50`);
        const conv = list.body.items.find((c) => c.subject === subject);
        if (!conv) return 0;
        const page = await admin.get<{ items: { id: number; html: string | null }[] }>(`/api/conversations/${conv.id}/messages`);
        const msg = page.body.items.find((m) => m.html);
        found = { conversationId: conv.id, messageId: msg?.id ?? 0 };
        return found.messageId;
      },
      { timeout: 10_000 },
    )
    .toBeGreaterThan(0);
  return found;
}

/** Through the login page, as an agent would. */
const login = (page: Page) => loginAs(page, server.url, ADMIN);

async function mailFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('iframe[data-email-frame]').first().elementHandle({ timeout: 15_000 });
  const frame = await handle!.contentFrame();
  if (!frame) throw new Error('no frame');
  await frame.waitForLoadState('load');
  return frame;
}

describe('HTML mail in the console (Chromium)', () => {
  it('shows plain text with http, https and mailto links only, as text nodes', async () => {
    const text = 'Tracking: https://track.example/p/1 or mail help@shop-support.com. <b>not bold</b> javascript:alert(1)';
    const posted = await inbound(server.url, inbox, { contact: { externalId: uniq('ext'), name: 'Mikkel Dahl' }, text });
    expect(posted.status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    try {
      await login(page);
      await page.goto(`${server.url}/conversations/${posted.body.conversationId}`);
      const bubble = page.locator(`[data-message-id="${posted.body.messageId}"]`);
      await bubble.getByText('<b>not bold</b>', { exact: false }).waitFor();
      const links = await bubble.locator('article a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')]));
      expect(links).toEqual([
        ['https://track.example/p/1', 'https://track.example/p/1', '_blank', 'noopener noreferrer nofollow'],
        ['help@shop-support.com', 'mailto:help@shop-support.com', '_blank', 'noopener noreferrer nofollow'],
      ]);
      expect(await bubble.locator('b').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('runs nothing from a hostile mail and loads remote images only after "Load images"', async () => {
    const { conversationId, messageId } = await deliverHtmlMail(hostileHtml());
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const popups: string[] = [];
    page.on('popup', (p) => popups.push(p.url()));
    try {
      await login(page);
      await page.goto(`${server.url}/conversations/${conversationId}`);
      const frameEl = page.locator('iframe[data-email-frame]');
      await frameEl.waitFor();
      expect(await frameEl.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
      let frame = await mailFrame(page);
      await frame.getByText('arrived with a broken lid').waitFor();

      // The document itself is sandboxed by its headers, whoever opens it.
      const res = await page.request.get(`${server.url}/api/messages/${messageId}/body`);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-security-policy']).toMatch(/^sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'/);
      const body = await res.text();
      expect(body).not.toMatch(/<script|onerror|javascript:|<svg|127\.0\.0\.1/i);

      // Nothing ran and nothing was fetched.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await page.title()).not.toMatch(/pwned/);
      expect(await frame.evaluate(() => document.title).catch(() => '')).not.toMatch(/pwned/);
      expect(dialogs).toEqual([]);
      expect(hits).toEqual([]);
      // The javascript: link is inert text; the real one opens in a new tab without opener.
      expect(await frame.locator('a', { hasText: 'Track my parcel' }).getAttribute('href')).toBeNull();
      const receipt = frame.locator('a', { hasText: 'shop.example' });
      expect(await receipt.getAttribute('target')).toBe('_blank');
      expect(await receipt.getAttribute('rel')).toBe('noopener noreferrer');
      await frame.locator('a', { hasText: 'Track my parcel' }).click();
      await new Promise((r) => setTimeout(r, 300));
      expect(await page.title()).not.toMatch(/pwned/);

      // Quoted history is collapsed until asked for.
      expect(await frame.getByText('Older quoted message').isVisible()).toBe(false);
      await page.getByRole('button', { name: 'Show quoted text' }).click();
      frame = await mailFrame(page);
      await frame.getByText('Older quoted message').waitFor({ state: 'visible' });
      expect(hits).toEqual([]);

      // Load images: now, and only now, the remote image is fetched (CSS images are dropped at ingest).
      await page.getByRole('button', { name: 'Load images' }).click();
      await expect.poll(() => hits.includes('/photo.png'), { timeout: 10_000 }).toBe(true);
      await new Promise((r) => setTimeout(r, 500));
      expect(hits.filter((h) => h !== '/photo.png' && h !== '/bg.png')).toEqual([]);
      expect(await page.title()).not.toMatch(/pwned/);
      expect(dialogs).toEqual([]);
      expect(errors.filter((e) => !/Content Security Policy|sandbox/i.test(e))).toEqual([]);
    } catch (err) {
      if (errors.length) console.error('browser errors:\n' + errors.join('\n'));
      await page.screenshot({ path: 'test-results/email-render-failure.png', fullPage: true }).catch(() => {});
      throw err;
    } finally {
      await context.close();
    }
  });

  it('looks finished at desktop, tablet and phone sizes (screenshots in test-results/)', async () => {
    const { conversationId } = await deliverHtmlMail(
      `<div style="font-family:Arial,sans-serif"><p>Hello,</p><p>I ordered the <b>blue kettle</b> (order <a href="https://shop.example/o/4711">#4711</a>) and it arrived with a broken lid.</p>
      <table cellpadding="6" style="border-collapse:collapse;border:1px solid #ddd"><tr><th align="left">Item</th><th align="left">Qty</th></tr><tr><td>Blue kettle 1.7 l</td><td>1</td></tr></table>
      <p><img src="${rec}/photo2.png" alt="Photo of the lid" width="240" height="135"></p><p>Best,<br>Zofia</p></div>
      <div id="appendonsend"></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri" style="font-size:11pt"><b>From:</b> Switchboard Support &lt;help@shop.example&gt;<br><b>Sent:</b> Monday, November 30, 2026 9:12<br><b>To:</b> Zofia Łukasik<br><b>Subject:</b> Your order #4711</font></div><div>Earlier reply about the order.</div>`,
    );
    fs.mkdirSync('test-results', { recursive: true });
    for (const [width, height] of [[1440, 900], [1024, 768], [768, 1024], [390, 844]] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        if (scheme === 'dark' && width !== 1440 && width !== 390) continue;
        const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US', colorScheme: scheme });
        const page = await context.newPage();
        const errors = collectErrors(page);
        try {
          await login(page);
          await page.goto(`${server.url}/conversations/${conversationId}`);
          const frame = await mailFrame(page);
          await frame.getByText('blue kettle', { exact: true }).waitFor();
          await page.getByRole('button', { name: 'Load images' }).waitFor();
          // Outlook's quoted history is collapsed, with its toggle.
          await page.getByRole('button', { name: 'Show quoted text' }).waitFor();
          expect(await frame.getByText('Earlier reply about the order.').isVisible()).toBe(false);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `horizontal overflow at ${width}x${height}`).toBeLessThanOrEqual(0);
          await page.screenshot({ path: `test-results/email-${width}x${height}-${scheme}.png` });
          if (width === 1440) expect(await axeSerious(page), `axe at ${width}x${height} ${scheme}`).toEqual([]);
          if (scheme === 'light' && width === 1024) {
            await page.getByRole('button', { name: 'Open in full view' }).click();
            const dialog = page.getByRole('dialog');
            await dialog.getByText(/Message from Zofia Łukasik/).waitFor();
            const full = await (await dialog.locator('iframe[data-email-frame]').elementHandle())!.contentFrame();
            await full!.getByText('blue kettle', { exact: true }).waitFor();
            await page.screenshot({ path: `test-results/email-${width}x${height}-full-view.png` });
            await page.keyboard.press('Escape');
            await dialog.waitFor({ state: 'detached' });
          }
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      }
    }
    expect(hits.includes('/photo2.png')).toBe(false);
  });
});
