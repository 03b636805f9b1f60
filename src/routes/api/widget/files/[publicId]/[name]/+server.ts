import { api } from '$lib/server/http/api-handler';
import { notFound } from '$lib/server/errors';
import { findUpload } from '$lib/server/channels/chat/chat-uploads';

const INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'text/plain']);

/**
 * A file a visitor sent. The link is the capability (an unguessable id), as agents open it
 * from the thread and the visitor from the widget. Nothing it holds can run on this origin:
 * only images and plain text are shown inline, under a sandboxing CSP.
 */
export const GET = api((event) => {
  const upload = findUpload(event.locals.app, event.params.publicId ?? '');
  if (!upload) throw notFound('file');
  const type = upload.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : upload.contentType;
  const disposition = `${INLINE.has(upload.contentType) ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(upload.fileName)}`;
  return new Response(new Uint8Array(upload.data), {
    headers: {
      'content-type': type,
      'content-length': String(upload.size),
      'content-disposition': disposition,
      'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      'cache-control': 'private, max-age=86400, immutable',
      'cross-origin-resource-policy': 'same-site',
    },
  });
});
