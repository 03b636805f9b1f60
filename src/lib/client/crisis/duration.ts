/** How long something lasted, in the interface's locale: "45 s", "12 min", "1 h 12 min", "2 d 3 h". */
import { getLocale } from '$lib/paraglide/runtime';

type Unit = 'second' | 'minute' | 'hour' | 'day';
const formats = new Map<string, Intl.NumberFormat>();

function part(value: number, unit: Unit, locale: string): string {
  const key = `${locale}:${unit}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' })));
  return f.format(value);
}

export function formatDuration(seconds: number, locale: string = getLocale()): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return part(s, 'second', locale);
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return part(minutes, 'minute', locale);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return [part(hours, 'hour', locale), minutes % 60 ? part(minutes % 60, 'minute', locale) : ''].filter(Boolean).join(' ');
  const days = Math.floor(hours / 24);
  return [part(days, 'day', locale), hours % 24 ? part(hours % 24, 'hour', locale) : ''].filter(Boolean).join(' ');
}

/** Seconds from an ISO time until `now` (or until `end` when it ended). */
export function secondsSince(startIso: string, now: number, endIso?: string | null): number {
  const end = endIso ? Date.parse(endIso) : now;
  return Math.max(0, Math.round((end - Date.parse(startIso)) / 1000));
}
