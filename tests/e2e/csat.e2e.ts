/**
 * Customer satisfaction in Chromium: the public survey page at phone width (rate 5 with a
 * comment, see thanks, come back to "already rated"), the chat widget's inline rating after the
 * agent resolves, and the console's side panel taking the rating live. Screenshots go to
 * test-results/.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, uniq } from '../helpers/api-client';
import { axeSerious, collectErrors, launchChromium, loginAs } from '../helpers/browser';

type CsatEnvelope = { csat: { rating: number | null; comment: string | null } | null };

let server: TestServer;
let browser: Browser;
let admin: ApiClient;

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  server = await startServer();
  admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
  fs.mkdirSync('test-results', { recursive: true });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A customer conversation in an API inbox, resolved by the admin; its survey link from the thread. */
async function resolvedWithSurvey() {
  const inbox = (await admin.post<{ id: number; inboundToken: string }>('/api/inboxes', { name: 'Nordic Shop', channel: 'api' })).body;
  const id = (await inbound(server.url, inbox, { contact: { externalId: uniq('c'), name: 'Ella Virtanen' }, text: 'Where is my parcel?' })).body.conversationId;
  expect((await admin.patch(`/api/conversations/${id}`, { status: 'resolved' })).status).toBe(200);
  const thread = await admin.get<{ items: { direction: string; text: string }[] }>(`/api/conversations/${id}/messages`);
  const link = /https?:\/\/\S+\/csat\/\S+/.exec(thread.body.items.find((m) => m.direction === 'outgoing')!.text)![0];
  return { id, link: link.replace(/^https?:\/\/[^/]+/, server.url) };
}

describe('the survey page in Chromium', () => {
  it('takes a 5 with a comment at phone width, thanks the customer, and says so when they come back', async () => {
    const { id, link } = await resolvedWithSurvey();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(link);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('How did we do?');
    const choices = page.getByRole('radio');
    expect(await choices.count()).toBe(5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: 'test-results/csat-survey-phone.png', fullPage: true });

    await page.getByRole('radio', { name: /5\s*Excellent/ }).check();
    await page.getByLabel('Anything you would like to add? (optional)').fill('Ella at support sorted it in minutes.');
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    expect(await page.getByText('Your rating: 5 of 5').count()).toBe(1);
    await page.screenshot({ path: 'test-results/csat-survey-thanks-phone.png', fullPage: true });
    expect((await admin.get<CsatEnvelope>(`/api/conversations/${id}/csat`)).body.csat).toMatchObject({ rating: 5, comment: 'Ella at support sorted it in minutes.' });

    await page.goto(link);
    await page.getByRole('heading', { name: 'Thanks, already rated' }).waitFor();
    expect(errors, 'the CSP lets the page run as served').toEqual([]);
    await context.close();

    // axe injects a script, which the page's CSP refuses: check in a context that bypasses it.
    const fresh = await resolvedWithSurvey();
    const checking = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    const checked = await checking.newPage();
    await checked.goto(`${fresh.link}?lang=pl`);
    expect(await checked.getByRole('heading', { level: 1 }).textContent()).toBe('Jak nam poszło?');
    expect(await axeSerious(checked)).toEqual([]);
    await checking.close();
  });

  it('works with JavaScript off', async () => {
    const { id, link } = await resolvedWithSurvey();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false, locale: 'da-DK' });
    const page = await context.newPage();
    await page.goto(link);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hvordan klarede vi os?');
    await page.getByRole('radio', { name: /3\s*Okay/ }).check();
    await page.getByRole('button', { name: 'Send bedømmelse' }).click();
    await page.getByRole('heading', { name: 'Tak!' }).waitFor();
    expect((await admin.get<CsatEnvelope>(`/api/conversations/${id}/csat`)).body.csat).toMatchObject({ rating: 3, comment: null });
    await context.close();
  });
});

describe('the chat widget’s inline rating in Chromium', () => {
  it('asks once the agent resolves, takes a 4 with a comment, and thanks the visitor', async () => {
    const chat = (await admin.post<{ id: number; settings: { widgetToken: string } }>('/api/inboxes', { name: 'Web shop chat', channel: 'chat' })).body;
    const context = await browser.newContext({ viewport: { width: 390, height: 700 } });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}/widget/${chat.settings.widgetToken}?locale=en`);
    await page.getByText(/We're online|We're away right now/).first().waitFor();
    await page.locator('#sb-message').fill('Can I change my delivery address?');
    await page.keyboard.press('Enter');
    let conversationId = 0;
    await expect
      .poll(async () => {
        const list = await admin.get<{ items: { id: number }[] }>(`/api/conversations?inboxId=${chat.id}`);
        conversationId = list.body.items[0]?.id ?? 0;
        return conversationId;
      })
      .toBeGreaterThan(0);
    await admin.patch(`/api/conversations/${conversationId}`, { status: 'resolved' });

    await page.getByText('How was your chat?').waitFor({ timeout: 5_000 });
    await page.getByRole('radio', { name: '4 – Good' }).check();
    await page.getByLabel('Anything you would like to add? (optional)').fill('Quick answer');
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Thank you!').waitFor();
    await page.screenshot({ path: 'test-results/csat-widget-thanks.png' });
    expect((await admin.get<CsatEnvelope>(`/api/conversations/${conversationId}/csat`)).body.csat).toMatchObject({ rating: 4, comment: 'Quick answer' });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the console side panel in Chromium', () => {
  it('shows the survey waiting, then the rating and comment as soon as the customer answers', async () => {
    const { id, link } = await resolvedWithSurvey();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await loginAs(page, server.url, ADMIN, `/conversations/${id}`);
    const panel = page.getByTestId('conversation-csat');
    await panel.getByText(/Survey sent .*no answer yet/).waitFor({ timeout: 10_000 });

    const token = link.split('/csat/')[1]!;
    expect((await new ApiClient(server.url).post(`/api/csat/${token}`, { rating: 2, comment: 'Took three days.' })).status).toBe(200);
    await panel.getByText('2 of 5').waitFor({ timeout: 3_000 });
    expect(await panel.getByText('Took three days.').count()).toBe(1);
    await page.screenshot({ path: 'test-results/csat-side-panel.png' });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the survey settings in Chromium', () => {
  it('lets an admin stop surveys for one inbox', async () => {
    const inbox = (await admin.post<{ id: number }>('/api/inboxes', { name: `Quiet inbox ${uniq('q')}`, channel: 'api' })).body;
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await loginAs(page, server.url, ADMIN, '/settings/csat');
    await page.getByRole('heading', { level: 1, name: 'Satisfaction surveys' }).waitFor();
    expect(await page.getByLabel('Send a survey when a conversation is resolved').isChecked()).toBe(true);
    const row = page.getByRole('checkbox', { name: new RegExp(`Quiet inbox`) });
    await row.uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Survey settings saved').waitFor();
    const stored = await admin.get<{ enabled: boolean; disabledInboxIds: number[] }>('/api/csat/settings');
    expect(stored.body).toEqual({ enabled: true, disabledInboxIds: [inbox.id] });
    await page.screenshot({ path: 'test-results/csat-settings.png' });
    expect(errors).toEqual([]);
    await admin.request('PUT', '/api/csat/settings', { enabled: true, disabledInboxIds: [] });
    await context.close();
  });
});
