// The Socket.IO load generator (its own process): many real socket.io-client connections, each
// logged in as an agent with an API token, that time every `message.created` they receive.
import { io } from 'socket.io-client';
import { httpClient } from './http-client.mjs';
import { serveCommands, sleep } from '../lib/procs.mjs';

const client = httpClient(8);
let sockets = [];
/** text of a message being timed -> {t0, latencies[]} */
const pending = new Map();
const stats = { events: 0, frames: 0 };

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

function onMessageCreated(payload) {
  const at = performance.now();
  stats.events++;
  const p = pending.get(payload?.message?.text);
  if (!p) return;
  p.latencies.push(at - p.t0);
  if (p.latencies.length >= p.expect) p.done();
}

function open(url, token) {
  return new Promise((resolve, reject) => {
    // forceNew: one connection per socket, as separate browsers have.
    const s = io(url, { transports: ['websocket'], auth: token ? { token } : {}, forceNew: true, reconnection: false, timeout: 60_000 });
    s.on('message.created', onMessageCreated);
    // Facts committed together (a burst, or a message with its conversation update) share a frame.
    s.on('facts', (events) => {
      for (const e of events) if (e.type === 'message.created') onMessageCreated(e.payload);
    });
    s.onAny(() => stats.frames++);
    s.once('connect', () => resolve(s));
    s.once('connect_error', (err) => reject(new Error(`socket connect failed: ${err.message}`)));
  });
}

/** Connects one socket per token (or `count` anonymous ones), `batch` at a time. */
async function connect({ url, tokens, count, batch = 50 }) {
  const list = tokens ?? Array.from({ length: count }, () => null);
  const t0 = performance.now();
  for (let i = 0; i < list.length; i += batch) {
    sockets.push(...(await Promise.all(list.slice(i, i + batch).map((t) => open(url, t)))));
  }
  return { connected: sockets.length, ms: performance.now() - t0 };
}

async function disconnect() {
  for (const s of sockets) s.disconnect();
  sockets = [];
  await sleep(200);
  return { ok: true };
}

/**
 * Sends `count` messages one after another; each is timed from just before its HTTP request
 * until each of `expect` sockets has its `message.created`. The next one leaves after all arrived
 * (or `timeoutMs`) and a `gapMs` pause, so fan-outs never overlap.
 */
async function fanout({ postUrl, headers, bodies, expect, gapMs = 10, timeoutMs = 10_000, warmup = 5 }) {
  const latencies = [];
  const perMessageP100 = [];
  let missing = 0;
  let done = null;
  for (let i = 0; i < bodies.length; i++) {
    const body = bodies[i];
    if (i === warmup) done = cpuWindow();
    const entry = { t0: 0, latencies: [], expect, done: () => {} };
    const arrived = new Promise((resolve) => {
      entry.done = resolve;
      setTimeout(resolve, timeoutMs);
    });
    pending.set(body.text, entry);
    entry.t0 = performance.now();
    const res = await client.request(postUrl, { method: 'POST', headers, body });
    if (res.status >= 300) throw new Error(`POST ${postUrl} answered ${res.status}: ${res.body.slice(0, 300)}`);
    await arrived;
    pending.delete(body.text);
    if (i >= warmup) {
      latencies.push(...entry.latencies);
      perMessageP100.push(Math.max(...entry.latencies));
      missing += expect - entry.latencies.length;
    }
    await sleep(gapMs);
  }
  return { latencies, perMessageP100, missing, generator: done() };
}

function resetStats() {
  stats.events = 0;
  stats.frames = 0;
  return { ok: true, window: null };
}

let meter = null;
function startMeter() {
  meter = cpuWindow();
  resetStats();
  return { ok: true };
}

function readMeter() {
  return { ...stats, generator: meter ? meter() : null, sockets: sockets.filter((s) => s.connected).length };
}

serveCommands({ connect, disconnect, fanout, startMeter, readMeter });
