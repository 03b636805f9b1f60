/**
 * Business time: the part of real time that falls inside a time zone's weekly opening hours,
 * minus holidays. Pure and synchronous; only Intl is used to learn a zone's UTC offsets, so
 * daylight-saving changes are exact (a day with a 23-hour local clock has 23 hours to offer).
 *
 * Opening hours are wall-clock intervals per weekday, in minutes since local midnight
 * (`[540, 1020]` is 09:00-17:00; the end may be 1440 for midnight). An instant is open when
 * its local wall time falls inside one. A wall time the clock skips (the spring-forward hour)
 * maps to the instant an hour later, as `Temporal`'s "compatible" disambiguation does; a wall
 * time that happens twice maps to the earlier one.
 */

/** Monday first, as ISO weekday numbers 1-7 (index 0 is Monday). */
export type WeeklyIntervals = readonly (readonly (readonly [start: number, end: number])[])[];

export interface BusinessCalendar {
  timeZone: string;
  /** Seven entries, Monday to Sunday; each a sorted list of non-overlapping [start, end) minutes. */
  week: WeeklyIntervals;
  /** Local dates (`YYYY-MM-DD`) that are closed all day. */
  holidays: ReadonlySet<string>;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** No target needs more than this many days of search; beyond it a calendar is effectively always closed. */
const MAX_DAYS = 3 * 366;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows this IANA zone name. */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time of `instant` in `timeZone`, written as if it were UTC (ms, whole seconds). */
function wallAsUtc(instant: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/** The zone's offset from UTC at `instant`, in ms (Warsaw in summer: +7 200 000). */
export function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallAsUtc(whole, timeZone) - whole;
}

/**
 * The instant at which the zone's clock shows `wall` (a wall-clock time written as if UTC).
 * Real zones change offset at most once within a day, so the offsets 12 h either side are the
 * only candidates.
 */
export function zonedToInstant(wall: number, timeZone: string): number {
  const before = offsetAt(wall - DAY / 2, timeZone);
  const after = offsetAt(wall + DAY / 2, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => offsetAt(t, timeZone) === wall - t);
  if (candidates.length) return Math.min(...candidates);
  // In the skipped hour: read the wall time with the offset from before the change.
  return wall - before;
}

/** A local calendar date as the UTC midnight of the same numbers (only used for day arithmetic). */
function localDay(instant: number, timeZone: string): number {
  const wall = wallAsUtc(instant, timeZone);
  return wall - (((wall % DAY) + DAY) % DAY);
}

const isoDate = (day: number) => new Date(day).toISOString().slice(0, 10);
/** 0 = Monday ... 6 = Sunday. */
const weekdayIndex = (day: number) => (new Date(day).getUTCDay() + 6) % 7;

// Intl is the slow part; the same days come up again and again for the same calendar.
const dayCache = new WeakMap<BusinessCalendar, Map<number, [number, number][]>>();

/** The open intervals of one local day, as instants. */
function openIntervals(day: number, cal: BusinessCalendar): [number, number][] {
  let days = dayCache.get(cal);
  if (!days || days.size > 20_000) dayCache.set(cal, (days = new Map()));
  let found = days.get(day);
  if (!found) {
    found = cal.holidays.has(isoDate(day))
      ? []
      : (cal.week[weekdayIndex(day)] ?? []).map(([s, e]) => [zonedToInstant(day + s * MINUTE, cal.timeZone), zonedToInstant(day + e * MINUTE, cal.timeZone)]);
    days.set(day, found);
  }
  return found;
}

export class ClosedCalendarError extends Error {
  constructor() {
    super('the business hours have no open time within three years');
  }
}

/**
 * The instant at which `ms` of business time has passed after `start`. Without a calendar every
 * moment counts. Zero lands on `start` itself, even outside opening hours.
 */
export function addBusinessTime(start: number, ms: number, cal: BusinessCalendar | null): number {
  if (ms <= 0) return start;
  if (!cal) return start + ms;
  let remaining = ms;
  let day = localDay(start, cal.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, day += DAY) {
    for (const [s, e] of openIntervals(day, cal)) {
      if (e <= start) continue;
      const from = Math.max(s, start);
      if (remaining <= e - from) return from + remaining;
      remaining -= e - from;
    }
  }
  throw new ClosedCalendarError();
}

/** Business time (ms) between two instants; 0 when `to` is not after `from`. */
export function businessTimeBetween(from: number, to: number, cal: BusinessCalendar | null): number {
  if (to <= from) return 0;
  if (!cal) return to - from;
  let total = 0;
  const last = localDay(to, cal.timeZone);
  for (let day = localDay(from, cal.timeZone); day <= last; day += DAY) {
    for (const [s, e] of openIntervals(day, cal)) total += Math.max(0, Math.min(e, to) - Math.max(s, from));
  }
  return total;
}

export const addBusinessMinutes = (start: number, minutes: number, cal: BusinessCalendar | null) => addBusinessTime(start, minutes * MINUTE, cal);
export const businessMinutesBetween = (from: number, to: number, cal: BusinessCalendar | null) => businessTimeBetween(from, to, cal) / MINUTE;
