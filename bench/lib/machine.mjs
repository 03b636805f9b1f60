// What the figures were measured on: they only compare with figures from the same kind of machine.
import os from 'node:os';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

function chromiumVersion(path) {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function machineInfo(chromiumPath) {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    chromium: fs.existsSync(chromiumPath) ? chromiumVersion(chromiumPath) : null,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
