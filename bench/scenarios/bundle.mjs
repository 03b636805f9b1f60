// bundle: the JavaScript the inbox route makes the browser download (recorded in Chromium on a
// cold load, service worker blocked so its precache does not count), gzip-compressed as the server
// sends it to gzip clients, against an empty SvelteKit route of the same build: the client entry
// and the root layout, the least any route loads (read from Vite's manifest).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT } from '../lib/build.mjs';
import { freshPage, launch } from '../lib/browser.mjs';
import { sleep } from '../lib/procs.mjs';
import { row } from '../lib/report.mjs';
import { sessionCookie, startApp } from '../lib/servers.mjs';

const CLIENT = path.join(ROOT, 'build/client');
const MANIFEST = path.join(ROOT, '.svelte-kit/output/client/.vite/manifest.json');
const SERVER_MANIFEST = path.join(ROOT, '.svelte-kit/output/server/manifest.js');

/** Bytes a gzip client receives for a built file: adapter-node's precompressed .gz, else gzip -9. */
export function gzipSize(file) {
  const abs = path.join(CLIENT, file);
  if (fs.existsSync(`${abs}.gz`)) return fs.statSync(`${abs}.gz`).size;
  return zlib.gzipSync(fs.readFileSync(abs), { level: 9 }).length;
}

/** Files reachable by static imports from the given manifest keys. */
export function staticClosure(manifest, keys) {
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const k of chunk.imports ?? []) visit(k);
  };
  keys.forEach(visit);
  return [...files].filter((f) => f.endsWith('.js'));
}

/** The layout and leaf node numbers of a page route, from SvelteKit's server manifest. */
export function routeNodes(serverManifest, id) {
  const at = serverManifest.indexOf(`id: ${JSON.stringify(id)}`);
  if (at < 0) throw new Error(`route ${id} not in the build`);
  const m = /page: \{ layouts: \[([\d,\s]*)\][^}]*leaf: (\d+)/.exec(serverManifest.slice(at, at + 400));
  if (!m) throw new Error(`route ${id} is not a page`);
  return [...m[1].split(',').filter((s) => s.trim()).map(Number), Number(m[2])];
}

export async function bundle(ctx) {
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
  const key = (suffix) => Object.keys(manifest).find((k) => k.endsWith(suffix));
  const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry && /entry\.js$|generated\/client-optimized\/app\.js$/.test(k));
  const nodeKey = (n) => key(`client-optimized/nodes/${n}.js`);
  const sum = (files) => files.reduce((s, f) => s + gzipSize(f), 0) / 1024;

  const empty = staticClosure(manifest, [...entries, nodeKey(0)]);
  const inboxNodes = routeNodes(fs.readFileSync(SERVER_MANIFEST, 'utf8'), '/(app)/(inbox)/inbox');
  const inboxStatic = staticClosure(manifest, [...entries, ...inboxNodes.map(nodeKey).filter(Boolean)]);

  // What Chromium actually fetched for a cold load of the route.
  const { info } = ctx.large;
  const app = await startApp(ctx.db);
  const browser = await launch(ctx.chromium);
  let loaded = [];
  try {
    const cookie = await sessionCookie(app.url, info.supervisor.email, info.supervisor.password);
    const p = await freshPage(browser, { base: app.url, cookie });
    const scripts = new Set();
    p.page.on('response', (res) => {
      const u = new URL(res.url());
      if (u.origin === app.url && u.pathname.endsWith('.js') && res.status() === 200) scripts.add(u.pathname.slice(1));
    });
    await p.page.goto(`${app.url}/inbox?view=all&status=any`);
    await p.page.locator('[data-conversation-id]').first().waitFor({ timeout: 30_000 });
    await p.page.waitForLoadState('networkidle');
    await sleep(500);
    await p.context.close();
    loaded = [...scripts].filter((f) => fs.existsSync(path.join(CLIENT, f)));
  } finally {
    await browser.close();
    await app.stop();
  }
  const notLoaded = inboxStatic.filter((f) => !loaded.includes(f));
  return [
    row({
      name: 'bundle',
      metric: 'inbox route JavaScript (gzip)',
      value: sum(loaded),
      baseline: sum(empty),
      unit: 'KiB',
      budget: { max: 150 },
      note: `${loaded.length} files fetched by Chromium; static import closure of the route ${sum(inboxStatic).toFixed(1)} KiB in ${inboxStatic.length} files${notLoaded.length ? ` (${notLoaded.length} not fetched)` : ''}; empty route = client entry + root layout, ${empty.length} files`,
    }),
  ];
}
