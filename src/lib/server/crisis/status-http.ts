import { createHash } from 'node:crypto';

/**
 * Public status answers may be cached by browsers and proxies for a few seconds: a burst of
 * visitors during an outage then costs the server little, and news is at most ~10 s late.
 */
export const STATUS_CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=20';

/**
 * The page runs no script but the theme line of app.html (a saved dark/light choice), allowed by
 * its hash, as is the template's one style attribute; status-http.spec.ts checks both hashes
 * against the template.
 */
export const THEME_SCRIPT_HASH = "'sha256-6b9sUY0G3rbf7NvH3IjhSsxMP3qyklrPSg7DHgreuxc='";
/** app.html's `<div style="display: contents">` around the body, the only inline style. */
export const BODY_WRAPPER_STYLE_HASH = "'sha256-tcbDxjMo+xKqM21aCGYbs/QAJqB7yUXC06oPWDapBgc='";

export const STATUS_PAGE_CSP = [
  "default-src 'self'",
  `script-src ${THEME_SCRIPT_HASH}`,
  `style-src 'self' 'unsafe-hashes' ${BODY_WRAPPER_STYLE_HASH}`,
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A strong validator for a body, so a reader polling the feed or JSON gets 304 when nothing changed. */
export const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** Answers 304 when the client already holds this body, else the body with the given headers. */
export function cachedResponse(request: Request, body: string, headers: Record<string, string>): Response {
  const etag = etagOf(body);
  const all = { ...headers, etag, 'cache-control': STATUS_CACHE_CONTROL };
  const held = request.headers.get('if-none-match');
  if (held && held.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) return new Response(null, { status: 304, headers: all });
  return new Response(body, { status: 200, headers: all });
}
