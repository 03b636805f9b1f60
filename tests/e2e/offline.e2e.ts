/**
 * Working through a dropped network in Chromium: drafts survive an offline reload, replies sent
 * offline are delivered exactly once and in order when the network returns (also with a reload
 * in between), and a draft edited on two devices shows both texts instead of losing one.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq } from '../helpers/api-client';
import type { DraftPair } from '../../src/lib/shared/schemas/draft';
import { launchPersistent, loginAs } from '../helpers/browser';

let server: TestServer;
let admin: ApiClient;
let inbox: { id: number; inboundToken: string };
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  server = await startServer();
  admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
  inbox = (await admin.post<{ id: number; inboundToken: string }>('/api/inboxes', { name: `Offline ${uniq('i')}`, channel: 'api' })).body;
  context = await launchPersistent();
  page = context.pages()[0] ?? (await context.newPage());
  await loginAs(page, server.url, ADMIN);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await server?.stop();
});

const firstMessage = new Map<number, string>();

async function newConversation(text: string): Promise<number> {
  const { body } = await inbound(server.url, inbox, { contact: { externalId: uniq('c'), name: 'Karoliina Niemi' }, externalMessageId: uniq('m'), text });
  firstMessage.set(body.conversationId, text);
  return body.conversationId;
}

/** Opens the conversation online, so the browser has it for reading offline. */
async function open(id: number, p = page) {
  await p.goto(`${server.url}/conversations/${id}`);
  await p.getByRole('log').getByText(firstMessage.get(id)!).waitFor();
  await p.locator('[role="status"]', { hasText: 'Online' }).first().waitFor({ timeout: 15_000 });
}

const composer = (p = page) => p.getByRole('textbox', { name: /reply|message/i }).last();

async function storedTexts(id: number): Promise<string[]> {
  const thread = await admin.get<{ items: { text: string; direction: string }[] }>(`/api/conversations/${id}/messages`);
  return thread.body.items.filter((m) => m.direction === 'outgoing').map((m) => m.text);
}

describe('offline', () => {
  it('keeps a draft typed offline across an offline reload, and saves it once online', async () => {
    const id = await newConversation('Missä tilaukseni on?');
    await open(id);
    await context.setOffline(true);
    try {
      await composer().fill('Tilauksesi on matkalla, seurantakoodi tulee');
      await page.waitForTimeout(400);
      await page.reload();
      await expect.poll(() => composer().inputValue(), { timeout: 15_000 }).toBe('Tilauksesi on matkalla, seurantakoodi tulee');
      await page.getByText(/Offline — showing what was saved/).first().waitFor();
    } finally {
      await context.setOffline(false);
    }
    await page.locator('[role="status"]', { hasText: 'Online' }).first().waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await admin.get<DraftPair>(`/api/conversations/${id}/draft`)).body.reply.text, { timeout: 20_000 }).toBe('Tilauksesi on matkalla, seurantakoodi tulee');
    await page.reload();
    await expect.poll(() => composer().inputValue()).toBe('Tilauksesi on matkalla, seurantakoodi tulee');
  });

  it('delivers three replies written offline exactly once, in order, when the network returns', async () => {
    const id = await newConversation('Hvor er min pakke?');
    await open(id);
    await context.setOffline(true);
    try {
      for (const text of ['Første svar', 'Andet svar', 'Tredje svar']) {
        await composer().fill(text);
        await composer().press('Enter');
      }
      await page.locator('[data-status="queued"]', { hasText: /Queued\s*— will send when online/ }).first().waitFor();
      await page.getByTestId('unsent-count').filter({ hasText: '3 unsent' }).waitFor();
      expect(await storedTexts(id)).toEqual([]);
    } finally {
      await context.setOffline(false);
    }
    await expect.poll(() => storedTexts(id), { timeout: 20_000 }).toEqual(['Første svar', 'Andet svar', 'Tredje svar']);
    await page.getByTestId('unsent-count').waitFor({ state: 'detached', timeout: 10_000 });
    await page.waitForTimeout(1500);
    expect(await storedTexts(id)).toEqual(['Første svar', 'Andet svar', 'Tredje svar']);
  });

  it('delivers replies queued before an offline reload exactly once after reconnecting', async () => {
    const id = await newConversation('Gdzie jest moja paczka?');
    await open(id);
    await context.setOffline(true);
    try {
      for (const text of ['Pierwsza', 'Druga', 'Trzecia']) {
        await composer().fill(text);
        await composer().press('Enter');
      }
      // Kept in this browser (the header counts them) before the tab goes away.
      await page.getByTestId('unsent-count').filter({ hasText: '3 unsent' }).waitFor();
      await page.reload();
      // Back from the outbox after the reload, still queued.
      await page.getByRole('log').getByText('Trzecia').waitFor({ timeout: 15_000 });
      await page.getByTestId('unsent-count').filter({ hasText: '3 unsent' }).waitFor();
    } finally {
      await context.setOffline(false);
    }
    await expect.poll(() => storedTexts(id), { timeout: 25_000 }).toEqual(['Pierwsza', 'Druga', 'Trzecia']);
    await page.reload();
    await page.getByRole('log').getByText('Trzecia').waitFor();
    await page.waitForTimeout(1500);
    expect(await storedTexts(id)).toEqual(['Pierwsza', 'Druga', 'Trzecia']);
  });

  it('shows both texts when the same draft was edited on two devices', async () => {
    const id = await newConversation('Can I change my address?');
    // A second device: another Chromium profile with its own storage and session.
    const other = await launchPersistent({ viewport: { width: 768, height: 1024 } });
    const otherPage = other.pages()[0] ?? (await other.newPage());
    await loginAs(otherPage, server.url, ADMIN, '/inbox');
    await open(id);
    await open(id, otherPage);
    // The tablet loses its network and keeps typing; the laptop saves meanwhile.
    await other.setOffline(true);
    await composer(otherPage).fill('Tablet: yes, send me the new address');
    await otherPage.waitForTimeout(400);
    await composer().fill('Laptop: please reply with the new address');
    await expect.poll(async () => (await admin.get<DraftPair>(`/api/conversations/${id}/draft`)).body.reply.text, { timeout: 10_000 }).toBe('Laptop: please reply with the new address');
    await other.setOffline(false);
    const panel = otherPage.getByRole('alert').filter({ hasText: 'This draft was also changed on another device' });
    await panel.waitFor({ timeout: 25_000 });
    await expect(panel.getByTestId('draft-mine').textContent()).resolves.toBe('Tablet: yes, send me the new address');
    await expect(panel.getByTestId('draft-theirs').textContent()).resolves.toBe('Laptop: please reply with the new address');
    await panel.getByRole('button', { name: 'Keep both' }).click();
    const both = 'Laptop: please reply with the new address\n\nTablet: yes, send me the new address';
    await expect.poll(() => composer(otherPage).inputValue()).toBe(both);
    await expect.poll(async () => (await admin.get<DraftPair>(`/api/conversations/${id}/draft`)).body.reply.text, { timeout: 10_000 }).toBe(both);
    await other.close();
  });
});
