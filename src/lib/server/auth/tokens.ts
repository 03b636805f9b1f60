import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for a cookie or bearer token; only its hash is stored. */
export const newSecret = (prefix = '') => prefix + randomBytes(32).toString('base64url');

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
