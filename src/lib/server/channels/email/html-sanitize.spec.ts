import { describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from './html-sanitize';

describe('email HTML sanitising', () => {
  it('removes scripts, event handlers, javascript: links and active elements', () => {
    const out = sanitizeEmailHtml(
      '<p onclick="steal()">Hi<script>alert(1)</script></p><a href="javascript:alert(1)">x</a><svg><circle/></svg><iframe src="https://x"></iframe><object data="x"></object><form><input></form><link rel="stylesheet" href="x"><meta http-equiv="refresh"><base href="https://evil">',
    );
    expect(out).not.toMatch(/script|onclick|javascript:|<svg|<iframe|<object|<form|<input|<link|<meta|<base/i);
    expect(out).toContain('<p>Hi</p>');
  });

  it('keeps inline styles, quoted history markers and http images but drops CSS that loads things', () => {
    const out = sanitizeEmailHtml(
      '<div class="gmail_quote" style="color: red; background: url(https://t.example/p.gif)"><blockquote type="cite">old</blockquote></div><img src="https://example.com/a.png">',
    );
    expect(out).toContain('class="gmail_quote"');
    expect(out).toContain('style="color:red"');
    expect(out).toContain('<blockquote type="cite">old</blockquote>');
    expect(out).toContain('<img src="https://example.com/a.png" />');
  });

  it('turns cid: images into data: URIs and drops unknown cids and non-image data URIs', () => {
    const png = Buffer.from([137, 80, 78, 71]);
    const out = sanitizeEmailHtml('<img src="cid:logo@acme"><img src="cid:missing"><img src="data:text/html;base64,PHNjcmlwdD4=">', [
      { contentId: '<logo@acme>', contentType: 'image/png', content: png },
    ]);
    expect(out).toBe(`<img src="data:image/png;base64,${png.toString('base64')}" />`);
  });

  it('opens links in a new context without a referrer', () => {
    expect(sanitizeEmailHtml('<a href="https://acme.test">x</a>')).toBe('<a href="https://acme.test" target="_blank" rel="noopener noreferrer nofollow">x</a>');
  });
});
