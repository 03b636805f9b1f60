import { describe, expect, it } from 'vitest';
import { formatRelative } from './format';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);

describe('relative times of past moments', () => {
  it('says how long ago a moment was', () => {
    expect(formatRelative(NOW - 30_000, NOW)).toBe('30 seconds ago');
    expect(formatRelative(NOW - 5 * 60_000, NOW)).toBe('5 minutes ago');
    expect(formatRelative(NOW - 3 * 3_600_000, NOW)).toBe('3 hours ago');
  });

  it('reads a moment just after a coarsely ticking clock as now, not as in the future', () => {
    expect(formatRelative(NOW + 4_000, NOW)).toBe('now');
    expect(formatRelative(NOW, NOW)).toBe('now');
  });
});
