/**
 * Merging contacts from the side panel, in Chromium: one customer wrote to two inboxes under two
 * ids; the admin finds the other contact, confirms, and the panel then shows both identities and
 * the other conversation.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq, type CreatedInbox } from '../helpers/api-client';
import { axeSerious, collectErrors, launchChromium } from '../helpers/browser';

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

describe('contact merge in the console', () => {
  it('merges another contact into the open conversation’s contact and lists their conversations across inboxes', async () => {
    const create = async (name: string) => (await admin.post<CreatedInbox & { inboundToken: string }>('/api/inboxes', { name, channel: 'api' })).body;
    const [shop, support] = [await create(`Shop ${uniq('s')}`), await create(`Support ${uniq('s')}`)];
    const person = uniq('ingrid').replace(/-/g, '');
    const first = await inbound(server.url, shop, { contact: { externalId: `shop-${person}`, name: `Ingrid ${person}` }, text: 'Order 1042 is late' });
    const second = await inbound(server.url, support, { contact: { externalId: `support-${person}`, name: `I. ${person}`, email: `${person}@example.com` }, text: 'Following up on my order' });

    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    try {
      await page.goto(`${server.url}/login`);
      await page.getByLabel('Email').fill(ADMIN.email);
      await page.getByLabel('Password').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(/\/inbox$/);
      await page.goto(`${server.url}/conversations/${first.body.conversationId}`);
      await page.getByRole('log', { name: 'Messages' }).getByText('Order 1042 is late').waitFor();

      await page.getByRole('button', { name: 'Merge with another contact…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Find the other contact').fill(person);
      const results = dialog.getByRole('list', { name: 'Matching contacts' });
      await results.getByRole('button', { name: new RegExp(`I\\. ${person}`) }).click();
      await dialog.getByText(/will be merged into/).waitFor();
      expect(await axeSerious(page), 'axe on the merge dialog').toEqual([]);
      await dialog.getByRole('button', { name: 'Merge contacts' }).click();
      await dialog.waitFor({ state: 'detached' });

      // The panel now knows the customer on both inboxes, and links the other conversation.
      await page.getByText(`support-${person}`).waitFor();
      await page.getByText(`${person}@example.com`).first().waitFor();
      await page.getByText('Other conversations (1)').waitFor();
      await page.getByRole('link', { name: /Following up on my order/ }).click();
      await page.waitForURL(new RegExp(`/conversations/${second.body.conversationId}$`));
      await page.getByRole('heading', { name: `Ingrid ${person}`, level: 1 }).waitFor();
      expect(errors).toEqual([]);
    } catch (err) {
      if (errors.length) console.error('browser errors:\n' + errors.join('\n'));
      await page.screenshot({ path: 'test-results/e2e-contacts-merge.png', fullPage: true }).catch(() => {});
      throw err;
    } finally {
      await context.close();
    }
  });
});
