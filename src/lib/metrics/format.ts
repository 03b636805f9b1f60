import * as m from '$lib/paraglide/messages';

/**
 * A duration as a wallboard shows it: seconds under a minute, minutes under an hour, hours and
 * minutes under a day, then days and hours (a big figure has room for about eight characters).
 */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return m.metrics_none();
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return m.metrics_duration_seconds({ s });
  if (s < 3600) return m.metrics_duration_minutes({ m: Math.floor(s / 60) });
  if (s >= 86_400) return m.metrics_duration_days({ d: Math.floor(s / 86_400), h: Math.floor((s % 86_400) / 3600) });
  return m.metrics_duration_hours({ h: Math.floor(s / 3600), m: String(Math.floor((s % 3600) / 60)).padStart(2, '0') });
}

export function formatCsat(average: number | null): string {
  return average === null ? m.metrics_none() : average.toFixed(1);
}
