// Whether build/ is older than the sources it is made from.
import fs from 'node:fs';
import path from 'node:path';

export const SERVER_ENTRY = 'build/server.js';

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

export function buildIsStale(root = process.cwd()) {
  const at = (p) => path.join(root, p);
  const entry = at(SERVER_ENTRY);
  if (!fs.existsSync(entry)) return true;
  const sources = Math.max(
    ...['src', 'static', 'messages', 'drizzle', 'project.inlang'].map((d) => newest(at(d))),
    ...['server.ts', 'package.json', 'svelte.config.js', 'vite.config.ts'].map((f) => (fs.existsSync(at(f)) ? fs.statSync(at(f)).mtimeMs : 0)),
  );
  return fs.statSync(entry).mtimeMs < sources;
}
