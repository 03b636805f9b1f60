import { describe, expect, it } from 'vitest';
import { slaStateAt } from '$lib/shared/sla-state';
import { slaSnapshot, type SlaColumns } from './sla-snapshot';

const T = Date.parse('2025-06-02T08:00:00Z');
const MIN = 60_000;
const row = (over: Partial<SlaColumns> = {}): SlaColumns => ({
  slaPolicyId: 1,
  slaPausedAt: null,
  slaFirstResponseDueAt: T + 60 * MIN,
  slaFirstResponseWarnAt: T + 45 * MIN,
  slaFirstResponseMetAt: null,
  slaFirstResponseBreachedAt: null,
  slaResolutionDueAt: T + 480 * MIN,
  slaResolutionWarnAt: T + 360 * MIN,
  slaResolutionMetAt: null,
  slaResolutionBreachedAt: null,
  ...over,
});

describe('what a console shows of the SLA clock', () => {
  it('runs the first response target until the first reply, then the resolution target', () => {
    expect(slaSnapshot(row(), 'open', T)).toMatchObject({ state: 'ok', dueAt: '2025-06-02T09:00:00.000Z', warningAt: '2025-06-02T08:45:00.000Z' });
    expect(slaSnapshot(row({ slaFirstResponseMetAt: T + 5 * MIN }), 'open', T + 10 * MIN)).toMatchObject({ state: 'ok', dueAt: '2025-06-02T16:00:00.000Z' });
  });

  it('turns amber with a quarter left and red at the due time', () => {
    expect(slaSnapshot(row(), 'open', T + 44 * MIN).state).toBe('ok');
    expect(slaSnapshot(row(), 'open', T + 45 * MIN).state).toBe('warning');
    expect(slaSnapshot(row(), 'open', T + 60 * MIN).state).toBe('breached');
  });

  it('says paused while the clock stands, met or breached once resolved, and nothing without a policy', () => {
    expect(slaSnapshot(row({ slaPausedAt: T }), 'snoozed', T + 90 * MIN).state).toBe('paused');
    expect(slaSnapshot(row({ slaPausedAt: T, slaResolutionMetAt: T }), 'resolved', T).state).toBe('met');
    expect(slaSnapshot(row({ slaPausedAt: T, slaFirstResponseBreachedAt: T }), 'resolved', T).state).toBe('breached');
    expect(slaSnapshot(row({ slaPolicyId: null }), 'open', T)).toEqual({ policyId: null, firstResponseDueAt: null, resolutionDueAt: null, dueAt: null, warningAt: null, state: null });
  });

  it('lets a console move a running clock on by itself, but not a paused one', () => {
    const sla = slaSnapshot(row(), 'open', T);
    expect(slaStateAt(sla, T + 50 * MIN)).toBe('warning');
    expect(slaStateAt(sla, T + 61 * MIN)).toBe('breached');
    expect(slaStateAt(slaSnapshot(row({ slaPausedAt: T }), 'pending', T), T + 600 * MIN)).toBe('paused');
  });
});
