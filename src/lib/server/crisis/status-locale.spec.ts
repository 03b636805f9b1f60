import { describe, expect, it } from 'vitest';
import { statusLocale } from './status-locale';

describe('the status page language', () => {
  it('follows ?lang= when it names a language of the product, whatever the browser says', () => {
    expect(statusLocale('fi', 'pl-PL,pl;q=0.9')).toBe('fi');
    expect(statusLocale('DA', null)).toBe('da');
  });

  it('ignores an unknown ?lang= and negotiates Accept-Language by quality, then order', () => {
    expect(statusLocale('xx', 'de-DE,de;q=0.9,pl;q=0.8,en;q=0.7')).toBe('pl');
    expect(statusLocale(null, 'en;q=0.5, fi;q=0.9')).toBe('fi');
    expect(statusLocale(null, 'da-DK, en-GB;q=0.8')).toBe('da');
  });

  it('skips languages refused with q=0 and falls back to English', () => {
    expect(statusLocale(null, 'pl;q=0, de')).toBe('en');
    expect(statusLocale(null, null)).toBe('en');
    expect(statusLocale(null, '*')).toBe('en');
  });
});
