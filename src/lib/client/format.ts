/** Dates, times, relative times and numbers through Intl, in the interface's locale. */
import { getLocale } from '$lib/paraglide/runtime';

const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>();

function dtf(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `dt:${getLocale()}:${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(getLocale(), options)));
  return f;
}

function rtf(): Intl.RelativeTimeFormat {
  const key = `rt:${getLocale()}`;
  let f = cache.get(key) as Intl.RelativeTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.RelativeTimeFormat(getLocale(), { numeric: 'auto', style: 'narrow' })));
  return f;
}

const toDate = (d: string | number | Date) => (d instanceof Date ? d : new Date(d));

export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  const key = `n:${getLocale()}:${JSON.stringify(options ?? {})}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(getLocale(), options)));
  return f.format(n);
}

/** A badge count: 1 234, or 9 999+ beyond. */
export function formatCount(n: number): string {
  return n > 9_999 ? `${formatNumber(9_999)}+` : formatNumber(n);
}

export function formatTime(d: string | number | Date): string {
  return dtf({ hour: '2-digit', minute: '2-digit' }).format(toDate(d));
}

export function formatDate(d: string | number | Date): string {
  return dtf({ dateStyle: 'medium' }).format(toDate(d));
}

export function formatDateTime(d: string | number | Date): string {
  return dtf({ dateStyle: 'medium', timeStyle: 'short' }).format(toDate(d));
}

/** A day heading in the thread: "Today"-style words come from the relative formatter. */
export function formatDay(d: string | number | Date, now = new Date()): string {
  const date = toDate(d);
  const days = Math.round((startOfDay(date) - startOfDay(now)) / 86_400_000);
  if (days === 0 || days === -1) return capitalize(new Intl.RelativeTimeFormat(getLocale(), { numeric: 'auto' }).format(days, 'day'));
  const sameYear = date.getFullYear() === now.getFullYear();
  return dtf(sameYear ? { weekday: 'long', day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** Compact time for list rows: a time today, a weekday this week, a date before. */
export function formatListTime(d: string | number | Date, now = new Date()): string {
  const date = toDate(d);
  const diff = now.getTime() - date.getTime();
  if (diff < 60_000) return rtf().format(0, 'minute');
  if (diff < 3_600_000) return rtf().format(-Math.floor(diff / 60_000), 'minute');
  if (startOfDay(date) === startOfDay(now)) return formatTime(date);
  if (diff < 6 * 86_400_000) return dtf({ weekday: 'short' }).format(date);
  if (date.getFullYear() === now.getFullYear()) return dtf({ day: 'numeric', month: 'short' }).format(date);
  return dtf({ dateStyle: 'short' }).format(date);
}

/**
 * How long ago a past moment was. Callers tick `now` coarsely (every few seconds), so an event that
 * just arrived can lie slightly after it: that reads as now, never as "in 4 seconds".
 */
export function formatRelative(d: string | number | Date, now = Date.now()): string {
  const diff = Math.min(0, (toDate(d).getTime() - now) / 1000);
  const abs = Math.abs(diff);
  const f = new Intl.RelativeTimeFormat(getLocale(), { numeric: 'auto' });
  if (abs < 60) return f.format(Math.round(diff), 'second');
  if (abs < 3600) return f.format(Math.round(diff / 60), 'minute');
  if (abs < 86_400) return f.format(Math.round(diff / 3600), 'hour');
  if (abs < 30 * 86_400) return f.format(Math.round(diff / 86_400), 'day');
  return formatDate(d);
}

export function isSameDay(a: string | number | Date, b: string | number | Date): boolean {
  return startOfDay(toDate(a)) === startOfDay(toDate(b));
}

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

function capitalize(s: string): string {
  return s.charAt(0).toLocaleUpperCase(getLocale()) + s.slice(1);
}

/** Initials for avatars: first letters of the first and last word. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  const first = words[0]!.charAt(0);
  const last = words.length > 1 ? words[words.length - 1]!.charAt(0) : '';
  return (first + last).toLocaleUpperCase(getLocale());
}
