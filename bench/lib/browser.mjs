// Debian's Chromium through playwright-core, launched as tests/helpers/browser.ts launches it,
// with observers for the figures the console scenarios report (installed before any page script).
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch(executablePath) {
  if (!fs.existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath, headless: true, args: ARGS });
}

/** Runs in the page before its own scripts: LCP, long tasks, Event Timing, first conversation row. */
function observe() {
  const b = { lcp: [], longtasks: [], events: [], firstRowAt: null };
  window.__bench = b;
  const on = (type, fn, extra = {}) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true, ...extra });
    } catch {
      b[`no_${type}`] = true;
    }
  };
  on('largest-contentful-paint', (e) => b.lcp.push({ t: e.startTime, size: e.size, element: e.element ? `${e.element.tagName.toLowerCase()}${e.element.className ? `.${String(e.element.className).split(' ')[0]}` : ''}` : null }));
  on('longtask', (e) => b.longtasks.push({ start: e.startTime, duration: e.duration }));
  on('event', (e) => e.interactionId && b.events.push({ id: e.interactionId, name: e.name, start: e.startTime, duration: e.duration }), { durationThreshold: 16 });
  const seen = new MutationObserver(() => {
    if (b.firstRowAt === null && document.querySelector('[data-conversation-id]')) {
      seen.disconnect();
      // The frame that shows the row is painted after this callback's task.
      requestAnimationFrame(() => setTimeout(() => (b.firstRowAt ??= performance.now()), 0));
    }
  });
  seen.observe(document, { childList: true, subtree: true });
}

/** A fresh context (empty cache, no service worker) with the session cookie, and a page in it. */
export async function freshPage(browser, { base, cookie, viewport = { width: 1366, height: 800 } }) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport, locale: 'en-US' });
  if (cookie) {
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: base }]);
  }
  await context.addInitScript(observe);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

export const readBench = (page) => page.evaluate(() => window.__bench);
