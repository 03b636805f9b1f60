import { json } from '@sveltejs/kit';
import { AppError, badRequest } from '$lib/server/errors';
import { api, idParam, requireAuth } from '$lib/server/http/api-handler';
import { MAX_UPLOAD_BYTES } from '$lib/server/inbox/attachment.service';

// The multipart envelope around one file of the maximum size.
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

/** One file (form field `file`) for a later reply in this conversation: 201 with its id. */
export const POST = api(async (event) => {
  const auth = requireAuth(event);
  const id = idParam(event.params.id, 'conversation');
  event.locals.app.conversations.visibleRow(auth, id);
  const type = event.request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\b/i.test(type)) throw new AppError(415, 'unsupported_media_type', 'send the file as multipart/form-data in the field `file`');
  if (Number(event.request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
    throw new AppError(413, 'payload_too_large', `a file may have at most ${MAX_UPLOAD_BYTES} bytes`);
  }
  let form: FormData;
  try {
    form = await event.request.formData();
  } catch (err) {
    if (err instanceof Error && /too large|exceeds|limit/i.test(err.message)) throw new AppError(413, 'payload_too_large', `a file may have at most ${MAX_UPLOAD_BYTES} bytes`);
    throw badRequest('the body is not valid multipart/form-data', 'malformed_form');
  }
  const file = form.get('file');
  if (!(file instanceof File)) throw badRequest('the form needs a file in the field `file`', 'missing_file');
  if (file.size > MAX_UPLOAD_BYTES) throw new AppError(413, 'payload_too_large', `a file may have at most ${MAX_UPLOAD_BYTES} bytes`);
  const data = Buffer.from(await file.arrayBuffer());
  const uploaded = event.locals.app.attachments.upload(auth, id, { filename: file.name, contentType: file.type, data });
  return json(uploaded, { status: 201 });
});
