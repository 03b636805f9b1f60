import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, ClosedCalendarError, offsetAt, zonedToInstant, type BusinessCalendar } from './business-time';

const at = (iso: string) => Date.parse(iso);
const H = (h: number, m = 0) => h * 60 + m;
/** Monday to Friday with the same hours; weekends closed. */
const weekdays = (timeZone: string, start: number, end: number, holidays: string[] = []): BusinessCalendar => ({
  timeZone,
  week: [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? [[start, end] as const] : [])),
  holidays: new Set(holidays),
});
const everyDay = (timeZone: string, intervals: (readonly [number, number])[]): BusinessCalendar => ({ timeZone, week: Array.from({ length: 7 }, () => intervals), holidays: new Set() });
const iso = (ms: number) => new Date(ms).toISOString();

describe('time zone arithmetic through Intl', () => {
  it('knows Warsaw is UTC+1 in winter and UTC+2 in summer', () => {
    expect(offsetAt(at('2025-01-15T12:00:00Z'), 'Europe/Warsaw')).toBe(3_600_000);
    expect(offsetAt(at('2025-07-15T12:00:00Z'), 'Europe/Warsaw')).toBe(7_200_000);
  });

  it('maps a wall time to its instant on both sides of a change', () => {
    expect(iso(zonedToInstant(at('2025-03-29T09:00:00Z'), 'Europe/Warsaw'))).toBe('2025-03-29T08:00:00.000Z');
    expect(iso(zonedToInstant(at('2025-03-31T09:00:00Z'), 'Europe/Warsaw'))).toBe('2025-03-31T07:00:00.000Z');
  });

  it('reads a skipped wall time (02:30 on the spring-forward night) as an hour later, and a repeated one as the earlier', () => {
    // Warsaw, 30 March 2025: 02:00 CET becomes 03:00 CEST, so 02:30 never shows; it is 03:30 CEST = 01:30Z.
    expect(iso(zonedToInstant(at('2025-03-30T02:30:00Z'), 'Europe/Warsaw'))).toBe('2025-03-30T01:30:00.000Z');
    // Copenhagen, 26 October 2025: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    expect(iso(zonedToInstant(at('2025-10-26T02:30:00Z'), 'Europe/Copenhagen'))).toBe('2025-10-26T00:30:00.000Z');
  });
});

describe('adding business minutes', () => {
  it('carries a first response across a weekend: Friday 16:30 + 60 min in Warsaw is Monday 09:30', () => {
    const cal = weekdays('Europe/Warsaw', H(9), H(17));
    // Fri 7 March 16:30 CET = 15:30Z; 30 min on Friday, 30 on Monday from 09:00 CET (08:00Z).
    expect(iso(addBusinessMinutes(at('2025-03-07T15:30:00Z'), 60, cal))).toBe('2025-03-10T08:30:00.000Z');
  });

  it('skips a holiday: Monday 16:00 + 120 min with 11 November off is Wednesday 10:00', () => {
    const cal = weekdays('Europe/Warsaw', H(9), H(17), ['2025-11-11']);
    // Mon 10 Nov 16:00 CET = 15:00Z; 60 min Monday, Tuesday closed, 60 min Wednesday from 09:00 CET (08:00Z).
    expect(iso(addBusinessMinutes(at('2025-11-10T15:00:00Z'), 120, cal))).toBe('2025-11-12T09:00:00.000Z');
  });

  it('starts a message that arrives at night at the next opening', () => {
    const cal = weekdays('Europe/Warsaw', H(9), H(17));
    // Tue 4 Nov 23:10 CET; the clock starts Wed 09:00 CET (08:00Z).
    expect(iso(addBusinessMinutes(at('2025-11-04T22:10:00Z'), 15, cal))).toBe('2025-11-05T08:15:00.000Z');
  });

  it('lands exactly on closing time when the target ends there', () => {
    const cal = weekdays('Europe/Warsaw', H(9), H(17));
    expect(iso(addBusinessMinutes(at('2025-11-05T15:00:00Z'), 60, cal))).toBe('2025-11-05T16:00:00.000Z');
  });

  it('uses Warsaw summer time after the spring change: a 24-hour target around the clock ends at 13:00 CEST', () => {
    const cal = everyDay('Europe/Warsaw', [[0, 1440]]);
    // Sat 29 March 12:00 CET = 11:00Z; Sunday has only 23 hours on the clock, so 24 real hours later reads 13:00.
    const due = addBusinessMinutes(at('2025-03-29T11:00:00Z'), 1440, cal);
    expect(iso(due)).toBe('2025-03-30T11:00:00.000Z');
    expect(due + offsetAt(due, 'Europe/Warsaw')).toBe(at('2025-03-30T13:00:00Z'));
  });

  it('opens Helsinki on Monday at 09:00 summer time after a Friday in winter time', () => {
    const cal = weekdays('Europe/Helsinki', H(9), H(17));
    // Fri 28 March 16:00 EET = 14:00Z: 60 min Friday; Mon 31 March 09:00 EEST = 06:00Z, + 60.
    expect(iso(addBusinessMinutes(at('2025-03-28T14:00:00Z'), 120, cal))).toBe('2025-03-31T07:00:00.000Z');
  });

  it('opens Copenhagen on Monday at 08:00 winter time after a Friday in summer time', () => {
    const cal = weekdays('Europe/Copenhagen', H(8), H(16));
    // Fri 24 Oct 15:00 CEST = 13:00Z: 60 min Friday; Mon 27 Oct 08:00 CET = 07:00Z, + 60.
    expect(iso(addBusinessMinutes(at('2025-10-24T13:00:00Z'), 120, cal))).toBe('2025-10-27T08:00:00.000Z');
  });

  it('counts every real minute when there are no business hours', () => {
    expect(addBusinessMinutes(at('2025-03-29T11:00:00Z'), 90, null)).toBe(at('2025-03-29T12:30:00Z'));
  });

  it('refuses a calendar that never opens instead of looping', () => {
    const closed: BusinessCalendar = { timeZone: 'UTC', week: Array.from({ length: 7 }, () => []), holidays: new Set() };
    expect(() => addBusinessMinutes(0, 1, closed)).toThrow(ClosedCalendarError);
  });
});

describe('measuring business minutes', () => {
  it('measures a Friday-to-Monday wait as only its open minutes', () => {
    const cal = weekdays('Europe/Warsaw', H(9), H(17));
    expect(businessMinutesBetween(at('2025-03-07T15:30:00Z'), at('2025-03-10T08:30:00Z'), cal)).toBe(60);
  });

  it('gives the Copenhagen fall-back Sunday 25 hours and the Warsaw spring-forward Sunday 23', () => {
    const cph = everyDay('Europe/Copenhagen', [[0, 1440]]);
    expect(businessMinutesBetween(at('2025-10-25T22:00:00Z'), at('2025-10-26T23:00:00Z'), cph)).toBe(25 * 60);
    const waw = everyDay('Europe/Warsaw', [[0, 1440]]);
    expect(businessMinutesBetween(at('2025-03-29T23:00:00Z'), at('2025-03-30T22:00:00Z'), waw)).toBe(23 * 60);
  });

  it('counts a 02:00-04:00 opening as one hour on the spring-forward night and 02:00-03:00 as two on the fall-back night', () => {
    const waw = everyDay('Europe/Warsaw', [[H(2), H(4)]]);
    expect(businessMinutesBetween(at('2025-03-29T12:00:00Z'), at('2025-03-30T12:00:00Z'), waw)).toBe(60);
    const cph = everyDay('Europe/Copenhagen', [[H(2), H(3)]]);
    expect(businessMinutesBetween(at('2025-10-25T12:00:00Z'), at('2025-10-26T12:00:00Z'), cph)).toBe(120);
  });

  it('is zero for a backwards or empty range and for a holiday', () => {
    const cal = weekdays('Europe/Warsaw', H(9), H(17), ['2025-11-11']);
    expect(businessMinutesBetween(at('2025-11-11T10:00:00Z'), at('2025-11-11T09:00:00Z'), cal)).toBe(0);
    expect(businessMinutesBetween(at('2025-11-10T23:00:00Z'), at('2025-11-11T22:59:00Z'), cal)).toBe(0);
  });

  it('undoes adding, for split days, across a month of changes', () => {
    const cal: BusinessCalendar = {
      timeZone: 'Europe/Helsinki',
      week: [[[H(8), H(12)], [H(13), H(16, 30)]], [[H(8), H(16)]], [[H(8), H(16)]], [[H(8), H(16)]], [[H(8), H(14)]], [[H(10), H(14)]], []],
      holidays: new Set(['2025-04-18', '2025-04-21']),
    };
    for (let start = at('2025-03-20T05:17:00Z'); start < at('2025-04-25T00:00:00Z'); start += 7 * 3_600_000 + 13 * 60_000) {
      for (const minutes of [1, 45, 480, 2000]) {
        const due = addBusinessMinutes(start, minutes, cal);
        expect(businessMinutesBetween(start, due, cal), `${iso(start)} + ${minutes}`).toBeCloseTo(minutes, 6);
      }
    }
  });
});
