import type { IncomingMessage } from 'node:http';

/** Every route but the two file uploads reads at most this much (readJson's own limit). */
export const MAX_BODY_BYTES = 1_000_000;
/** An upload: one 10 MB file plus its multipart envelope. */
export const MAX_UPLOAD_BODY_BYTES = 11 * 1024 * 1024;
const UPLOAD_ROUTES = [/^\/api\/widget\/[^/]+\/uploads\/?(?:\?|$)/, /^\/api\/conversations\/\d+\/attachments\/?(?:\?|$)/];

/**
 * The limit a request's declared body exceeds, or null. Checked before SvelteKit reads anything
 * (adapter-node's BODY_SIZE_LIMIT is one number for all routes, raised to the upload limit;
 * bodies without Content-Length are still cut there).
 */
export function declaredBodyLimitExceeded(req: IncomingMessage): number | null {
  const limit = UPLOAD_ROUTES.some((r) => r.test(req.url ?? '')) ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
  return Number(req.headers['content-length'] ?? 0) > limit ? limit : null;
}
