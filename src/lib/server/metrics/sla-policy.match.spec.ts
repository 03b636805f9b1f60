import { describe, expect, it } from 'vitest';
import { calendarOf, matchPolicy, type MatchablePolicy } from './sla-policy.match';

const p = (id: number, inboxIds: number[], priorities: MatchablePolicy['priorities'], enabled = true): MatchablePolicy => ({ id, inboxIds, priorities, enabled });

describe('choosing the SLA policy of a conversation', () => {
  const policies = [p(1, [], []), p(2, [], ['urgent']), p(3, [7], []), p(4, [7], ['urgent', 'high']), p(5, [7], ['urgent']), p(6, [8], [], false)];

  it('prefers the policy naming both the inbox and the priority, the oldest among equals', () => {
    expect(matchPolicy(policies, 7, 'urgent')?.id).toBe(4);
  });

  it('prefers a policy naming the inbox over one naming only the priority', () => {
    expect(matchPolicy(policies, 7, 'normal')?.id).toBe(3);
    expect(matchPolicy([p(2, [], ['normal']), p(3, [7], [])], 7, 'normal')?.id).toBe(3);
  });

  it('falls back to the priority policy, then to the one for everything', () => {
    expect(matchPolicy(policies, 9, 'urgent')?.id).toBe(2);
    expect(matchPolicy(policies, 9, 'low')?.id).toBe(1);
  });

  it('skips disabled policies and answers null when nothing matches', () => {
    expect(matchPolicy(policies, 8, 'low')?.id).toBe(1);
    expect(matchPolicy([p(6, [8], [], false), p(3, [7], [])], 8, 'low')).toBeNull();
  });
});

describe('a policy’s business calendar', () => {
  it('turns HH:MM intervals into sorted minutes per weekday, Monday first', () => {
    const none = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    const cal = calendarOf({ timeZone: 'Europe/Helsinki', days: { ...none, mon: [{ start: '13:00', end: '17:30' }, { start: '08:00', end: '12:00' }], sun: [{ start: '10:00', end: '24:00' }] } }, ['2025-12-24']);
    expect(cal?.week[0]).toEqual([
      [480, 720],
      [780, 1050],
    ]);
    expect(cal?.week[6]).toEqual([[600, 1440]]);
    expect(cal?.holidays.has('2025-12-24')).toBe(true);
    expect(calendarOf(null, [])).toBeNull();
  });
});
