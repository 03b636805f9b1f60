/**
 * Background notifications in Chromium: the agent turns them on in Settings, the server sends
 * a real encrypted Web Push to a local push service when a conversation is assigned to them,
 * the service worker shows it, and clicking it opens the conversation.
 *
 * Chromium's push client registers only with Google's push service, which cannot be reached
 * here: `pushManager.subscribe()` never settles (the first test shows what the agent sees
 * then). From the second test on, that one browser call is stood in for by an init script that
 * hands out a subscription on the local push service; everything else is the real browser, the
 * real service worker and the real server. The decrypted message is handed to the service
 * worker with CDP `ServiceWorker.deliverPushMessage`, as the browser does after decrypting.
 * No protocol command clicks a notification: the worker's own `notificationclick` listener is
 * run on the shown notification from inside the worker (an event the browser did not make, so
 * it carries no permission to focus a window, which the product code must cope with).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server';
import { ApiClient, inbound, workspace } from '../helpers/api-client';
import { launchPersistent, loginAs } from '../helpers/browser';
import { fakePushService } from '../helpers/fake-push-service';

let server: TestServer;
let pushService: Awaited<ReturnType<typeof fakePushService>>;
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;
let ws: Awaited<ReturnType<typeof workspace>>;
let anna: ApiClient;
/** Anna's browser on the local push service: its endpoint, and the keys to decrypt with. */
let browser: ReturnType<typeof pushService.subscription>;
const registrations = new Map<string, { scopeURL: string; isDeleted: boolean }>();

/** Where the browser's subscription lives in the stand-in (per origin, like the real one). */
const STUB_KEY = 'e2e-push-subscription';

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  pushService = await fakePushService();
  server = await startServer({ env: { NODE_EXTRA_CA_CERTS: pushService.caFile, VAPID_SUBJECT: 'mailto:ops@example.com' } });
  ws = await workspace(server);
  anna = await ws.login(ws.users.anna);
  context = await launchPersistent();
  await context.grantPermissions(['notifications'], { origin: server.url });
  await recordAppBadge();
  page = context.pages()[0] ?? (await context.newPage());
  await loginAs(page, server.url, { email: ws.users.anna.email, password: 'agent-password-1' });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  cdp = await context.newCDPSession(page);
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] }) => {
    for (const r of e.registrations) registrations.set(r.registrationId, r);
  });
  await cdp.send('ServiceWorker.enable');
}, 120_000);

afterAll(async () => {
  await context?.close();
  await server?.stop();
  await pushService?.close();
});

const status = () => page.locator('[data-push-status]');

async function openSettings() {
  await page.goto(`${server.url}/settings`);
  await page.getByRole('heading', { name: 'Notifications on this device' }).waitFor();
}

async function myEndpoints(): Promise<string[]> {
  return (await anna.get<{ items: { endpoint: string }[] }>('/api/push/subscriptions')).body.items.map((i) => i.endpoint);
}

/** Stands in for Chromium's push client: a subscription on the local push service. */
async function standInForPushClient(subscription: { endpoint: string; keys: { p256dh: string; auth: string } }) {
  await context.addInitScript(
    ({ sub, storageKey }) => {
      const make = (key: number[]) => ({
        endpoint: sub.endpoint,
        expirationTime: null,
        options: { userVisibleOnly: true, applicationServerKey: Uint8Array.from(key).buffer },
        toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
        unsubscribe: async () => {
          localStorage.removeItem(storageKey);
          return true;
        },
      });
      PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
        const key = [...new Uint8Array(options?.applicationServerKey as Uint8Array)];
        localStorage.setItem(storageKey, JSON.stringify(key));
        return make(key) as unknown as PushSubscription;
      };
      PushManager.prototype.getSubscription = async function () {
        const key = localStorage.getItem(storageKey);
        return (key ? make(JSON.parse(key)) : null) as unknown as PushSubscription | null;
      };
    },
    { sub: subscription, storageKey: STUB_KEY },
  );
}

/** Notes what the page sets on the app icon (headless Chromium has no icon to look at). */
async function recordAppBadge() {
  await context.addInitScript(() => {
    const calls: number[] = [];
    const set = navigator.setAppBadge.bind(navigator);
    const clear = navigator.clearAppBadge.bind(navigator);
    Object.assign(window, { appBadgeCalls: calls });
    navigator.setAppBadge = (n?: number) => (calls.push(n ?? 0), set(n));
    navigator.clearAppBadge = () => (calls.push(0), clear());
  });
}

const lastAppBadge = () => page.evaluate(() => (window as unknown as { appBadgeCalls: number[] }).appBadgeCalls.at(-1));

async function registrationId(): Promise<string> {
  const scope = `${server.url}/`;
  for (let i = 0; i < 50; i++) {
    const found = [...registrations].find(([, r]) => r.scopeURL === scope && !r.isDeleted);
    if (found) return found[0];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no service worker registration for ${scope}`);
}

/**
 * The service worker gets the push as the browser gets it from a push service, decrypted. Then
 * a pause: Chromium can lose a notification when `getNotifications()` runs while
 * `showNotification()` is still storing it (it reconciles its store with what is on screen).
 */
async function deliverPush(payload: unknown) {
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId: await registrationId(), data: JSON.stringify(payload) });
  await new Promise((r) => setTimeout(r, 1000));
}

async function shownNotifications() {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as unknown }));
  });
}

/** A customer writes in and an admin assigns the conversation to Anna; returns its id. */
async function assignToAnna(externalId: string, name: string, text: string): Promise<number> {
  const { body } = await inbound(server.url, ws.inbox, { contact: { externalId, name }, text });
  const res = await ws.admin.patch(`/api/conversations/${body.conversationId}`, { assigneeId: ws.users.anna.id });
  expect(res.status).toBe(200);
  return body.conversationId;
}

async function pushesTo(path: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const got = pushService.requests.filter((r) => r.path === path);
    if (got.length >= count) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no push request to ${path}`);
}

/** The real `notificationclick` listener of the service worker, run on the shown notification. */
async function clickNotification() {
  const worker = context.serviceWorkers().find((w) => w.url() === `${server.url}/service-worker.js`);
  if (!worker) throw new Error('the service worker is not running');
  await worker.evaluate(async () => {
    const sw = globalThis as unknown as {
      registration: ServiceWorkerRegistration;
      dispatchEvent(e: Event): boolean;
      NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
    };
    const [notification] = await sw.registration.getNotifications();
    if (!notification) throw new Error('no notification is shown');
    sw.dispatchEvent(new sw.NotificationEvent('notificationclick', { notification }));
  });
}

describe('background notifications', () => {
  it('shows the state, and says so when the browser’s push service does not answer', async () => {
    await cdp.send('Browser.setPermission', { permission: { name: 'notifications' }, setting: 'denied', origin: server.url });
    await openSettings();
    await expect.poll(() => status().getAttribute('data-push-status')).toBe('blocked');
    await expect(status().textContent()).resolves.toContain('Notifications are blocked for this site');

    await cdp.send('Browser.setPermission', { permission: { name: 'notifications' }, setting: 'granted', origin: server.url });
    await page.getByRole('button', { name: 'Check again' }).click();
    await expect.poll(() => status().getAttribute('data-push-status')).toBe('off');
    await expect(status().textContent()).resolves.toContain('Off on this device.');

    // The real Chromium call, with the server's real key: no push service answers here.
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByRole('alert').filter({ hasText: 'The browser’s push service did not answer' }).waitFor({ timeout: 30_000 });
    expect(await status().getAttribute('data-push-status')).toBe('off');
    expect(await myEndpoints()).toEqual([]);
  }, 60_000);

  it('turns on in Settings, shows the server’s push and opens the conversation from it', async () => {
    browser = pushService.subscription('anna-chromium');
    await standInForPushClient(browser.json);
    await openSettings();
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect.poll(() => status().getAttribute('data-push-status')).toBe('on');
    await expect(status().textContent()).resolves.toContain('On for this device.');
    expect(await myEndpoints()).toEqual([browser.json.endpoint]);
    // Still on after a reload: the server lists this browser as Anna's.
    await openSettings();
    await expect.poll(() => status().getAttribute('data-push-status')).toBe('on');

    await page.goto(`${server.url}/inbox`);
    const id = await assignToAnna('c-push-e2e', 'Jens Møller', 'Min ordre er ikke kommet');
    // The open console puts Anna's new unread conversation on the app icon.
    await expect.poll(lastAppBadge, { timeout: 10_000 }).toBe(1);
    const [request] = await pushesTo(browser.path, 1);
    const payload = browser.decrypt(request.body);
    expect(payload).toEqual({ kind: 'assigned', title: 'Assigned to you', body: 'Jens Møller: Min ordre er ikke kommet', url: `/conversations/${id}`, tag: `conversation-${id}`, badge: 1 });

    await deliverPush(payload);
    await expect.poll(shownNotifications, { timeout: 10_000 }).toEqual([{ title: 'Assigned to you', body: 'Jens Møller: Min ordre er ikke kommet', tag: `conversation-${id}`, data: { url: `/conversations/${id}` } }]);

    // The worker controls this tab, so it navigates it there (a page load).
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const loads: string[] = [];
    const onLoad = () => loads.push(new URL(page.url()).pathname);
    page.on('load', onLoad);
    await clickNotification();
    await page.waitForURL((url) => url.pathname === `/conversations/${id}`, { timeout: 10_000 });
    await page.getByRole('heading', { name: 'Jens Møller', level: 1 }).waitFor();
    page.off('load', onLoad);
    expect(loads).toEqual([`/conversations/${id}`]);
    // The listener closed the notification it opened, and the conversation is read now.
    await expect.poll(shownNotifications).toEqual([]);
    await expect.poll(lastAppBadge, { timeout: 10_000 }).toBe(0);
  });

  it('opens the conversation in a tab the service worker does not control (OPEN_URL)', async () => {
    await page.goto(`${server.url}/inbox`);
    // A hard reload bypasses the service worker: the tab is not controlled, so `navigate()` fails.
    await cdp.send('Page.reload', { ignoreCache: true });
    await page.waitForLoadState('load');
    await page.locator('[role="status"]', { hasText: 'Online' }).first().waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();

    const id = await assignToAnna('c-push-e2e-2', 'Aino Virtanen', 'Hei, tilaus puuttuu');
    const requests = await pushesTo(browser.path, 2);
    const payload = browser.decrypt(requests[1].body);
    // Jens's conversation was read when the first notification opened it: one unread, this one.
    expect(payload).toMatchObject({ url: `/conversations/${id}`, badge: 1 });
    await deliverPush(payload);
    await expect.poll(async () => (await shownNotifications()).length, { timeout: 10_000 }).toBe(1);

    const loads: string[] = [];
    const onLoad = () => loads.push(page.url());
    page.on('load', onLoad);
    await clickNotification();
    await page.waitForURL((url) => url.pathname === `/conversations/${id}`, { timeout: 10_000 });
    await page.getByRole('heading', { name: 'Aino Virtanen', level: 1 }).waitFor();
    page.off('load', onLoad);
    // The console went there itself, without loading the page again.
    expect(loads).toEqual([]);
  });

  it('turns off, and logging out forgets this device on the server and in the browser', async () => {
    await openSettings();
    await expect.poll(() => status().getAttribute('data-push-status')).toBe('on');
    await page.getByRole('button', { name: 'Turn off' }).click();
    await expect.poll(() => status().getAttribute('data-push-status')).toBe('off');
    expect(await myEndpoints()).toEqual([]);
    expect(await page.evaluate((key) => localStorage.getItem(key), STUB_KEY)).toBeNull();

    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect.poll(() => status().getAttribute('data-push-status')).toBe('on');
    expect(await myEndpoints()).toHaveLength(1);

    await page.getByRole('button', { name: /Account menu for/ }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
    expect(await myEndpoints()).toEqual([]);
    expect(await page.evaluate((key) => localStorage.getItem(key), STUB_KEY)).toBeNull();
  });
});
