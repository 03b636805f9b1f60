import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
  it('turns http, https, bare domain and email addresses into links', () => {
    expect(linkify('See https://a.example/x?y=1, www.b-shop.com or write to help@c-shop.org.')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://a.example/x?y=1', href: 'https://a.example/x?y=1' },
      { kind: 'text', text: ', ' },
      { kind: 'link', text: 'www.b-shop.com', href: 'http://www.b-shop.com' },
      { kind: 'text', text: ' or write to ' },
      { kind: 'link', text: 'help@c-shop.org', href: 'mailto:help@c-shop.org' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('leaves javascript:, data: and other schemes as plain text', () => {
    const parts = linkify('javascript:alert(1) data:text/html,x ftp://files.example/a vbscript:x');
    expect(parts.every((p) => p.kind === 'text')).toBe(true);
    expect(parts.map((p) => p.text).join('')).toBe('javascript:alert(1) data:text/html,x ftp://files.example/a vbscript:x');
  });

  it('keeps markup as text, to be rendered as text nodes', () => {
    expect(linkify('<img src=x onerror=alert(1)> <b>hi</b>')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)> <b>hi</b>' }]);
  });

  it('keeps the whole text, line breaks included', () => {
    const text = 'one\nhttp://x.example\n\nthree';
    expect(linkify(text).map((p) => p.text).join('')).toBe(text);
  });
});
