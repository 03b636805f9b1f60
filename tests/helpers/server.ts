import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface TestServer {
  url: string;
  port: number;
  /** The inbound SMTP listener's port. */
  smtpPort: number;
  dbPath: string;
  logs: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Stops (SIGTERM) and starts again on the same port and database. */
  restart(): Promise<void>;
}

async function waitHealthy(url: string, child: ChildProcess, logs: string[], timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${logs.join('')}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not become healthy:\n${logs.join('')}`);
}

/** Runs the built server (build/server.js) on a free port with its own SQLite file. */
export async function startServer(opts: { env?: Record<string, string>; dbPath?: string } = {}): Promise<TestServer> {
  const port = await freePort();
  const smtpPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dbPath = opts.dbPath ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sb-test-')), 'switchboard.db');
  const logs: string[] = [];
  let child: ChildProcess;

  const launch = async () => {
    child = spawn(process.execPath, ['build/server.js'], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: url,
        DATABASE_URL: `file:${dbPath}`,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        JOB_POLL_MS: '100',
        SMTP_PORT: String(smtpPort),
        SMTP_HOST: '127.0.0.1',
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => logs.push(String(d)));
    child.stderr?.on('data', (d) => logs.push(String(d)));
    await waitHealthy(url, child, logs);
  };

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    // A process killed by a signal has no exit code, only a signal code.
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };

  await launch();
  return {
    url,
    port,
    smtpPort,
    dbPath,
    logs,
    stop,
    async restart() {
      await stop();
      await launch();
    },
  };
}
