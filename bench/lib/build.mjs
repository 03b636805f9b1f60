// Builds what the suite needs: the app (npm run build, reused unless a source is newer) and the
// bench's own entries that run app code outside the server (data generator, ingest worker,
// raw-SQL baseline), bundled by esbuild exactly as scripts/build-server.mjs bundles server.ts.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { buildIsStale, SERVER_ENTRY } from '../../scripts/build-state.mjs';

export const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
export const CACHE = path.join(ROOT, 'bench', '.cache');
export const DIST = path.join(CACHE, 'dist');

export function ensureAppBuild(log) {
  if (!buildIsStale(ROOT)) {
    log(`using the existing build (${SERVER_ENTRY} is newer than the sources)`);
    return;
  }
  log('the build is stale: npm run build');
  execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
}

const ENTRIES = ['generate', 'ingest', 'bare-sql'];

/** Bundles bench/app/<name>.entry.ts to bench/.cache/dist/<name>.mjs; returns the paths by name. */
export async function bundleBenchEntries() {
  fs.mkdirSync(DIST, { recursive: true });
  const out = {};
  await Promise.all(
    ENTRIES.map(async (name) => {
      out[name] = path.join(DIST, `${name}.mjs`);
      await build({
        entryPoints: [path.join(ROOT, 'bench', 'app', `${name}.entry.ts`)],
        outfile: out[name],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        tsconfig: path.join(ROOT, 'tsconfig.json'),
        sourcemap: true,
        logLevel: 'warning',
      });
    }),
  );
  return out;
}
