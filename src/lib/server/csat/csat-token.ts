import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a survey link can be answered. */
export const CSAT_TOKEN_TTL_MS = 30 * 24 * 3600_000;

export type CsatTokenCheck = { ok: true; conversationId: number; expiresAt: number } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

// `<conversation id>.<expiry, seconds in base 36>.<signature>`: short enough for an SMS-length message.
const SHAPE = /^([1-9][0-9]{0,15})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/;

const signature = (secret: Buffer, conversationId: number, expiresSec: number) =>
  createHmac('sha256', secret).update(`csat:v1:${conversationId}:${expiresSec}`).digest();

/**
 * A survey link's token. The signature covers the conversation id and the expiry, so a token
 * rates exactly one conversation and cannot be edited to rate another or to live longer.
 */
export function signCsatToken(secret: Buffer, conversationId: number, expiresAt: number): string {
  const expiresSec = Math.floor(expiresAt / 1000);
  return `${conversationId}.${expiresSec.toString(36)}.${signature(secret, conversationId, expiresSec).toString('base64url')}`;
}

export function verifyCsatToken(secret: Buffer, token: string, now = Date.now()): CsatTokenCheck {
  const m = SHAPE.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const conversationId = Number(m[1]);
  const expiresSec = parseInt(m[2]!, 36);
  if (!Number.isSafeInteger(conversationId) || !Number.isSafeInteger(expiresSec)) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(m[3]!, 'base64url');
  const expected = signature(secret, conversationId, expiresSec);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  if (expiresSec * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, conversationId, expiresAt: expiresSec * 1000 };
}
