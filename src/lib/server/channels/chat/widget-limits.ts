import { RateLimiter } from '../../auth/rate-limiter';
import { AppError } from '../../errors';

/**
 * Limits for anonymous callers. In memory, like the login limiter: one process serves the
 * embedded SQLite deployment.
 */
export const widgetLimits = {
  connectionsPerIp: new RateLimiter(60, 60_000),
  messagesPerVisitor: new RateLimiter(20, 60_000),
  messagesPerIp: new RateLimiter(60, 60_000),
  uploadsPerVisitor: new RateLimiter(10, 10 * 60_000),
  /** Every event of one socket (typing, read reports, email): cheap, but each reads the database. */
  eventsPerSocket: new RateLimiter(240, 60_000),
};

/** Counts one attempt on every key; refuses when any key is over its limit. */
export function spend(pairs: [RateLimiter, string][], what: string) {
  const over = pairs.find(([limiter, key]) => limiter.blocked(key));
  if (over) throw new AppError(429, 'rate_limited', `too many ${what}; try again in ${over[0].retryAfter(over[1])} s`);
  for (const [limiter, key] of pairs) limiter.hit(key);
}

/** The caller's address; X-Forwarded-For only when a trusted proxy sets it. */
export function clientIp(remote: string | undefined, forwarded: string | string[] | null | undefined, trustProxy: boolean): string {
  const header = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  if (trustProxy && header) return header.split(',')[0]!.trim();
  return remote ?? 'unknown';
}
