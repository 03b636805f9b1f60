import { describe, expect, it } from 'vitest';
import { formatSlaDuration } from './sla-format';

const MIN = 60_000;

describe('SLA durations', () => {
  it('rounds time left up and time overdue down, in minutes, then hours, then days', () => {
    expect(formatSlaDuration(9.5 * MIN)).toBe('10 min');
    expect(formatSlaDuration(-5.5 * MIN)).toBe('5 min');
    expect(formatSlaDuration(10_000)).toBe('1 min');
    expect(formatSlaDuration(-10_000)).toBe('1 min');
    expect(formatSlaDuration(89 * MIN)).toBe('89 min');
    expect(formatSlaDuration(3 * 60 * MIN)).toBe('3 hr');
    expect(formatSlaDuration(-3 * 24 * 60 * MIN)).toBe('3 days');
  });
});
