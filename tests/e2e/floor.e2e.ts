/**
 * Escalation end to end, in Chromium against the built server: an agent escalates a
 * conversation from the thread header with a reason; a lead of the inbox, looking at the
 * Escalated view in another browser, sees it arrive live (a toast and the row with its chip).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq, type Created } from '../helpers/api-client';
import { collectErrors, launchChromium, loginAs } from '../helpers/browser';

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

async function user(name: string, role: string, inboxId: number) {
  const email = `${uniq(name.toLowerCase().replace(/[^a-z]+/g, '.'))}@example.com`;
  const created = await admin.post<Created>('/api/users', { email, name, password: 'agent-password-1', role });
  expect(created.status).toBe(201);
  await admin.post(`/api/inboxes/${inboxId}/members`, { userId: created.body.id });
  return { id: created.body.id, email, password: 'agent-password-1' };
}

async function open(viewport: { width: number; height: number }) {
  const context: BrowserContext = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  return { context, page, errors: collectErrors(page) };
}

describe('escalation in the console', () => {
  it('an agent escalates with a reason and the lead sees it live in the Escalated view', async () => {
    const inbox = (await admin.post<{ id: number; inboundToken: string }>('/api/inboxes', { name: `Floor ${uniq('i')}`, channel: 'api' })).body;
    const agent = await user('Anna Nowak', 'agent', inbox.id);
    const lead = await user('Liisa Lahtinen', 'lead', inbox.id);
    const posted = await inbound(server.url, inbox, { contact: { externalId: uniq('c'), name: 'Jens Møller' }, text: 'Jeg vil have pengene tilbage nu' });
    const id = posted.body.conversationId;

    const l = await open({ width: 1440, height: 900 });
    const a = await open({ width: 1280, height: 800 });
    const shots: [Page, string][] = [
      [l.page, 'lead'],
      [a.page, 'agent'],
    ];
    try {
      await loginAs(l.page, server.url, lead);
      await l.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Escalated' }).click();
      await l.page.getByRole('heading', { name: 'Escalated', level: 2 }).waitFor();
      expect(await l.page.locator(`[data-conversation-id="${id}"]`).count()).toBe(0);

      await loginAs(a.page, server.url, agent, `/conversations/${id}`);
      // Agents have no Escalated view.
      expect(await a.page.getByTestId('view-escalated').count()).toBe(0);
      await a.page.getByRole('button', { name: 'Escalate' }).click();
      const dialog = a.page.getByRole('dialog', { name: 'Escalate to a lead' });
      await dialog.getByRole('button', { name: 'Escalate' }).click();
      await dialog.getByRole('alert').getByText('Write at least 3 characters.').waitFor();
      await dialog.getByLabel('Reason').fill('Wants a refund above my limit');
      await dialog.getByRole('button', { name: 'Escalate' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await a.page.getByTestId('escalation-notice').getByText('Escalated: Wants a refund above my limit').waitFor();

      // The lead's console, untouched since: a toast and the row, with its chip.
      await l.page.getByText('Anna Nowak escalated Jens Møller: Wants a refund above my limit').waitFor({ timeout: 10_000 });
      const row = l.page.locator(`[data-conversation-id="${id}"]`);
      await row.waitFor({ timeout: 10_000 });
      await row.getByText('Escalated: Wants a refund above my limit').waitFor();

      const after = (await admin.get<{ assigneeId: number | null; priority: string }>(`/api/conversations/${id}`)).body;
      expect(after).toMatchObject({ assigneeId: null, priority: 'high' });
      expect(l.errors).toEqual([]);
      expect(a.errors).toEqual([]);
    } catch (err) {
      for (const [page, name] of shots) await page.screenshot({ path: `test-results/e2e-floor-${name}.png`, fullPage: true }).catch(() => {});
      console.error('browser errors:\n' + [...l.errors, ...a.errors].join('\n'));
      throw err;
    } finally {
      await l.context.close();
      await a.context.close();
    }
  });
});
