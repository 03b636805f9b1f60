// `npm test`: the whole suite. Builds the app if needed, runs unit and integration tests, then
// the browser tests in Debian's Chromium, and ends with one summary line for CI.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIsStale } from './build-state.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-results-'));

function ensureChromium() {
  if (fs.existsSync(chromium)) return true;
  const root = process.getuid?.() === 0;
  if (root && spawnSync('which', ['apt-get']).status === 0) {
    console.log('Installing Chromium for the browser tests (apt-get install -y chromium)...');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
    return fs.existsSync(chromium);
  }
  console.error(`Browser tests need Chromium at ${chromium}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  return false;
}

function vitest(name, args) {
  const file = path.join(out, `${name}.json`);
  const run = spawnSync('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], { stdio: 'inherit' });
  const report = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
  const code = run.status ?? 1;
  const failed = report?.numFailedTests ?? 0;
  return {
    code,
    passed: report?.numPassedTests ?? 0,
    // A run that failed outside any test (a broken file, a setup error) still counts as a failure.
    failed: code !== 0 && failed === 0 ? 1 : failed,
    skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
  };
}

if (buildIsStale()) execSync('npm run build', { stdio: 'inherit' });
const results = [vitest('unit-integration', [])];
if (ensureChromium()) results.push(vitest('e2e', ['--config', 'vitest.e2e.config.ts']));
else results.push({ code: 1, passed: 0, failed: 1, skipped: 0 });

const sum = (k) => results.reduce((n, r) => n + r[k], 0);
console.log(`\n${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
