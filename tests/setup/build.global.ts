import { execSync } from 'node:child_process';
import { buildIsStale } from '../../scripts/build-state.mjs';

/** Integration tests run the real built server; build it once if the sources changed. */
export default function setup() {
  if (buildIsStale()) execSync('npm run build', { stdio: 'inherit' });
}
