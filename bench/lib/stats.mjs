// Order statistics for latency samples and repetitions.

/** The q-quantile (0..1) by nearest rank on a sorted copy; NaN for no samples. */
export function quantile(samples, q) {
  if (!samples.length) return NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.ceil(q * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export const median = (values) => quantile(values, 0.5);

/** p50/p75/p99/max of one batch of latencies. */
export function summarize(samples) {
  return {
    n: samples.length,
    p50: quantile(samples, 0.5),
    p75: quantile(samples, 0.75),
    p99: quantile(samples, 0.99),
    max: samples.length ? Math.max(...samples) : NaN,
  };
}

/** Rounds for display and JSON: 3 significant decimals at most, integers stay integers. */
export function round(value, digits = 2) {
  if (value === null || value === undefined || !Number.isFinite(value)) return value ?? null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
