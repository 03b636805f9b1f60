// Generated databases, cached under bench/.cache/data and keyed by a hash of the schema (the
// migrations) and of the generator, so a rerun reuses them and a schema change regenerates them.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CACHE, ROOT } from '../lib/build.mjs';

export const DATASETS = {
  // The account: 100k conversations, 1M messages, one 10k-message thread, 1000 agents.
  large: { conversations: 100_000, messages: 1_000_000, bigThread: 10_000, agents: 1000, seed: 7 },
  // console-dom's comparison point: 1k conversations.
  small: { conversations: 1_000, messages: 10_000, bigThread: 0, agents: 10, seed: 8 },
  // --quick (CI): the same shapes, small.
  'quick-large': { conversations: 2_000, messages: 20_000, bigThread: 1_000, agents: 200, seed: 7 },
  'quick-small': { conversations: 200, messages: 2_000, bigThread: 0, agents: 10, seed: 8 },
};

const HASHED = ['drizzle', 'bench/app/generate.entry.ts', 'bench/app/dataset-text.ts', 'src/lib/server/inbox/search-text.ts'];

function filesUnder(p) {
  const abs = path.join(ROOT, p);
  if (!fs.statSync(abs).isDirectory()) return [p];
  return fs
    .readdirSync(abs, { recursive: true })
    .map((f) => path.join(p, String(f)))
    .filter((f) => fs.statSync(path.join(ROOT, f)).isFile())
    .sort();
}

/** The cache key: migrations, generator sources and parameters. */
export function schemaHash(params) {
  const h = createHash('sha256');
  for (const f of HASHED.flatMap(filesUnder)) h.update(f).update(fs.readFileSync(path.join(ROOT, f)));
  h.update(JSON.stringify(params));
  return h.digest('hex').slice(0, 16);
}

/**
 * The cached database of a dataset, generated when missing (older versions of the same dataset
 * are deleted). Returns {file, info} where info is the generator's sidecar (ids, tokens).
 */
export function ensureDataset(name, generator, log) {
  const params = DATASETS[name];
  const dir = path.join(CACHE, 'data');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${schemaHash(params)}.db`);
  if (!fs.existsSync(file) || !fs.existsSync(`${file}.json`)) {
    for (const old of fs.readdirSync(dir)) if (old.startsWith(`${name}-`)) fs.rmSync(path.join(dir, old));
    log(`generating dataset ${name} (${params.conversations} conversations, ${params.messages} messages)`);
    const t0 = Date.now();
    execFileSync(process.execPath, [generator, file, JSON.stringify(params)], { cwd: ROOT, stdio: 'inherit' });
    log(`dataset ${name} generated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } else {
    log(`dataset ${name}: cached ${path.relative(ROOT, file)}`);
  }
  return { file, info: JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) };
}

/** A fresh working copy for this run (scenarios write to it; the cached file stays pristine). */
export function workingCopy(dataset, name) {
  const dir = path.join(CACHE, 'run');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.db`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(dataset.file, file);
  return file;
}
