// inbox-list and thread-open: what an agent's console asks for, over HTTP to the real server
// (session cookie, SvelteKit, auth, validation, mapping), against the same SQL run raw by a bare
// node:http server on the same database file. One request (group) at a time, so the figures are
// service times, not queueing.
import path from 'node:path';
import { ROOT } from '../lib/build.mjs';
import { alternate, generatorVerdict, medianOf } from '../lib/alternate.mjs';
import { forkWorker } from '../lib/procs.mjs';
import { row } from '../lib/report.mjs';
import { sessionCookie, startApp, startBaseline } from '../lib/servers.mjs';
import { quantile } from '../lib/stats.mjs';

const LOAD = path.join(ROOT, 'bench/load/http-load.mjs');
const HEADER = 'x-sql-statements';

async function setup(ctx) {
  const app = await startApp(ctx.db);
  const bare = await startBaseline(ctx.bundles['bare-sql'], [ctx.db], '/list?user=0&role=admin&limit=1');
  const gen = forkWorker(LOAD);
  const { info } = ctx.large;
  const anna = { ...info.anna, cookie: await sessionCookie(app.url, info.anna.email, info.anna.password), role: 'agent' };
  const sup = { ...info.supervisor, cookie: await sessionCookie(app.url, info.supervisor.email, info.supervisor.password), role: 'supervisor', inboxIds: [] };
  const stop = async () => {
    await gen.stop();
    await Promise.all([app.stop(), bare.stop()]);
  };
  return { app, bare, gen, anna, sup, stop };
}

/** The same request against the app (as the user) and the bare server. */
function pair(s, user, query) {
  const qs = new URLSearchParams({ limit: '50', ...query });
  const bareQs = new URLSearchParams({ ...Object.fromEntries(qs), user: String(user.id), role: user.role, inboxes: user.inboxIds.join(',') });
  return { app: { url: `${s.app.url}/api/conversations?${qs}`, headers: { cookie: user.cookie } }, bare: { url: `${s.bare.url}/list?${bareQs}` } };
}

/** Pages down a view like a scrolling agent to the cursor about `depth` rows in (or as deep as it goes). */
async function cursorAt(s, user, query, depth) {
  let cursor = null;
  const limit = Math.min(200, Math.max(50, Math.floor(depth / 10)));
  for (let seen = 0; seen < depth; seen += limit) {
    const qs = new URLSearchParams({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
    const page = await s.gen.call('fetchJson', { url: `${s.app.url}/api/conversations?${qs}`, headers: { cookie: user.cookie } });
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  if (!cursor) throw new Error(`the view ${JSON.stringify(query)} has no second page`);
  return cursor;
}

/** Counts statements on a second server started with SQL_STATEMENT_HEADER=1 (the timed one runs without). */
async function statementCounts(ctx, groups) {
  const counting = await startApp(ctx.db, { SQL_STATEMENT_HEADER: '1' });
  const gen = forkWorker(LOAD);
  try {
    const rebase = (r) => ({ ...r, url: r.url.replace(/^http:\/\/[^/]+/, counting.url) });
    const res = await gen.call('sequence', { groups: groups.map((g) => g.map(rebase)), rounds: 2, header: HEADER });
    // The second round: the first may create a prepared statement or refresh a session.
    return res.headers.map((perRound) => perRound[perRound.length - 1].map(Number));
  } finally {
    await gen.stop();
    await counting.stop();
  }
}

function sameIds(appBody, bareBody, what) {
  const ids = (b) => JSON.parse(b).items.map((c) => c.id).join(',');
  if (ids(appBody) !== ids(bareBody)) throw new Error(`${what}: the baseline did not return the app's rows; it is not the same query`);
}

export async function inboxList(ctx) {
  const s = await setup(ctx);
  try {
    const { anna, sup } = s;
    const annaOpen = { status: 'open' };
    const views = [
      pair(s, anna, { status: 'open', assignee: 'me' }),
      pair(s, anna, annaOpen),
      pair(s, anna, { status: 'open', assignee: 'none' }),
      pair(s, anna, { status: 'open', inboxId: String(anna.inboxIds[1]) }),
      pair(s, sup, {}),
    ];
    const counts = ctx.large.info.counts.conversations;
    const deep = [
      pair(s, anna, { ...annaOpen, cursor: await cursorAt(s, anna, annaOpen, ctx.quick ? 100 : 2000) }),
      pair(s, sup, { cursor: await cursorAt(s, sup, {}, Math.floor(counts / 2)) }),
    ];
    const all = [...views, ...deep];
    const check = await s.gen.call('sequence', { groups: all.map((v) => [v.app, v.bare]), keepBodies: true });
    check.bodies.forEach(([a, b], i) => sameIds(a, b, `list request ${i}`));

    const rounds = ctx.quick ? 10 : 60;
    const reps = ctx.quick ? 2 : 5;
    const run = (side) => async () => ({
      first: await s.gen.call('sequence', { groups: views.map((v) => [v[side]]), rounds }),
      deep: await s.gen.call('sequence', { groups: deep.map((v) => [v[side]]), rounds }),
    });
    const { app: a, baseline: b } = await alternate(reps, run('app'), run('bare'));
    const lat = (kind, q) => (r) => quantile(r[kind].latencies.flat(), q);
    const verdict = generatorVerdict([...a, ...b].flatMap((r) => [r.first.generator, r.deep.generator]));
    const statements = await statementCounts(ctx, all.map((v) => [v.app]));
    const budget = { max: 5, maxRatio: 1.3 };
    return [
      row({ name: 'inbox-list', metric: 'p99 first page', value: medianOf(a, lat('first', 0.99)), baseline: medianOf(b, lat('first', 0.99)), unit: 'ms', budget, ...verdict }),
      row({ name: 'inbox-list', metric: 'p99 deep page', value: medianOf(a, lat('deep', 0.99)), baseline: medianOf(b, lat('deep', 0.99)), unit: 'ms', budget, ...verdict }),
      row({ name: 'inbox-list', metric: 'p50 first page', value: medianOf(a, lat('first', 0.5)), baseline: medianOf(b, lat('first', 0.5)), unit: 'ms', valid: verdict.valid }),
      row({ name: 'inbox-list', metric: 'p50 deep page', value: medianOf(a, lat('deep', 0.5)), baseline: medianOf(b, lat('deep', 0.5)), unit: 'ms', valid: verdict.valid }),
      row({ name: 'inbox-list', metric: 'SQL statements per request', value: Math.max(...statements.flat()), unit: 'stmts', budget: { max: 3 }, note: `per view: ${statements.map((c) => c[0]).join(', ')}` }),
    ];
  } finally {
    await s.stop();
  }
}

export async function threadOpen(ctx) {
  const s = await setup(ctx);
  try {
    const { anna } = s;
    const id = ctx.large.info.bigThread.conversationId;
    const app = [
      { url: `${s.app.url}/api/conversations/${id}`, headers: { cookie: anna.cookie } },
      { url: `${s.app.url}/api/conversations/${id}/messages?limit=50`, headers: { cookie: anna.cookie } },
    ];
    const bare = [{ url: `${s.bare.url}/detail?id=${id}&user=${anna.id}` }, { url: `${s.bare.url}/messages?id=${id}&limit=50` }];
    const check = await s.gen.call('sequence', { groups: [[app[1], bare[1]]], keepBodies: true });
    sameIds(check.bodies[0][0], check.bodies[0][1], 'thread');

    const rounds = ctx.quick ? 20 : 150;
    const reps = ctx.quick ? 2 : 5;
    const { app: a, baseline: b } = await alternate(
      reps,
      () => s.gen.call('sequence', { groups: [app], rounds }),
      () => s.gen.call('sequence', { groups: [bare], rounds }),
    );
    const lat = (q) => (r) => quantile(r.latencies[0], q);
    const verdict = generatorVerdict([...a, ...b].map((r) => r.generator));
    const [[detail, messages]] = await statementCounts(ctx, [app]);
    const label = `${ctx.large.info.bigThread.messages / 1000}k-message thread`;
    return [
      row({ name: 'thread-open', metric: `p99 open (${label})`, value: medianOf(a, lat(0.99)), baseline: medianOf(b, lat(0.99)), unit: 'ms', budget: { max: 5 }, ...verdict }),
      row({ name: 'thread-open', metric: 'p50 open', value: medianOf(a, lat(0.5)), baseline: medianOf(b, lat(0.5)), unit: 'ms', valid: verdict.valid }),
      row({ name: 'thread-open', metric: 'SQL statements (detail + messages)', value: detail + messages, unit: 'stmts', note: `detail ${detail}, messages ${messages}` }),
    ];
  } finally {
    await s.stop();
  }
}
