// Child processes: the servers under test, the baselines and the load generators each run in their
// own process, so one never steals the other's event loop and each one's CPU time can be read.
import { execFileSync, fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

let clockTicks = null;
function ticksPerSecond() {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
}

/** Resident set size in bytes, from /proc. */
export function rssBytes(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Measures a process's CPU share over a window: cpu seconds / wall seconds (1.0 = one core busy). */
export function cpuMeter(pid) {
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  return () => {
    const wall = (performance.now() - t0) / 1000;
    return { cpu: cpuSeconds(pid) - cpu0, wall, share: wall > 0 ? (cpuSeconds(pid) - cpu0) / wall : 0 };
  };
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Stops a child: SIGTERM, then SIGKILL after a grace period. */
export async function stopChild(child, graceMs = 10_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A node process with its output kept (shown when something goes wrong). */
export function spawnNode(script, args = [], { env = {}, cwd = process.cwd(), nodeArgs = [] } = {}) {
  const logs = [];
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => logs.push(String(d)));
  child.stderr.on('data', (d) => logs.push(String(d)));
  child.logs = logs;
  return child;
}

/**
 * A worker process driven by request/answer messages over IPC: `await w.call('cmd', args)`.
 * The worker side is `serveCommands` below.
 */
export function forkWorker(script, { env = {}, nodeArgs = [], args = [] } = {}) {
  const logs = [];
  const child = fork(script, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: nodeArgs });
  child.stdout.on('data', (d) => logs.push(String(d)));
  child.stderr.on('data', (d) => logs.push(String(d)));
  let next = 0;
  const pending = new Map();
  child.on('message', (msg) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new Error(`${msg.error}\n--- worker output ---\n${logs.join('').slice(-3000)}`));
  });
  child.on('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`worker ${script} exited with ${code}\n${logs.join('').slice(-3000)}`));
    pending.clear();
  });
  return {
    child,
    pid: child.pid,
    logs,
    call(cmd, args = {}) {
      const id = ++next;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, cmd, args });
      });
    },
    async stop() {
      if (child.connected) child.disconnect();
      await stopChild(child, 5_000);
    },
  };
}

/** The worker side of `forkWorker`: maps commands to async handlers; errors travel back as text. */
export function serveCommands(handlers) {
  process.on('message', async (msg) => {
    try {
      const handler = handlers[msg.cmd];
      if (!handler) throw new Error(`unknown command ${msg.cmd}`);
      const result = await handler(msg.args ?? {});
      process.send({ id: msg.id, ok: true, result });
    } catch (err) {
      process.send({ id: msg.id, ok: false, error: String(err?.stack ?? err) });
    }
  });
  process.on('disconnect', () => process.exit(0));
}
