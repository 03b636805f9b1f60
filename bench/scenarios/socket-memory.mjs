// socket-memory: resident memory each connected agent socket costs the app (auth context, rooms,
// presence, command handlers) against a bare Socket.IO server holding as many plain sockets.
import path from 'node:path';
import { ROOT } from '../lib/build.mjs';
import { alternate, medianOf } from '../lib/alternate.mjs';
import { cpuSeconds, forkWorker, rssBytes, sleep } from '../lib/procs.mjs';
import { row } from '../lib/report.mjs';
import { startApp, startBaseline } from '../lib/servers.mjs';

const CLIENTS = path.join(ROOT, 'bench/load/socket-clients.mjs');
const BARE = path.join(ROOT, 'bench/baselines/bare-socket.mjs');

/** Waits until the server has stopped working (its CPU time stands still for half a second). */
async function settle(pid, maxMs = 60_000) {
  const until = Date.now() + maxMs;
  let last = cpuSeconds(pid);
  while (Date.now() < until) {
    await sleep(500);
    const now = cpuSeconds(pid);
    if (now - last < 0.02) return;
    last = now;
  }
}

async function measure(server, connectArgs, warmArgs) {
  const gen = forkWorker(CLIENTS);
  try {
    // Warm-up: the first connections load code and fill caches; those bytes are not per socket.
    await gen.call('connect', { ...warmArgs, url: server.url });
    await gen.call('disconnect');
    await settle(server.pid);
    await sleep(1000);
    const before = rssBytes(server.pid);
    const { connected } = await gen.call('connect', { ...connectArgs, url: server.url });
    await settle(server.pid);
    await sleep(1000);
    const after = rssBytes(server.pid);
    return { perSocket: (after - before) / connected, before, after, connected };
  } finally {
    await gen.stop();
    await server.stop();
  }
}

export async function socketMemory(ctx) {
  const { info } = ctx.large;
  const n = Math.min(ctx.quick ? 200 : 1000, info.agents.length);
  const tokens = info.agents.slice(0, n).map((a) => a.token);
  const warm = info.agents.slice(0, 20).map((a) => a.token);
  const reps = ctx.quick ? 1 : 3;
  const { app: a, baseline: b } = await alternate(
    reps,
    async () => measure(await startApp(ctx.db), { tokens }, { tokens: warm }),
    async () => measure(await startBaseline(BARE), { count: n }, { count: 20 }),
  );
  return [
    row({ name: 'socket-memory', metric: `RSS per agent socket (${n} sockets)`, value: medianOf(a, (r) => r.perSocket / 1024), baseline: medianOf(b, (r) => r.perSocket / 1024), unit: 'KiB', budget: { maxRatio: 1.5 } }),
    row({ name: 'socket-memory', metric: `RSS at ${n} sockets`, value: medianOf(a, (r) => r.after / 2 ** 20), baseline: medianOf(b, (r) => r.after / 2 ** 20), unit: 'MiB' }),
  ];
}
