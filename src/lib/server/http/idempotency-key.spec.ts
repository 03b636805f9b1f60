import { describe, expect, it } from 'vitest';
import { readIdempotencyKey } from './idempotency-key';

const req = (key?: string) => new Request('http://x/', { headers: key === undefined ? {} : { 'idempotency-key': key } });

describe('Idempotency-Key', () => {
  it('is optional and taken as sent when it is 1 to 200 visible ASCII characters', () => {
    expect(readIdempotencyKey(req())).toBeNull();
    expect(readIdempotencyKey(req('a'))).toBe('a');
    expect(readIdempotencyKey(req('f81d4fae-7dec-11d0-a765-00a0c91e6bf6'))).toBe('f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
    expect(readIdempotencyKey(req('x'.repeat(200)))).toHaveLength(200);
  });

  it('refuses empty or too long keys and keys with spaces, control characters or letters outside ASCII', () => {
    for (const bad of ['', 'x'.repeat(201), 'two words', 'tab\there', 'café']) {
      expect(() => readIdempotencyKey(req(bad)), bad).toThrow(/Idempotency-Key/);
    }
  });
});
