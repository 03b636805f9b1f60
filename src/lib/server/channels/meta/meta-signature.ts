import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex>` of the raw request bytes, as Meta sends it in `X-Hub-Signature-256`. */
export function signMetaPayload(appSecret: string, raw: Uint8Array): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}

const HEADER = /^sha256=([0-9a-f]{64})$/i;

/**
 * Whether `header` is Meta's signature of exactly these bytes. The HMAC must be computed over the
 * bytes as received: re-serialised JSON differs (escaped unicode, key order, spacing).
 */
export function metaSignatureValid(appSecret: string, raw: Uint8Array, header: string | null): boolean {
  const match = header?.trim().match(HEADER);
  if (!match) return false;
  const given = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  // Both are 32 bytes here, so the comparison itself takes the same time whatever differs.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
