/**
 * `paths` of files on messages: the upload for a reply (multipart, so its request body is
 * written here rather than generated from a JSON schema) and the download.
 */
import { errorResponse, operation, pathParams, type Method, type OperationSpec } from './operations';
import { schemaRef as ref } from './schemas';

type Op = OperationSpec & { requestBody?: unknown };

export function buildEmailPaths() {
  const paths: Record<string, Record<string, unknown>> = {};
  const route = (path: string, ops: Partial<Record<Method, Op>>) => {
    paths[path] = {
      parameters: pathParams(path),
      ...Object.fromEntries(
        Object.entries(ops).map(([method, { requestBody, ...spec }]) => {
          const op: Record<string, unknown> = operation(method as Method, path, spec);
          return [method, { ...op, ...(requestBody ? { requestBody } : {}) }];
        }),
      ),
    };
  };

  route('/api/conversations/{id}/attachments', {
    post: {
      tag: 'Messages',
      operationId: 'uploadAttachment',
      summary: 'Upload a file for a reply',
      description:
        'One file (form field `file`, at most 10 MB) for a later reply in this conversation, for channels that send files (email). Name the returned `id` in `attachmentIds` of `POST /api/conversations/{id}/messages`; a file can be sent with one message only. The file name is made safe (no directories or control characters, at most 150 characters).',
      notFound: 'conversation',
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'The file.' } } },
          },
        },
      },
      success: { 201: { description: 'The stored file.', schema: ref('UploadedAttachment') } },
      errors: {
        400: [
          ['unsupported_for_channel', 'the telegram channel does not send files'],
          ['missing_file', 'the form needs a file in the field `file`'],
          ['empty_file', 'the file is empty'],
          ['malformed_form', 'the body is not valid multipart/form-data'],
        ],
      },
      responses: {
        413: errorResponse('The file is larger than 10 MB', [['payload_too_large', 'a file may have at most 10485760 bytes']]),
        415: errorResponse('The body is not multipart/form-data', [['unsupported_media_type', 'send the file as multipart/form-data in the field `file`']]),
      },
    },
  });

  route('/api/attachments/{id}', {
    get: {
      tag: 'Messages',
      operationId: 'downloadAttachment',
      summary: 'Download a file of a message',
      description:
        'Always a download: `Content-Disposition: attachment` with an ASCII `filename` and the UTF-8 `filename*` (RFC 5987), `X-Content-Type-Options: nosniff` and a sandboxing Content-Security-Policy, so that a file sent by a customer never runs on this origin. Only members of the inbox (and supervisors and admins) may download; anyone else gets 404.',
      notFound: 'attachment',
      success: {
        200: {
          description: 'The file, with its stored content type.',
          headers: {
            'Content-Disposition': { description: 'attachment; filename="..."; filename*=UTF-8\'\'...', schema: { type: 'string' } },
            'X-Content-Type-Options': { description: 'Always `nosniff`.', schema: { type: 'string' } },
          },
        },
      },
    },
  });

  return paths;
}
