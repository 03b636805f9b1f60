import { describe, expect, it } from 'vitest';
import { formatBytes, isEmailAddress, splitAddresses } from './email-addresses';

describe('Cc addresses', () => {
  it('splits on commas, semicolons and spaces and takes the address out of "Name <address>"', () => {
    expect(splitAddresses('a@x.com, b@y.org;c@z.net, Bob Smith <bob@q.dk>')).toEqual(['a@x.com', 'b@y.org', 'c@z.net', 'bob@q.dk']);
    expect(splitAddresses('mailto:anna@firma.pl')).toEqual(['anna@firma.pl']);
    expect(splitAddresses(' , ;')).toEqual([]);
  });

  it('accepts plausible addresses only', () => {
    expect(isEmailAddress('anna.nowak@firma.pl')).toBe(true);
    expect(isEmailAddress('anna@')).toBe(false);
    expect(isEmailAddress('Bob')).toBe(false);
    expect(isEmailAddress('a b@c.com')).toBe(false);
  });

  it('formats sizes in binary units', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024, 'en')).toBe('25 MB');
  });
});
