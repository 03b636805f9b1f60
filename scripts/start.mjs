// `npm start`: builds when the sources are newer than the build, then runs the server.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = 'build/server.js';

function newest(dir) {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'paraglide' || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(
  ...['src', 'static', 'messages', 'drizzle'].map(newest),
  ...['server.ts', 'package.json', 'svelte.config.js', 'vite.config.ts'].map((f) => fs.statSync(f).mtimeMs),
);
if (!fs.existsSync(entry) || fs.statSync(entry).mtimeMs < sources) {
  console.log('Building Switchboard (first start or changed sources)...');
  execSync('npm run build', { stdio: 'inherit' });
}
await import(pathToFileURL(path.resolve(entry)).href);
