// `npm start`: builds when the sources are newer than the build, then runs the server.
import { execSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_ENTRY, buildIsStale } from './build-state.mjs';

if (buildIsStale()) {
  console.log('Building Switchboard (first start or changed sources)...');
  execSync('npm run build', { stdio: 'inherit' });
}
await import(pathToFileURL(path.resolve(SERVER_ENTRY)).href);
