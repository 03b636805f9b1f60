import * as m from '$lib/paraglide/messages';

/** A duration as a wallboard shows it: seconds under a minute, minutes under an hour, then h + min. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return m.metrics_none();
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return m.metrics_duration_seconds({ s });
  if (s < 3600) return m.metrics_duration_minutes({ m: Math.floor(s / 60) });
  return m.metrics_duration_hours({ h: Math.floor(s / 3600), m: String(Math.floor((s % 3600) / 60)).padStart(2, '0') });
}

export function formatCsat(average: number | null): string {
  return average === null ? m.metrics_none() : average.toFixed(1);
}
