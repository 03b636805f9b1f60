import type { IncomingMessage } from 'node:http';

/** Every route but the chat widget's upload reads at most this much (readJson's own limit). */
export const MAX_BODY_BYTES = 1_000_000;
/** The widget upload: a 10 MB file plus the multipart envelope. */
export const MAX_UPLOAD_BYTES = 11 * 1024 * 1024;
const UPLOAD_ROUTE = /^\/api\/widget\/[^/]+\/uploads(?:\?|$)/;

/**
 * Refuses, before SvelteKit starts reading it, a body whose declared length is over the limit
 * for its route. (adapter-node's BODY_SIZE_LIMIT is one number for all routes and is raised to
 * the upload limit; bodies without Content-Length are still cut there.)
 */
export function declaredBodyTooLarge(req: IncomingMessage): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return length > (UPLOAD_ROUTE.test(req.url ?? '') ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES);
}
