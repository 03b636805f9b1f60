import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signCsatToken, verifyCsatToken } from './csat-token';

const secret = randomBytes(32);
const NOW = Date.UTC(2026, 11, 1, 4);
const DAY = 24 * 3600_000;

describe('survey link tokens', () => {
  it('verify for the conversation they were signed for until they expire', () => {
    const token = signCsatToken(secret, 42, NOW + 30 * DAY);
    expect(token).toMatch(/^42\.[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyCsatToken(secret, token, NOW)).toEqual({ ok: true, conversationId: 42, expiresAt: Math.floor((NOW + 30 * DAY) / 1000) * 1000 });
    expect(verifyCsatToken(secret, token, NOW + 29 * DAY).ok).toBe(true);
  });

  it('refuse an expired token', () => {
    const token = signCsatToken(secret, 42, NOW + 30 * DAY);
    expect(verifyCsatToken(secret, token, NOW + 30 * DAY + 1000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse a token whose conversation id was changed to another conversation', () => {
    const token = signCsatToken(secret, 42, NOW + DAY);
    const other = token.replace(/^42\./, '43.');
    expect(verifyCsatToken(secret, other, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    // Signing 43 gives a different signature, so no token of 42 rates 43.
    expect(signCsatToken(secret, 43, NOW + DAY).split('.')[2]).not.toBe(token.split('.')[2]);
  });

  it('refuse a token whose expiry or signature was tampered with', () => {
    const token = signCsatToken(secret, 7, NOW + DAY);
    const [id, exp, sig] = token.split('.') as [string, string, string];
    const later = (parseInt(exp, 36) + 3600).toString(36);
    expect(verifyCsatToken(secret, `${id}.${later}.${sig}`, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    // The first character: all six of its bits are signature bits (the last one of 43 carries two
    // padding bits, so flipping its lowest bit can leave the decoded signature as it was).
    const flipped = (sig.startsWith('A') ? 'B' : 'A') + sig.slice(1);
    expect(verifyCsatToken(secret, `${id}.${exp}.${flipped}`, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuse a token signed with another key', () => {
    const token = signCsatToken(randomBytes(32), 7, NOW + DAY);
    expect(verifyCsatToken(secret, token, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuse anything that is not shaped like a token', () => {
    for (const junk of ['', 'abc', '7..x', '0.abc.' + 'A'.repeat(43), '7.abc.' + 'A'.repeat(42), '-7.abc.' + 'A'.repeat(43), '7.ABC.' + 'A'.repeat(43)]) {
      expect(verifyCsatToken(secret, junk, NOW), junk).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
