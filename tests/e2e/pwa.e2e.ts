/**
 * The installable app in Chromium: the manifest and service worker pass the installability
 * check, the console opens with the network cut once visited, and API calls are never answered
 * from a cache.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server';
import { collectErrors, launchPersistent, loginAs } from '../helpers/browser';

let server: TestServer;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first');
  server = await startServer();
  context = await launchPersistent();
  page = context.pages()[0] ?? (await context.newPage());
  await loginAs(page, server.url, ADMIN);
  // The service worker installs, precaches and takes control of the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  // ...and keeps the page it was installed from (loaded before it existed) for offline starts.
  await page.waitForFunction(async () => (await caches.match('/inbox')) !== undefined, undefined, { timeout: 15_000, polling: 200 });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await server?.stop();
});

describe('the installable app', () => {
  it('has no installability errors in Chromium', async () => {
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
    const manifest = (await cdp.send('Page.getAppManifest')) as { errors: { message: string }[]; url: string };
    expect(manifest.errors).toEqual([]);
    expect(manifest.url).toBe(`${server.url}/manifest.webmanifest`);
  });

  it('opens the console with the network cut once it was visited', async () => {
    const errors = collectErrors(page);
    await context.setOffline(true);
    try {
      await page.reload();
      await page.getByRole('heading', { name: 'Mine', level: 2 }).waitFor({ timeout: 15_000 });
      await expect(page.title()).resolves.not.toMatch(/not available|ERR_/i);
      // The header says the network is gone rather than pretending to be online.
      await page.locator('[role="status"]', { hasText: /Offline|Reconnecting/ }).first().waitFor({ timeout: 15_000 });
    } finally {
      await context.setOffline(false);
    }
    expect(errors.filter((e) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED|net::|WebSocket|socket|Failed to load resource/i.test(e))).toEqual([]);
    await page.locator('[role="status"]', { hasText: 'Online' }).first().waitFor({ timeout: 20_000 });
  });

  it('never answers API calls from a cache', async () => {
    await page.evaluate(() => fetch('/api/me').then((r) => r.status));
    const cached = await page.evaluate(async () => {
      const hits: string[] = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) if (new URL(req.url).pathname.startsWith('/api/')) hits.push(req.url);
      }
      return hits;
    });
    expect(cached).toEqual([]);
    await context.setOffline(true);
    try {
      const status = await page.evaluate(() => fetch('/api/me').then((r) => r.status, () => 'network error'));
      expect(status).toBe('network error');
    } finally {
      await context.setOffline(false);
    }
  });
});
