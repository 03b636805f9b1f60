import { describe, expect, it } from 'vitest';
import { advanceClock, type ClockFacts, type ClockPolicy, type ClockState } from './sla-clock';
import type { BusinessCalendar } from './business-time';

const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());
const warsawOffice: BusinessCalendar = {
  timeZone: 'Europe/Warsaw',
  week: [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? [[9 * 60, 17 * 60] as const] : [])),
  holidays: new Set(),
};
const policy = (over: Partial<ClockPolicy> = {}): ClockPolicy => ({ id: 1, firstResponseMinutes: 60, resolutionMinutes: 480, calendar: null, ...over });
const T0 = at('2025-06-02T08:00:00Z');
const open = (over: Partial<ClockFacts> = {}): ClockFacts => ({ createdAt: T0, status: 'open', firstReplyAt: null, resolvedAt: null, incidentActive: false, ...over });

/** Applies a series of (time, facts) steps, as the event-driven reconcile does. */
function run(p: ClockPolicy | null, steps: [number, ClockFacts][]) {
  let state: ClockState | null = null;
  const breaches: { kind: string; dueAt: string | null; at: string | null }[] = [];
  for (const [now, facts] of steps) {
    const r = advanceClock(state, p, facts, now);
    state = r.next;
    breaches.push(...r.breaches.map((b) => ({ kind: b.kind, dueAt: iso(b.dueAt), at: iso(now) })));
  }
  return { state: state!, breaches };
}

describe('the SLA clock', () => {
  it('sets due times from the start and warns when a quarter of the target is left', () => {
    const { state, breaches } = run(policy(), [[T0, open()]]);
    expect(iso(state.firstResponse.dueAt)).toBe('2025-06-02T09:00:00.000Z');
    expect(iso(state.firstResponse.warnAt)).toBe('2025-06-02T08:45:00.000Z');
    expect(iso(state.resolution.dueAt)).toBe('2025-06-02T16:00:00.000Z');
    expect(iso(state.resolution.warnAt)).toBe('2025-06-02T14:00:00.000Z');
    expect(breaches).toEqual([]);
  });

  it('pauses while snoozed: 100 minutes asleep move a 60-minute first response from 09:00 to 10:40, and nothing is breached meanwhile', () => {
    const { state, breaches } = run(policy(), [
      [T0, open()],
      [T0 + 20 * MIN, open({ status: 'snoozed' })],
      [T0 + 90 * MIN, open({ status: 'snoozed' })], // the sweeper looks in past the old due time
      [T0 + 120 * MIN, open()], // woken: 100 minutes paused
    ]);
    expect(state.pausedAt).toBeNull();
    expect(state.pausedMs).toBe(100 * MIN);
    expect(iso(state.firstResponse.dueAt)).toBe('2025-06-02T10:40:00.000Z');
    expect(breaches).toEqual([]);
  });

  it('counts a snooze in business time: snoozed Friday 16:45 in Warsaw until Monday 10:00 leaves 45 of 60 minutes, due Monday 10:45', () => {
    const fri = at('2025-03-07T15:30:00Z'); // 16:30 CET
    const facts = open({ createdAt: fri });
    const { state } = run(policy({ calendar: warsawOffice }), [
      [fri, facts],
      [at('2025-03-07T15:45:00Z'), { ...facts, status: 'snoozed' }],
      [at('2025-03-10T09:00:00Z'), facts], // Monday 10:00 CET
    ]);
    expect(state.pausedMs).toBe(75 * MIN); // Fri 16:45-17:00 and Mon 09:00-10:00
    expect(iso(state.firstResponse.dueAt)).toBe('2025-03-10T09:45:00.000Z');
  });

  it('pauses while pending, and while linked to an active incident until it is resolved', () => {
    const { state, breaches } = run(policy(), [
      [T0, open()],
      [T0 + 10 * MIN, open({ status: 'pending' })],
      [T0 + 40 * MIN, open()],
      [T0 + 50 * MIN, open({ incidentActive: true })],
      [T0 + 3 * 60 * MIN, open({ incidentActive: true })],
      [T0 + 4 * 60 * MIN, open()], // the incident was resolved
    ]);
    expect(state.pausedMs).toBe((30 + 190) * MIN);
    expect(iso(state.firstResponse.dueAt)).toBe(iso(T0 + (60 + 220) * MIN));
    expect(breaches).toEqual([]);
  });

  it('records a breach once, when the sweeper finds the target due', () => {
    const { state, breaches } = run(policy(), [
      [T0, open()],
      [T0 + 61 * MIN, open()],
      [T0 + 75 * MIN, open()],
    ]);
    expect(breaches).toEqual([{ kind: 'first_response', dueAt: '2025-06-02T09:00:00.000Z', at: '2025-06-02T09:01:00.000Z' }]);
    expect(iso(state.firstResponse.breachedAt)).toBe('2025-06-02T09:01:00.000Z');
  });

  it('records a late first reply as a breach even if no sweep came between, and an early one as met', () => {
    const late = run(policy(), [
      [T0, open()],
      [T0 + 70 * MIN, open({ firstReplyAt: T0 + 70 * MIN })],
    ]);
    expect(late.breaches.map((b) => b.kind)).toEqual(['first_response']);
    const early = run(policy(), [
      [T0, open()],
      [T0 + 30 * MIN, open({ firstReplyAt: T0 + 30 * MIN })],
      [T0 + 24 * 60 * MIN, open({ firstReplyAt: T0 + 30 * MIN, status: 'resolved', resolvedAt: T0 + 7 * 60 * MIN })],
    ]);
    expect(early.breaches).toEqual([]);
    expect(iso(early.state.firstResponse.metAt)).toBe(iso(T0 + 30 * MIN));
    expect(iso(early.state.resolution.metAt)).toBe(iso(T0 + 7 * 60 * MIN));
  });

  it('does not blame a reply given during a pause on the time paused', () => {
    const { breaches } = run(policy(), [
      [T0, open()],
      [T0 + 50 * MIN, open({ status: 'snoozed' })],
      [T0 + 5 * 60 * MIN, open({ status: 'snoozed', firstReplyAt: T0 + 5 * 60 * MIN })],
    ]);
    expect(breaches).toEqual([]);
  });

  it('keeps the resolution clock stopped while resolved and runs it on after a reopen', () => {
    const { state } = run(policy(), [
      [T0, open({ firstReplyAt: T0 + MIN })],
      [T0 + 60 * MIN, open({ firstReplyAt: T0 + MIN, status: 'resolved', resolvedAt: T0 + 60 * MIN })],
      [T0 + 180 * MIN, open({ firstReplyAt: T0 + MIN })],
    ]);
    expect(state.resolution.metAt).toBeNull();
    expect(iso(state.resolution.dueAt)).toBe(iso(T0 + (480 + 120) * MIN));
    expect(iso(state.firstResponse.dueAt), 'a met first response keeps its due time').toBe(iso(T0 + 60 * MIN));
  });

  it('applies a changed policy from the start but keeps a recorded breach', () => {
    const first = run(policy({ firstResponseMinutes: 15 }), [
      [T0, open()],
      [T0 + 20 * MIN, open()],
    ]);
    expect(first.breaches).toHaveLength(1);
    const changed = advanceClock(first.state, policy({ id: 2, firstResponseMinutes: 240 }), open(), T0 + 25 * MIN);
    expect(iso(changed.next.firstResponse.dueAt)).toBe(iso(T0 + 240 * MIN));
    expect(changed.next.firstResponse.breachedAt).toBe(first.state.firstResponse.breachedAt);
    expect(changed.breaches).toEqual([]);
  });

  it('has no targets without a policy, and none for a target the policy leaves out', () => {
    expect(run(null, [[T0, open()]]).state.firstResponse.dueAt).toBeNull();
    const { state } = run(policy({ firstResponseMinutes: null }), [[T0, open()]]);
    expect(state.firstResponse.dueAt).toBeNull();
    expect(state.resolution.dueAt).not.toBeNull();
  });
});
