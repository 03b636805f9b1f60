import { describe, expect, it } from 'vitest';
import { advanceClock, type ClockPolicy } from './sla-clock';
import { calendarOf } from './sla-policy.match';
import { attainment, firstResponseMs, resolutionMs, targetOutcome, type CalendarLookup } from './response-times';

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;
// Warsaw, Monday to Friday 09:00-17:00 (CET in March: UTC+1).
const warsaw = calendarOf(
  { timeZone: 'Europe/Warsaw', days: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }], thu: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }], sat: [], sun: [] } },
  [],
);
const calendars: CalendarLookup = (id) => (id === 1 ? warsaw : null);

describe('first response and resolution times', () => {
  it('counts only business hours when a policy with hours applies: Friday 16:50 to Monday 09:10 is 20 minutes', () => {
    // Fri 7 March 2025 16:50 CET = 15:50Z; Mon 10 March 09:10 CET = 08:10Z.
    const c = { createdAt: at('2025-03-07T15:50:00Z'), firstReplyAt: at('2025-03-10T08:10:00Z'), resolvedAt: at('2025-03-10T10:00:00Z'), policyId: 1 };
    expect(firstResponseMs(c, calendars)).toBe(20 * MIN);
    // Resolution: 10 min on Friday + 09:00-11:00 CET on Monday = 130 min.
    expect(resolutionMs(c, calendars)).toBe(130 * MIN);
  });

  it('counts every minute without a policy, or under a policy without hours', () => {
    const c = { createdAt: at('2025-03-07T15:50:00Z'), firstReplyAt: at('2025-03-10T08:10:00Z'), resolvedAt: null, policyId: null };
    expect(firstResponseMs(c, calendars)).toBe((2 * 24 * 60 + 16 * 60 + 20) * MIN);
    expect(firstResponseMs({ ...c, policyId: 7 }, calendars)).toBe((2 * 24 * 60 + 16 * 60 + 20) * MIN);
    expect(resolutionMs(c, calendars)).toBeNull();
    expect(firstResponseMs({ ...c, firstReplyAt: null }, calendars)).toBeNull();
  });
});

describe('SLA attainment', () => {
  const policy: ClockPolicy = { id: 1, firstResponseMinutes: 60, resolutionMinutes: null, calendar: warsaw };
  const created = at('2025-03-10T08:00:00Z'); // Monday 09:00 CET

  /** Runs the SLA clock through: open at 09:00, snoozed 09:30-11:00 (or not), replied at 11:20. */
  function firstResponseOutcome(snoozed: boolean) {
    const facts = { createdAt: created, firstReplyAt: null, resolvedAt: null, incidentActive: false };
    let { next } = advanceClock(null, policy, { ...facts, status: 'open' }, created);
    if (snoozed) {
      next = advanceClock(next, policy, { ...facts, status: 'snoozed' }, at('2025-03-10T08:30:00Z')).next;
      next = advanceClock(next, policy, { ...facts, status: 'open' }, at('2025-03-10T10:00:00Z')).next;
    }
    const reply = at('2025-03-10T10:20:00Z');
    next = advanceClock(next, policy, { ...facts, status: 'open', firstReplyAt: reply }, reply).next;
    return targetOutcome(next.firstResponse);
  }

  it('does not count the time a conversation was snoozed: a reply 140 minutes in, 90 of them snoozed, meets a 60-minute target', () => {
    expect(firstResponseOutcome(true)).toBe('met');
    expect(firstResponseOutcome(false)).toBe('breached');
  });

  it('is the share of applicable targets that were met', () => {
    expect(attainment(['met', 'breached', 'met', null, 'met'])).toEqual({ met: 3, breached: 1, rate: 0.75 });
    expect(attainment([null])).toEqual({ met: 0, breached: 0, rate: null });
    expect(targetOutcome({ dueAt: null, breachedAt: null })).toBeNull();
  });
});
