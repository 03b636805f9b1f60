import { describe, expect, it } from 'vitest';
import { formatDuration } from './format';

describe('wallboard durations', () => {
  it('grow from seconds to minutes, hours and minutes, then days and hours', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(61 * 60)).toBe('1 h 01 min');
    expect(formatDuration(13 * 86_400 + 11 * 3600 + 59 * 60)).toBe('13 d 11 h');
  });
});
