import { describe, expect, it } from 'vitest';
import { keyBytes, sameKey } from './push-browser';

describe('server keys', () => {
  it('decodes a URL-safe base64 VAPID key without padding into its bytes', () => {
    const bytes = Uint8Array.from({ length: 65 }, (_, i) => (i * 37 + 251) % 256);
    expect([...keyBytes(Buffer.from(bytes).toString('base64url'))]).toEqual([...bytes]);
  });

  it('tells whether a subscription was made with the given key', () => {
    const key = Buffer.from(Uint8Array.from({ length: 65 }, (_, i) => i)).toString('base64url');
    const other = Buffer.from(Uint8Array.from({ length: 65 }, (_, i) => 64 - i)).toString('base64url');
    expect(sameKey(keyBytes(key).buffer, key)).toBe(true);
    expect(sameKey(keyBytes(other).buffer, key)).toBe(false);
    expect(sameKey(keyBytes(key).slice(1).buffer, key)).toBe(false);
    expect(sameKey(null, key)).toBe(false);
  });
});
