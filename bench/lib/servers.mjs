// The processes under test: the real app (build/server.js, started with the same environment as
// tests/helpers/server.ts) and the bare baselines, each on a free port in its own process.
import path from 'node:path';
import { ROOT } from './build.mjs';
import { freePort, sleep, spawnNode, stopChild } from './procs.mjs';

export const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };

async function waitFor(url, child, what, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}:\n${child.logs.join('').slice(-3000)}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`${what} did not start:\n${child.logs.join('').slice(-3000)}`);
}

function handle(child, url, port) {
  return { url, port, pid: child.pid, child, logs: child.logs, stop: () => stopChild(child) };
}

/**
 * build/server.js on its own port and SQLite file, as the integration tests run it.
 * BENCH_APP_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=.scratch/prof`) goes to its node, to
 * profile the server under a scenario's load; the profile is written when it stops.
 */
export async function startApp(dbPath, env = {}) {
  const port = await freePort();
  const smtpPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnNode(path.join(ROOT, 'build/server.js'), [], {
    nodeArgs: process.env.BENCH_APP_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATABASE_URL: `file:${dbPath}`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      JOB_POLL_MS: '100',
      SMTP_PORT: String(smtpPort),
      SMTP_HOST: '127.0.0.1',
      NODE_ENV: 'production',
      ...env,
    },
  });
  await waitFor(`${url}/healthz`, child, 'the app server');
  return handle(child, url, port);
}

/** A baseline server script (bench/baselines/*.mjs or a bundled entry) given its port as last argument. */
export async function startBaseline(script, args = [], readyPath = '/') {
  const port = await freePort();
  const child = spawnNode(script, [...args, String(port)]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}${readyPath}`, child, path.basename(script));
  return handle(child, url, port);
}

/** Logs in through the API like the console does; returns the session cookie ("name=value"). */
export async function sessionCookie(base, email, password) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sb_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0];
}
