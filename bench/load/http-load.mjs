// The HTTP load generator (its own process): closed-loop request sequences for latency, an
// open-loop sender at a fixed rate for throughput, and a slow background ticker. It reports its
// own CPU time so the suite can tell when the generator, not the server, was the bottleneck.
import { httpClient } from './http-client.mjs';
import { serveCommands } from '../lib/procs.mjs';

const client = httpClient(256);

function cpuWindow() {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const d = process.cpuUsage(cpu0);
    const wall = (performance.now() - t0) / 1000;
    const cpu = (d.user + d.system) / 1e6;
    return { cpu, wall, share: wall > 0 ? cpu / wall : 0 };
  };
}

async function send(r) {
  const res = await client.request(r.url, r);
  if (res.status !== (r.expect ?? 200)) throw new Error(`${r.method ?? 'GET'} ${r.url} answered ${res.status}: ${res.body.slice(0, 300)}`);
  return res;
}

/**
 * Closed loop, one request group at a time: every group's requests go out together (as a browser
 * sends them) and its latency is the time until the last answer. `header` collects one response
 * header per request (e.g. x-sql-statements).
 */
async function sequence({ groups, rounds = 1, header, keepBodies = false }) {
  const latencies = groups.map(() => []);
  const headers = groups.map(() => []);
  const bodies = [];
  const done = cpuWindow();
  for (let round = 0; round < rounds; round++) {
    for (const [g, group] of groups.entries()) {
      const t0 = performance.now();
      const answers = await Promise.all(group.map(send));
      latencies[g].push(performance.now() - t0);
      if (header) headers[g].push(answers.map((a) => a.headers[header] ?? null));
      if (round === 0 && keepBodies) bodies.push(answers.map((a) => a.body));
    }
  }
  return { latencies, headers, bodies, generator: done() };
}

/** First answers only, e.g. to read a cursor by paging like a scrolling user. */
async function fetchJson({ url, headers }) {
  const res = await send({ url, headers });
  return JSON.parse(res.body);
}

/**
 * Open loop: request i is due at t0 + i/rate whatever happened before (latency counts from the
 * due time, so a stalled server shows as queueing, not as fewer samples). At most `maxInFlight`
 * are outstanding; sends held back by that cap are the server's doing, sends that leave late
 * with room under the cap are the generator's.
 */
async function openLoop({ requests, rate, durationMs, maxInFlight = 256, warmupMs = 1000 }) {
  const total = Math.round((rate * durationMs) / 1000);
  const warm = Math.round((rate * warmupMs) / 1000);
  const latencies = [];
  const lags = [];
  let heldBack = 0;
  let errors = 0;
  let firstError = null;
  let inFlight = 0;
  let next = 0;
  let measuredDone = 0;
  const t0 = performance.now() + 20;
  let cpu = null;
  let measureStart = 0;
  let measureEnd = 0;
  let capped = false;
  await new Promise((resolve) => {
    const pump = () => {
      const now = performance.now();
      while (next < total + warm) {
        const due = t0 + (next * 1000) / rate;
        if (due > now) break;
        if (inFlight >= maxInFlight) {
          heldBack++;
          capped = true;
          break;
        }
        const i = next++;
        if (i === warm) {
          cpu = cpuWindow();
          measureStart = now;
        }
        // Late while catching up on what the server held back is the server's doing; late with
        // room under the cap is the generator's own.
        if (i >= warm && !capped) lags.push(now - due);
        inFlight++;
        const r = requests[i % requests.length];
        client
          .request(r.url, r)
          .then((res) => {
            if (res.status >= 300) {
              errors++;
              firstError ??= `${res.status} ${res.body.slice(0, 200)}`;
            }
          })
          .catch((err) => {
            errors++;
            firstError ??= String(err);
          })
          .finally(() => {
            inFlight--;
            if (i >= warm) {
              latencies.push(performance.now() - due);
              measuredDone++;
              if (measuredDone === total) {
                measureEnd = performance.now();
                resolve();
              }
            }
          });
      }
      if (next >= total + warm || t0 + (next * 1000) / rate > performance.now()) capped = false;
      if (next < total + warm) setTimeout(pump, Math.max(0, Math.min(2, t0 + (next * 1000) / rate - performance.now())));
    };
    pump();
  });
  const seconds = (measureEnd - measureStart) / 1000;
  return { sent: total, completed: measuredDone, errors, firstError, seconds, throughput: total / seconds, latencies, lags, heldBack, generator: cpu() };
}

/** A background sender at a low fixed rate (console-switch's "10 messages/s arrive"). */
let ticker = null;
let tickerStats = null;
function startTicker({ requests, rate }) {
  let i = 0;
  const stats = { sent: 0, errors: 0, lateMs: 0, started: performance.now() };
  const t0 = performance.now();
  const tick = () => {
    const due = t0 + (i * 1000) / rate;
    const now = performance.now();
    stats.lateMs = Math.max(stats.lateMs, now - due);
    const r = requests[i++ % requests.length];
    stats.sent++;
    client.request(r.url, r).then((res) => res.status >= 300 && stats.errors++, () => stats.errors++);
    ticker = setTimeout(tick, Math.max(0, t0 + (i * 1000) / rate - performance.now()));
  };
  tickerStats = stats;
  tick();
  return { ok: true };
}

function stopTicker() {
  const stats = tickerStats;
  clearTimeout(ticker);
  ticker = null;
  tickerStats = null;
  return stats && { ...stats, seconds: (performance.now() - stats.started) / 1000 };
}

serveCommands({ sequence, fetchJson, openLoop, startTicker, stopTicker });
