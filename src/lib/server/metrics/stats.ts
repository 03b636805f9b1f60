/**
 * Order statistics for reports. The median averages the two middle values of an even count;
 * p90 is the nearest-rank percentile (the smallest value with at least 90 % of values at or
 * below it), so it is always a value that really occurred.
 */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1];
}

export const p90 = (values: readonly number[]) => percentile(values, 90);

/** Whole seconds from milliseconds, keeping null. */
export const toSeconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

/** Mean of the given ratings and how many there were; null average when there are none. */
export function csatAverage(ratings: readonly number[]): { average: number | null; responses: number } {
  if (!ratings.length) return { average: null, responses: 0 };
  const sum = ratings.reduce((a, b) => a + b, 0);
  return { average: Math.round((sum / ratings.length) * 100) / 100, responses: ratings.length };
}
