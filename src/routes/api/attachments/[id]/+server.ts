import { api, idParam, requireAuth } from '$lib/server/http/api-handler';
import { attachmentDisposition } from '$lib/server/inbox/safe-filename';

/**
 * A file of a message, always as a download: `attachment` disposition and nosniff, so that an
 * HTML or SVG file sent by a customer never runs on the app's origin.
 */
export const GET = api((event) => {
  const auth = requireAuth(event);
  const row = event.locals.app.attachments.download(auth, idParam(event.params.id, 'attachment'));
  return new Response(new Uint8Array(row.data), {
    headers: {
      'content-type': row.contentType,
      'content-length': String(row.size),
      'content-disposition': attachmentDisposition(row.filename),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
    },
  });
});
