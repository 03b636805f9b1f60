import { describe, expect, it } from 'vitest';
import { csatAverage, median, p90, percentile, toSeconds } from './stats';

describe('report statistics', () => {
  it('takes the middle value of an odd count and the mean of the two middle values of an even count', () => {
    expect(median([300, 60, 120])).toBe(120);
    expect(median([60, 600, 120, 240])).toBe(180);
    expect(median([])).toBeNull();
  });

  it('gives p90 as the nearest-rank value, which is a value that really occurred', () => {
    // Ten values: the 9th smallest; eleven values: ceil(9.9) = the 10th smallest.
    expect(p90([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])).toBe(90);
    expect(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1000])).toBe(10);
    expect(p90([42])).toBe(42);
    expect(p90([])).toBeNull();
    expect(percentile([5, 1, 3], 50)).toBe(3);
  });

  it('averages CSAT ratings to two decimals and counts them', () => {
    expect(csatAverage([5, 4, 4])).toEqual({ average: 4.33, responses: 3 });
    expect(csatAverage([1, 5])).toEqual({ average: 3, responses: 2 });
    expect(csatAverage([])).toEqual({ average: null, responses: 0 });
  });

  it('rounds milliseconds to whole seconds and keeps null', () => {
    expect(toSeconds(1_499)).toBe(1);
    expect(toSeconds(null)).toBeNull();
  });
});
