import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BODY_WRAPPER_STYLE_HASH, cachedResponse, etagOf, STATUS_PAGE_CSP, THEME_SCRIPT_HASH } from './status-http';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('the status page HTTP answers', () => {
  it('allow exactly the inline theme script and the one style attribute of src/app.html, nothing else inline', () => {
    const html = readFileSync('src/app.html', 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(THEME_SCRIPT_HASH).toBe(sha256(scripts[0]!));
    const styles = [...html.matchAll(/\sstyle="([^"]*)"/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    expect(BODY_WRAPPER_STYLE_HASH).toBe(sha256(styles[0]!));
    expect(STATUS_PAGE_CSP).toContain(`script-src ${THEME_SCRIPT_HASH};`);
    expect(STATUS_PAGE_CSP).toContain(`style-src 'self' 'unsafe-hashes' ${BODY_WRAPPER_STYLE_HASH};`);
    expect(STATUS_PAGE_CSP).toContain("frame-ancestors 'none'");
  });

  it('answer 304 to a client holding the same body, and the body with its ETag otherwise', async () => {
    const body = '{"a":1}';
    const fresh = cachedResponse(new Request('http://x/status.json'), body, { 'content-type': 'application/json' });
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toBe(body);
    expect(fresh.headers.get('etag')).toBe(etagOf(body));
    expect(fresh.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const again = cachedResponse(new Request('http://x/status.json', { headers: { 'if-none-match': `"other", ${etagOf(body)}` } }), body, {});
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(cachedResponse(new Request('http://x/', { headers: { 'if-none-match': '"stale"' } }), body, {}).status).toBe(200);
  });
});
