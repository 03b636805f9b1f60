import { describe, expect, it } from 'vitest';
import { formatDuration, secondsSince } from './duration';

describe('an incident’s duration', () => {
  it('is given in the largest two units that matter', () => {
    expect(formatDuration(42, 'en')).toBe('42 sec');
    expect(formatDuration(12 * 60 + 5, 'en')).toBe('12 min');
    expect(formatDuration(3600 + 12 * 60, 'en')).toBe('1 hr 12 min');
    expect(formatDuration(2 * 3600, 'en')).toBe('2 hr');
    expect(formatDuration(2 * 86_400 + 3 * 3600 + 59, 'en')).toBe('2 days 3 hr');
  });

  it('is worded in the interface’s language and never negative', () => {
    expect(formatDuration(3600 + 60, 'pl')).toMatch(/^1 godz\. 1 min$/);
    expect(formatDuration(-5, 'en')).toBe('0 sec');
  });

  it('counts to now while running and to the end once resolved', () => {
    const start = '2026-12-01T10:00:00.000Z';
    expect(secondsSince(start, Date.parse('2026-12-01T10:01:30.000Z'))).toBe(90);
    expect(secondsSince(start, Date.parse('2026-12-02T10:00:00.000Z'), '2026-12-01T10:30:00.000Z')).toBe(1800);
  });
});
