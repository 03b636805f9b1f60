// console-cold, console-switch, console-dom: the real console in Chromium (playwright-core and
// Debian's Chromium), logged in as the supervisor who sees every conversation, on the "All,
// any status" view: the longest list the console can show.
import path from 'node:path';
import { ROOT } from '../lib/build.mjs';
import { alternate, medianOf } from '../lib/alternate.mjs';
import { freshPage, launch, readBench } from '../lib/browser.mjs';
import { forkWorker, sleep } from '../lib/procs.mjs';
import { row } from '../lib/report.mjs';
import { sessionCookie, startApp, startBaseline } from '../lib/servers.mjs';
import { quantile } from '../lib/stats.mjs';
import { inboundBatch } from './ingest.mjs';

const STATIC = path.join(ROOT, 'bench/baselines/static-rows.mjs');
const LOAD = path.join(ROOT, 'bench/load/http-load.mjs');
const VIEW = '/inbox?view=all&status=any';
const ROW = '[data-conversation-id]';

async function consoleOn(ctx, dbPath, info) {
  const app = await startApp(dbPath);
  const cookie = await sessionCookie(app.url, info.supervisor.email, info.supervisor.password);
  return { app, cookie };
}

/** Opens the view in a fresh context and waits until conversation rows are on screen. */
async function openConsole(browser, app, cookie) {
  const p = await freshPage(browser, { base: app.url, cookie });
  await p.page.goto(`${app.url}${VIEW}`);
  await p.page.locator(ROW).first().waitFor({ timeout: 30_000 });
  return p;
}

export async function consoleCold(ctx) {
  const { app, cookie } = await consoleOn(ctx, ctx.db, ctx.large.info);
  const stat = await startBaseline(STATIC);
  const browser = await launch(ctx.chromium);
  try {
    const once = async (url, withCookie) => {
      const p = await freshPage(browser, { base: url, cookie: withCookie ? cookie : null });
      try {
        await p.page.goto(withCookie ? `${url}${VIEW}` : url);
        await p.page.locator(ROW).first().waitFor({ timeout: 30_000 });
        // LCP entries keep coming until the page settles; no input is made (it would end them).
        await sleep(1500);
        const b = await readBench(p.page);
        const last = b.lcp.at(-1);
        if (!last) throw new Error(`no largest-contentful-paint entry${b.no_largest_contentful_paint ? ' (not supported)' : ''}`);
        if (p.errors.length) throw new Error(`page errors: ${p.errors.join('; ')}`);
        return { lcp: last.t, element: last.element, firstRow: b.firstRowAt };
      } finally {
        await p.context.close();
      }
    };
    // One unmeasured load of each: Chromium's own start-up is not the page's.
    await once(app.url, true);
    await once(stat.url, false);
    const reps = ctx.quick ? 2 : 7;
    const { app: a, baseline: b } = await alternate(reps, () => once(app.url, true), () => once(stat.url, false));
    return [
      row({ name: 'console-cold', metric: 'LCP', value: medianOf(a, (r) => r.lcp), baseline: medianOf(b, (r) => r.lcp), unit: 'ms', budget: { max: 1000 }, note: `LCP element: ${a.at(-1).element}` }),
      row({ name: 'console-cold', metric: 'first conversation row painted', value: medianOf(a, (r) => r.firstRow), baseline: medianOf(b, (r) => r.firstRow ?? r.lcp), unit: 'ms' }),
    ];
  } finally {
    await browser.close();
    await Promise.all([app.stop(), stat.stop()]);
  }
}

/** The VList's scroller: scrolls to the end until `rows` rows are loaded or nothing more comes. */
async function scrollLoad(page, rows) {
  const list = page.locator('[role="list"]').first();
  let last = 0;
  let still = 0;
  for (let i = 0; i < 400 && still < 4; i++) {
    const height = await list.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      return el.scrollHeight;
    });
    if (height / 76 >= rows) break;
    still = height === last ? still + 1 : 0;
    last = height;
    await sleep(150);
  }
  const loaded = await list.evaluate((el) => Math.round(el.scrollHeight / 76));
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await sleep(800);
  return loaded;
}

async function domCounts(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const count = (n) => 1 + (n.children ?? []).reduce((s, c) => s + count(c), 0) + (n.shadowRoots ?? []).reduce((s, c) => s + count(c), 0);
  const list = await page.locator('[role="list"]').first().evaluate((el) => el.querySelectorAll('*').length + 1);
  await cdp.detach();
  return { list, document: count(root), metricNodes: metrics.find((m) => m.name === 'Nodes')?.value ?? null };
}

export async function consoleDom(ctx) {
  const browser = await launch(ctx.chromium);
  const measureOn = async (dbPath, info, rows) => {
    const { app, cookie } = await consoleOn(ctx, dbPath, info);
    try {
      const p = await openConsole(browser, app, cookie);
      try {
        const loaded = await scrollLoad(p.page, rows);
        return { ...(await domCounts(p.page)), loaded };
      } finally {
        await p.context.close();
      }
    } finally {
      await app.stop();
    }
  };
  try {
    const target = ctx.quick ? 400 : 2000;
    const large = await measureOn(ctx.db, ctx.large.info, target);
    const small = await measureOn(ctx.smallDb, ctx.small.info, target);
    const sizes = `${ctx.large.info.counts.conversations} vs ${ctx.small.info.counts.conversations} conversations; rows loaded by scrolling: ${large.loaded} vs ${small.loaded}`;
    return [
      row({ name: 'console-dom', metric: 'DOM nodes in the list (large vs small account)', value: large.list, baseline: small.list, unit: 'nodes', budget: { maxRatio: 1.1 }, note: sizes }),
      row({ name: 'console-dom', metric: 'DOM nodes in the document (CDP DOM.getDocument)', value: large.document, baseline: small.document, unit: 'nodes', note: `Performance.getMetrics Nodes: ${large.metricNodes} vs ${small.metricNodes}` }),
    ];
  } finally {
    await browser.close();
  }
}

/** Latency of each click: the longest Event Timing entry of the interaction that began after it. */
function interactionLatencies(events, starts) {
  return starts.map((t, i) => {
    const end = starts[i + 1] ?? Infinity;
    const mine = events.filter((e) => e.start >= t && e.start < end);
    // Entries shorter than 16 ms are not reported (the API's floor): such a click took < 16 ms.
    return mine.length ? Math.max(...mine.map((e) => e.duration)) : 16;
  });
}

export async function consoleSwitch(ctx) {
  const { info } = ctx.large;
  const { app, cookie } = await consoleOn(ctx, ctx.db, info);
  const browser = await launch(ctx.chromium);
  const gen = forkWorker(LOAD);
  try {
    const p = await openConsole(browser, app, cookie);
    const { page } = p;
    await page.locator('[role="status"]', { hasText: 'Online' }).first().waitFor({ timeout: 15_000 });
    const tokens = new Map(info.inboxes.filter((i) => i.inboundToken).map((i) => [i.id, i.inboundToken]));
    const requests = inboundBatch(info, `switch-${Date.now().toString(36)}`, 4000).flatMap((b) =>
      b.messages.map((body) => ({ url: `${app.url}/api/inboxes/${b.inboxId}/inbound`, method: 'POST', headers: { authorization: `Bearer ${tokens.get(b.inboxId)}` }, body })),
    );
    await gen.call('startTicker', { requests, rate: 10 });
    await sleep(2000);
    const phaseStart = await page.evaluate(() => performance.now());
    const clicks = ctx.quick ? 6 : 40;
    const switchStarts = [];
    const noopStarts = [];
    const shown = [];
    let sameRow = 0;
    const heading = page.locator('section h2').first();
    for (let i = 0; i < clicks; i++) {
      // Rows move as messages arrive: like a user, click where a row is now, whatever is there
      // when the click lands, then see which conversation opened.
      const before = await page.evaluate(() => location.pathname);
      const box = await page.locator(`${ROW} a:not([aria-current])`).nth(i % 6).boundingBox();
      const t = await page.evaluate(() => performance.now());
      switchStarts.push(t);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const at = await page
        .waitForFunction(
          (prev) => location.pathname !== prev && location.pathname.startsWith('/conversations/') && document.querySelector('main [role="log"]') && !document.querySelector('main .skeleton') && performance.now(),
          before,
          { timeout: 10_000 },
        )
        .catch(() => null);
      if (!at) {
        sameRow++;
        await sleep(250);
        continue;
      }
      shown.push((await at.jsonValue()) - t);
      await sleep(250);
      noopStarts.push(await page.evaluate(() => performance.now()));
      await heading.click();
      await sleep(250);
    }
    await sleep(300);
    const ticker = await gen.call('stopTicker');
    const b = await readBench(page);
    if (p.errors.length) throw new Error(`page errors: ${p.errors.join('; ')}`);
    const events = b.events.filter((e) => e.start >= phaseStart);
    // Each click's window ends where the next click (of either kind) begins.
    const all = [...switchStarts.map((t) => ({ t, kind: 'switch' })), ...noopStarts.map((t) => ({ t, kind: 'noop' }))].sort((x, y) => x.t - y.t);
    const lat = interactionLatencies(events, all.map((x) => x.t));
    const sw = lat.filter((_, i) => all[i].kind === 'switch');
    const noop = lat.filter((_, i) => all[i].kind === 'noop');
    const long = b.longtasks.filter((l) => l.start >= phaseStart);
    const rate = ticker.sent / ticker.seconds;
    const valid = rate >= 9 && ticker.lateMs < 250;
    const note = `${clicks} switches and ${clicks} no-op clicks while ${rate.toFixed(1)} messages/s arrived (${ticker.errors} errors); click latencies under 16 ms count as 16 (the Event Timing floor)${sameRow ? `; ${sameRow} clicks opened nothing new (the row under the pointer was the open one)` : ''}`;
    return [
      row({ name: 'console-switch', metric: 'interaction latency p99', value: quantile(sw, 0.99), baseline: quantile(noop, 0.99), unit: 'ms', budget: { max: 100 }, valid, note: valid ? note : `${note}; the message sender fell behind` }),
      row({ name: 'console-switch', metric: 'interaction latency p75', value: quantile(sw, 0.75), baseline: quantile(noop, 0.75), unit: 'ms', valid }),
      row({ name: 'console-switch', metric: 'long tasks > 50 ms while switching', value: long.length, unit: 'tasks', budget: { max: 0 }, valid, note: long.length ? `longest ${Math.max(...long.map((l) => l.duration)).toFixed(0)} ms` : undefined }),
      row({ name: 'console-switch', metric: 'click to thread shown p50', value: quantile(shown, 0.5), unit: 'ms', valid }),
    ];
  } finally {
    await gen.call('stopTicker').catch(() => null);
    await gen.stop();
    await browser.close();
    await app.stop();
  }
}
