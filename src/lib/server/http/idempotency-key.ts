import { AppError } from '../errors';

/** 1 to 200 visible ASCII characters (no spaces or control characters). */
const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * The request's `Idempotency-Key` header: a repeated request with the same key answers what the
 * first one did instead of doing it again. Null when absent; anything malformed is a 400.
 */
export function readIdempotencyKey(request: Request): string | null {
  const value = request.headers.get('idempotency-key');
  if (value === null) return null;
  if (!KEY.test(value)) throw new AppError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1 to 200 visible ASCII characters');
  return value;
}
