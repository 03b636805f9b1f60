/** How long until (or since) an SLA due time, in the interface's language: "12 min", "3 hr", "2 days". */
import { getLocale } from '$lib/paraglide/runtime';

const units = new Map<string, Intl.NumberFormat>();

function unit(u: 'minute' | 'hour' | 'day'): Intl.NumberFormat {
  const key = `${getLocale()}:${u}`;
  let f = units.get(key);
  if (!f) units.set(key, (f = new Intl.NumberFormat(getLocale(), { style: 'unit', unit: u, unitDisplay: u === 'day' ? 'long' : 'short' })));
  return f;
}

/**
 * Whole minutes below 90 minutes, hours below two days, then days; never "0 min". Time left
 * rounds up ("due in 1 min" until it is due), time overdue rounds down, as a clock reads.
 */
export function formatSlaDuration(ms: number): string {
  const minutes = Math.max(1, ms >= 0 ? Math.ceil(ms / 60_000) : Math.floor(-ms / 60_000));
  if (minutes < 90) return unit('minute').format(minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return unit('hour').format(hours);
  return unit('day').format(Math.round(hours / 24));
}
