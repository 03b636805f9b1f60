// ingest-http: customer messages POSTed to the API channel at a fixed offered rate while 200 agents
// are connected (each receives the events of the inboxes they are members of), measured from
// outside: accepted messages per second and latency from each request's due time.
import path from 'node:path';
import { ROOT } from '../lib/build.mjs';
import { GENERATOR_LIMIT } from '../lib/alternate.mjs';
import { forkWorker } from '../lib/procs.mjs';
import { row } from '../lib/report.mjs';
import { startApp } from '../lib/servers.mjs';
import { quantile } from '../lib/stats.mjs';
import { inboundBatch } from './ingest.mjs';

const LOAD = path.join(ROOT, 'bench/load/http-load.mjs');
const CLIENTS = path.join(ROOT, 'bench/load/socket-clients.mjs');
/** A little above the 2000/s budget, so that keeping up means meeting it. */
const OFFERED = 2100;

export async function ingestHttp(ctx) {
  const { info } = ctx.large;
  const agents = info.agents.slice(0, Math.min(200, info.agents.length));
  const durationMs = ctx.quick ? 3000 : 10_000;
  const warmupMs = 1000;
  const app = await startApp(ctx.db);
  const sockets = forkWorker(CLIENTS);
  const gen = forkWorker(LOAD);
  try {
    await sockets.call('connect', { url: app.url, tokens: agents.map((a) => a.token) });
    const tokens = new Map(info.inboxes.filter((i) => i.inboundToken).map((i) => [i.id, i.inboundToken]));
    const batches = inboundBatch(info, `http-${Date.now().toString(36)}`, Math.ceil((OFFERED * (durationMs + warmupMs)) / 1000));
    // Interleave the inboxes, as independent integrations would send.
    const requests = [];
    for (let i = 0; requests.length < batches.reduce((n, b) => n + b.messages.length, 0); i++) {
      for (const b of batches) {
        const body = b.messages[i];
        if (body) requests.push({ url: `${app.url}/api/inboxes/${b.inboxId}/inbound`, method: 'POST', headers: { authorization: `Bearer ${tokens.get(b.inboxId)}` }, body, expect: 201 });
      }
    }
    await sockets.call('startMeter');
    const r = await gen.call('openLoop', { requests, rate: OFFERED, durationMs, warmupMs, maxInFlight: 256 });
    const received = await sockets.call('readMeter');
    const lagP95 = r.lags.length ? quantile(r.lags, 0.95) : 0;
    const problems = [];
    if (r.generator.share >= GENERATOR_LIMIT) problems.push(`the HTTP generator used ${(r.generator.share * 100).toFixed(0)}% of a core`);
    if (received.generator && received.generator.share >= GENERATOR_LIMIT) problems.push(`the socket clients used ${(received.generator.share * 100).toFixed(0)}% of a core`);
    if (lagP95 > 5) problems.push(`the generator sent late (p95 ${lagP95.toFixed(1)} ms behind schedule with room under the in-flight cap): it could not keep the offered rate`);
    const valid = problems.length === 0;
    const note = [
      `${OFFERED}/s offered for ${durationMs / 1000} s, ${r.completed} answered, ${r.errors} errors${r.firstError ? ` (${r.firstError})` : ''}, ${r.heldBack} sends held back by 256 in flight`,
      `${agents.length} agents connected, ${received.events} message.created received`,
      `generator ${(r.generator.share * 100).toFixed(0)}% / socket clients ${((received.generator?.share ?? 0) * 100).toFixed(0)}% of a core`,
      ...problems,
    ].join('; ');
    const accepted = r.errors ? (r.completed - r.errors) / r.seconds : r.throughput;
    return [
      row({ name: 'ingest-http', metric: `accepted msgs/s (${agents.length} agents connected)`, value: accepted, unit: 'msg/s', budget: { min: 2000 }, valid, note }),
      row({ name: 'ingest-http', metric: 'p99 latency', value: quantile(r.latencies, 0.99), unit: 'ms', budget: { max: 50 }, valid }),
      row({ name: 'ingest-http', metric: 'p50 latency', value: quantile(r.latencies, 0.5), unit: 'ms', valid }),
    ];
  } finally {
    await Promise.all([sockets.stop(), gen.stop()]);
    await app.stop();
  }
}
