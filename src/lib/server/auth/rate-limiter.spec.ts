import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';

describe('rate limiter', () => {
  it('blocks after the limit within the window and frees the key when the window passes', () => {
    const limiter = new RateLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) limiter.hit('k', 1000 + i);
    expect(limiter.blocked('k', 2000)).toBe(true);
    expect(limiter.retryAfter('k', 2000)).toBe(59);
    expect(limiter.blocked('k', 61_001)).toBe(false);
    expect(limiter.blocked('other', 2000)).toBe(false);
  });
});
