import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { metaSignatureValid, signMetaPayload } from './meta-signature';

const SECRET = 'f3b2c1d0e9a8b7c6d5e4f3a2b1c0d9e8';
// Meta escapes non-ASCII in its JSON; the HMAC covers these bytes, not a re-serialisation.
const raw = Buffer.from('{"object":"page","entry":[{"id":"1","messaging":[{"message":{"mid":"m_1","text":"Zam\\u00f3wienie"}}]}]}');
const hmac = (secret: string, bytes: Uint8Array) => createHmac('sha256', secret).update(bytes).digest('hex');

describe('Meta webhook signatures', () => {
  it('accepts the HMAC-SHA256 of the raw bytes keyed with the app secret', () => {
    expect(metaSignatureValid(SECRET, raw, `sha256=${hmac(SECRET, raw)}`)).toBe(true);
    expect(signMetaPayload(SECRET, raw)).toBe(`sha256=${hmac(SECRET, raw)}`);
  });

  it('accepts upper-case hex and surrounding spaces, as header values may carry them', () => {
    expect(metaSignatureValid(SECRET, raw, ` sha256=${hmac(SECRET, raw).toUpperCase()} `)).toBe(true);
  });

  it('refuses a missing or empty header', () => {
    expect(metaSignatureValid(SECRET, raw, null)).toBe(false);
    expect(metaSignatureValid(SECRET, raw, '')).toBe(false);
  });

  it('refuses a signature made with another secret', () => {
    expect(metaSignatureValid(SECRET, raw, `sha256=${hmac('another-secret', raw)}`)).toBe(false);
  });

  it('refuses a body changed after signing, even by one byte', () => {
    const signature = `sha256=${hmac(SECRET, raw)}`;
    const tampered = Buffer.from(raw);
    tampered[tampered.length - 5] ^= 1;
    expect(metaSignatureValid(SECRET, tampered, signature)).toBe(false);
  });

  it('refuses the signature of the re-serialised JSON, which is not what Meta signed', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString())));
    expect(reserialised.equals(raw)).toBe(false);
    expect(metaSignatureValid(SECRET, raw, `sha256=${hmac(SECRET, reserialised)}`)).toBe(false);
  });

  it('refuses the old SHA-1 header format, a short digest and non-hex garbage', () => {
    const sha1 = createHmac('sha1', SECRET).update(raw).digest('hex');
    expect(metaSignatureValid(SECRET, raw, `sha1=${sha1}`)).toBe(false);
    expect(metaSignatureValid(SECRET, raw, `sha256=${hmac(SECRET, raw).slice(0, 40)}`)).toBe(false);
    expect(metaSignatureValid(SECRET, raw, `sha256=${'z'.repeat(64)}`)).toBe(false);
  });
});
