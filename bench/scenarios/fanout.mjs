// fanout-50 / fanout-1000: a customer message in through the API channel until `message.created`
// reached every connected agent socket, against a bare Socket.IO server emitting to a room.
import path from 'node:path';
import { ROOT } from '../lib/build.mjs';
import { alternate, generatorVerdict, medianOf } from '../lib/alternate.mjs';
import { forkWorker } from '../lib/procs.mjs';
import { row } from '../lib/report.mjs';
import { startApp, startBaseline } from '../lib/servers.mjs';
import { quantile } from '../lib/stats.mjs';

const CLIENTS = path.join(ROOT, 'bench/load/socket-clients.mjs');
const BARE = path.join(ROOT, 'bench/baselines/bare-socket.mjs');

export async function fanout(ctx, size) {
  const name = `fanout-${size}`;
  const { info } = ctx.large;
  const sockets = Math.min(size, info.agents.length, ctx.quick ? 200 : size);
  const perRep = ctx.quick ? 15 : size >= 1000 ? 40 : 120;
  const reps = ctx.quick ? 2 : 5;
  const app = await startApp(ctx.db);
  const bare = await startBaseline(BARE);
  const genApp = forkWorker(CLIENTS);
  const genBare = forkWorker(CLIENTS);
  try {
    const tokens = info.agents.slice(0, sockets).map((a) => a.token);
    const connected = await genApp.call('connect', { url: app.url, tokens });
    ctx.log(`${name}: ${connected.connected} agent sockets connected to the app in ${(connected.ms / 1000).toFixed(1)} s`);
    await genBare.call('connect', { url: bare.url, count: sockets });
    let n = 0;
    const bodies = (kind) =>
      Array.from({ length: perRep + 5 }, () => {
        const marker = `${name}-${kind}-${++n}-${Date.now().toString(36)}`;
        return kind === 'app' ? { contact: { externalId: `fanout-contact-${n % 20}`, name: 'Fan Out' }, externalMessageId: marker, text: marker } : { text: marker };
      });
    const appPost = { postUrl: `${app.url}/api/inboxes/${info.fanoutInbox.id}/inbound`, headers: { authorization: `Bearer ${info.fanoutInbox.inboundToken}` } };
    const { app: a, baseline: b } = await alternate(
      reps,
      () => genApp.call('fanout', { ...appPost, bodies: bodies('app'), expect: sockets, gapMs: size >= 1000 ? 30 : 10 }),
      () => genBare.call('fanout', { postUrl: `${bare.url}/emit`, headers: {}, bodies: bodies('bare'), expect: sockets, gapMs: size >= 1000 ? 30 : 10 }),
    );
    const verdict = generatorVerdict([...a, ...b].map((r) => r.generator));
    const p = (q) => (r) => quantile(r.latencies, q);
    const label = sockets === size ? '' : ` (${sockets} sockets, quick)`;
    const missing = [...a].reduce((s, r) => s + r.missing, 0);
    return [
      row({ name, metric: `p99 latency${label}`, value: medianOf(a, p(0.99)), baseline: medianOf(b, p(0.99)), unit: 'ms', budget: size >= 1000 ? { max: 100 } : { max: 20, maxRatio: 2 }, ...verdict }),
      row({ name, metric: `p50 latency${label}`, value: medianOf(a, p(0.5)), baseline: medianOf(b, p(0.5)), unit: 'ms', valid: verdict.valid }),
      row({ name, metric: 'deliveries missing', value: missing, unit: 'events', budget: { max: 0 }, note: `${reps} x ${perRep} messages to ${sockets} sockets` }),
      row({ name, metric: `connect ${sockets} agents`, value: connected.ms, unit: 'ms' }),
    ];
  } finally {
    await Promise.all([genApp.stop(), genBare.stop()]);
    await Promise.all([app.stop(), bare.stop()]);
  }
}
