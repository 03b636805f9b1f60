// Baselines are measured in the same run, interleaved with the app (A B, B A, A B, ...), so that a
// noisy neighbour or a warming cache hits both sides alike; the median of the repetitions is kept.
import { median } from './stats.mjs';

export async function alternate(reps, runApp, runBaseline) {
  const app = [];
  const baseline = [];
  for (let i = 0; i < reps; i++) {
    if (i % 2 === 0) {
      app.push(await runApp(i));
      if (runBaseline) baseline.push(await runBaseline(i));
    } else {
      if (runBaseline) baseline.push(await runBaseline(i));
      app.push(await runApp(i));
    }
  }
  return { app, baseline };
}

/** The median over repetitions of one figure of each repetition's result. */
export const medianOf = (results, pick) => median(results.map(pick).filter((v) => Number.isFinite(v)));

/** The load generator was the bottleneck when it kept a core (nearly) busy. */
export const GENERATOR_LIMIT = 0.9;

export function generatorVerdict(windows, label = 'load generator') {
  const worst = Math.max(...windows.filter(Boolean).map((w) => w.share));
  return worst >= GENERATOR_LIMIT
    ? { valid: false, note: `${label} used ${(worst * 100).toFixed(0)}% of a core: it was the bottleneck` }
    : { valid: true, note: `${label} peak ${(worst * 100).toFixed(0)}% of a core` };
}
