/**
 * Channels from the console, in Chromium against the built server: an admin creates a Telegram
 * inbox in the settings UI (against a local fake Bot API), copies the webhook URL, reads the
 * secret shown once, registers the webhook; a Telegram update appears live and the agent's
 * answer reaches the Bot API. The same for Messenger against a fake Graph API (verification
 * handshake, signed webhook). Then a WhatsApp conversation whose 24-hour window is closing and
 * then closed: the composer says so and allows only notes.
 */
import fs from 'node:fs';
import { createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, uniq, type CreatedInbox } from '../helpers/api-client';
import { axeSerious, collectErrors, launchChromium, loginAs } from '../helpers/browser';
import { fakeBotApi } from '../helpers/fake-bot-api';
import { fakeGraphApi } from '../helpers/fake-graph-api';
import { eventually } from '../helpers/fake-http-api';
import { telegramTextUpdate } from '../fixtures/telegram-updates';
import { messagingMessage, messagingWebhook, whatsappContact, whatsappText, whatsappWebhook } from '../fixtures/meta-webhooks';

const BOT_TOKEN = '7012345678:AAHe2eE2Ee2eE2Ee2eE2Ee2eE2Ee2eE2Ee2';
const APP_SECRET = 'e2e-app-secret-0123456789';

let server: TestServer;
let browser: Browser;
let admin: ApiClient;
let bot: Awaited<ReturnType<typeof fakeBotApi>>;
let graph: Awaited<ReturnType<typeof fakeGraphApi>>;

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  [server, bot, graph] = await Promise.all([startServer(), fakeBotApi(BOT_TOKEN), fakeGraphApi()]);
  admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([server?.stop(), bot?.close(), graph?.close()]);
});

/** Through the login page, as an agent would. */
const login = (page: Page) => loginAs(page, server.url, ADMIN);

/** `expected`: console errors the scenario causes on purpose (a refused request the browser logs). */
async function withPage(name: string, fn: (page: Page) => Promise<void>, expected: RegExp[] = []) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  const errors = collectErrors(page);
  try {
    await fn(page);
    expect(errors.filter((e) => !expected.some((re) => re.test(e)))).toEqual([]);
  } catch (err) {
    if (errors.length) console.error('browser errors:\n' + errors.join('\n'));
    await page.screenshot({ path: `test-results/e2e-channels-${name}.png`, fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
}

describe('channels in the console', () => {
  it('creates a Telegram inbox in settings, registers its webhook, shows an update live and delivers the answer', async () => {
    await withPage('telegram', async (page) => {
      await login(page);
      await page.goto(`${server.url}/settings/inboxes`);
      await page.getByRole('link', { name: 'New inbox' }).click();
      await page.getByRole('link', { name: /Telegram/ }).click();
      await page.getByRole('heading', { name: 'New Telegram inbox' }).waitFor();
      expect(await axeSerious(page), 'axe on the Telegram form').toEqual([]);

      // A wrong token is shown at its field, as the server words it.
      const name = `Bot ${uniq('tg')}`;
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Bot token').fill('not-a-token');
      await page.getByText('Advanced').click();
      await page.getByLabel(/Bot API address/).fill(bot.url);
      await page.getByRole('button', { name: 'Create inbox' }).click();
      await page.getByText(/must be the token @BotFather gave/).waitFor();

      await page.getByLabel('Bot token').fill(BOT_TOKEN);
      await page.getByRole('button', { name: 'Create inbox' }).click();
      await page.waitForURL(/\/settings\/inboxes\/\d+$/);
      const inboxId = Number(page.url().split('/').pop());

      // What to copy: the webhook URL, with feedback on copying.
      const webhookUrl = await page.getByLabel('Webhook URL').inputValue();
      expect(webhookUrl).toBe(`${server.url}/api/webhooks/telegram/${inboxId}`);
      await page.getByLabel('Webhook URL').locator('xpath=..').getByRole('button', { name: 'Copy' }).click();
      await page.getByText('Copied to the clipboard.').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(webhookUrl);

      // The generated webhook secret, shown this once.
      const revealed = page.getByTestId('revealed-secrets');
      await revealed.getByText('Shown once').waitFor();
      const secret = await revealed.getByLabel('Webhook secret').inputValue();
      expect(secret).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(await axeSerious(page), 'axe on the inbox page').toEqual([]);

      await page.getByRole('button', { name: 'Register webhook' }).click();
      await page.getByTestId('webhook-registered').getByText('Webhook was set').waitFor();
      const registered = bot.to(`/bot${BOT_TOKEN}/setWebhook`).map((r) => JSON.parse(r.body) as { url: string; secret_token: string });
      expect(registered).toEqual([expect.objectContaining({ url: webhookUrl, secret_token: secret })]);

      // Reloaded, the secret is gone for good.
      await page.reload();
      await page.getByLabel('Webhook URL').waitFor();
      expect(await page.getByTestId('revealed-secrets').count()).toBe(0);

      // A customer writes to the bot while the inbox is open.
      await page.goto(`${server.url}/inbox`);
      await page.locator('[role="status"]', { hasText: 'Online' }).first().waitFor({ timeout: 15_000 });
      await page.getByRole('link', { name: /^Unassigned/ }).click();
      await page.getByRole('heading', { name: 'Unassigned', level: 2 }).waitFor();
      const from = { id: 400_000_000 + Math.floor(Math.random() * 1e6), first_name: 'Aino', last_name: `Mäkelä ${uniq('n')}` };
      const text = `Missä tilaukseni on? ${uniq('m')}`;
      const posted = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify(telegramTextUpdate({ from, text })),
      });
      expect(posted.status).toBe(200);
      const row = page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(from.last_name) });
      await row.waitFor({ timeout: 10_000 });
      expect(await row.locator('[data-channel="telegram"]').count()).toBe(1);
      await row.click();
      await page.getByRole('log', { name: 'Messages' }).getByText(text).waitFor();
      await page.getByTestId('thread-channel').getByText('Telegram').waitFor();

      const answer = `Hei Aino, se on matkalla. ${uniq('r')}`;
      await page.getByRole('textbox', { name: 'Reply' }).fill(answer);
      await page.getByRole('button', { name: 'Send' }).click();
      const sent = await eventually(() => bot.to(`/bot${BOT_TOKEN}/sendMessage`).map((r) => JSON.parse(r.body) as { chat_id: number; text: string }).find((b) => b.text === answer), 15_000, 'sendMessage');
      expect(sent.chat_id).toBe(from.id);
    }, [/status of 400 \(Bad Request\)/]);
  });

  it('creates a Messenger inbox in settings that passes Meta’s handshake, shows a signed message live and answers it', async () => {
    await withPage('messenger', async (page) => {
      await login(page);
      await page.goto(`${server.url}/settings/inboxes/new/messenger`);
      await page.getByRole('heading', { name: 'New Messenger inbox' }).waitFor();
      const pageId = String(200_000_000_000 + Math.floor(Math.random() * 1e9));
      await page.getByLabel('Name').fill(`Page ${uniq('fb')}`);
      await page.getByLabel('Page ID').fill(pageId);
      await page.getByLabel('App secret').fill(APP_SECRET);
      await page.getByLabel('Access token').fill('e2e-page-access-token');
      await page.getByLabel('Verify token').fill('e2e-verify-phrase');
      await page.getByText('Advanced').click();
      await page.getByLabel(/Graph API address/).fill(graph.url);
      await page.getByRole('button', { name: 'Create inbox' }).click();
      await page.waitForURL(/\/settings\/inboxes\/\d+$/);
      // Nothing secret to reveal: the admin chose every secret.
      expect(await page.getByTestId('revealed-secrets').count()).toBe(0);
      const webhookUrl = await page.getByLabel('Webhook URL').inputValue();
      await page.getByText('e2e…se').waitFor();

      // What Meta does when the admin saves the callback URL in the app dashboard.
      const handshake = await fetch(`${webhookUrl}?hub.mode=subscribe&hub.verify_token=e2e-verify-phrase&hub.challenge=8391`);
      expect([handshake.status, await handshake.text()]).toEqual([200, '8391']);

      await page.goto(`${server.url}/inbox`);
      await page.locator('[role="status"]', { hasText: 'Online' }).first().waitFor({ timeout: 15_000 });
      await page.getByRole('link', { name: /^Unassigned/ }).click();
      await page.getByRole('heading', { name: 'Unassigned', level: 2 }).waitFor();
      const psid = String(7_000_000_000_000 + Math.floor(Math.random() * 1e12));
      const text = `Is the blue one back in stock? ${uniq('m')}`;
      const raw = JSON.stringify(messagingWebhook('page', pageId, [messagingMessage({ accountId: pageId, senderId: psid, text })]));
      const posted = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(raw).digest('hex')}` },
        body: raw,
      });
      expect(posted.status).toBe(200);
      const row = page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(psid.slice(-4)) });
      await row.waitFor({ timeout: 10_000 });
      expect(await row.locator('[data-channel="messenger"]').count()).toBe(1);
      await row.click();
      await page.getByRole('log', { name: 'Messages' }).getByText(text).waitFor();
      await page.getByTestId('thread-channel').getByText('Messenger').waitFor();

      const answer = `Yes, since this morning. ${uniq('r')}`;
      await page.getByRole('textbox', { name: 'Reply' }).fill(answer);
      await page.getByRole('button', { name: 'Send' }).click();
      const sent = await eventually(
        () => graph.to('/v21.0/me/messages').map((r) => JSON.parse(r.body) as { recipient: { id: string }; message: { text: string } }).find((b) => b.message.text === answer),
        15_000,
        'the Send API call',
      );
      expect(sent.recipient.id).toBe(psid);
    });
  });

  it('tells the agent when the WhatsApp window closes soon, and once closed allows only notes', async () => {
    const phoneNumberId = String(100_000_000_000 + Math.floor(Math.random() * 1e9));
    const created = await admin.post<CreatedInbox>('/api/inboxes', {
      name: uniq('WhatsApp'),
      channel: 'whatsapp',
      phoneNumberId,
      appSecret: APP_SECRET,
      verifyToken: 'e2e-verify',
      accessToken: 'e2e-access-token',
      graphApiBaseUrl: graph.url,
    });
    expect(created.status).toBe(201);
    const waId = `48${Math.floor(100_000_000 + Math.random() * 899_999_999)}`;
    const raw = JSON.stringify(whatsappWebhook(phoneNumberId, { contacts: [whatsappContact(waId, 'Ewa Nowak')], messages: [whatsappText({ from: waId, text: 'Czy paczka dotrze jutro?' })] }));
    const res = await fetch(`${server.url}/api/webhooks/meta/${created.body.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(raw).digest('hex')}` },
      body: raw,
    });
    expect(res.status).toBe(200);
    const conversation = await eventually(async () => (await admin.get<{ items: { id: number }[] }>(`/api/conversations?inboxId=${created.body.id}`)).body.items[0], 10_000, 'the conversation');
    const customerWrote = (msAgo: number) => {
      const db = new Database(server.dbPath);
      db.pragma('busy_timeout = 5000');
      db.prepare('UPDATE conversations SET last_incoming_at = ? WHERE id = ?').run(Date.now() - msAgo, conversation.id);
      db.close();
    };

    await withPage('whatsapp', async (page) => {
      await login(page);
      customerWrote(23 * 3600_000);
      await page.goto(`${server.url}/conversations/${conversation.id}`);
      await page.getByTestId('reply-window-closing').getByText(/closes in (59 min|1 h 0 min)/).waitFor();
      expect(await page.getByRole('button', { name: 'Reply', exact: true }).isEnabled()).toBe(true);
      // The customer's identity on the channel, as agents read it.
      await page.getByText(`+${waId}`).first().waitFor();

      customerWrote(25 * 3600_000);
      await page.reload();
      const notice = page.getByTestId('reply-window-closed');
      await notice.getByText(/The 24-hour WhatsApp window closed at [\s\S]*free-text replies are refused/).waitFor();
      expect(await page.getByRole('button', { name: 'Reply', exact: true }).isDisabled()).toBe(true);
      expect(await axeSerious(page), 'axe with the window closed').toEqual([]);

      const note = `Customer asked about delivery ${uniq('n')}`;
      await page.getByRole('textbox', { name: 'Reply' }).fill(note);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.locator('[data-direction="outgoing"]', { hasText: note }).waitFor();
      // Shown at once from the outbox; stored a moment later.
      const storedNote = async () => (await admin.get<{ items: { text: string; private: boolean }[] }>(`/api/conversations/${conversation.id}/messages`)).body.items.find((m) => m.text === note);
      await expect.poll(async () => (await storedNote())?.private, { timeout: 10_000 }).toBe(true);
      expect(graph.requests.filter((r) => r.method === 'POST' && r.body.includes(note))).toEqual([]);
    });
  });
});
