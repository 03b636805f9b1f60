import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium through playwright-core (no downloaded browsers). */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Collects console errors and uncaught exceptions of a page, for assertions and failure output. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/** Runs axe-core (from node_modules) in the page; returns serious and critical violations. */
export async function axeSerious(page: Page): Promise<string[]> {
  const source = fs.readFileSync(require_resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  return page.evaluate(async () => {
    // A toast fading in or out has, for a moment, too little contrast: judge what settles.
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

function require_resolve(id: string): string {
  return new URL(import.meta.resolve(id)).pathname;
}

/**
 * A persistent (non-incognito) Chromium profile: service workers, installability checks and
 * storage behave as in an installed browser.
 */
export async function launchPersistent(opts: { viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-chromium-'));
  return chromium.launchPersistentContext(dir, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, viewport: opts.viewport ?? { width: 1024, height: 768 }, locale: 'en-US' });
}

/** Logs in through the login page and waits until the console's socket is up. */
export async function loginAs(page: Page, base: string, user: { email: string; password: string }, path = '/inbox'): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.waitForURL(/\/login/);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === path);
  await page.locator('[role="status"]', { hasText: 'Online' }).first().waitFor({ timeout: 15_000 });
}
