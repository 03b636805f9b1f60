/**
 * The chat widget's HTTP routes (the socket contract is src/lib/shared/widget-events.ts). Their
 * path parameters are tokens and names, not numeric ids, so they are declared here.
 */
import { WidgetMessage } from '$lib/shared/widget-events';
import { z } from 'zod';
import { errorResponse, operation, type Method, type OperationSpec } from './operations';

const text = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const header = (name: string, description: string, required: boolean) => ({ name, in: 'header', required, description, schema: { type: 'string' } });

type Op = OperationSpec & { parameters?: unknown[]; requestBody?: unknown };

export function buildChatPaths() {
  const paths: Record<string, Record<string, unknown>> = {};
  const route = (path: string, params: unknown[], ops: Partial<Record<Method, Op>>) => {
    paths[path] = {
      parameters: params,
      ...Object.fromEntries(
        Object.entries(ops).map(([method, { parameters, requestBody, ...spec }]) => {
          const op: Record<string, unknown> = operation(method as Method, '/', spec);
          return [method, { ...op, ...(parameters ? { parameters } : {}), ...(requestBody ? { requestBody } : {}) }];
        }),
      ),
    };
  };
  const { $schema: _s, ...messageSchema } = z.toJSONSchema(WidgetMessage, { io: 'output', target: 'draft-2020-12' });

  route('/api/widget/{token}/uploads', [text('token', 'The inbox’s widget token (`wgt_...`).')], {
    post: {
      tag: 'Chat widget',
      operationId: 'uploadWidgetFile',
      summary: 'A visitor sends a file',
      description:
        'Called by the widget frame (same origin). `multipart/form-data` with `file` (PNG, JPEG, GIF, WebP, PDF or UTF-8 text; at most 10 MB; the content must match the type), `clientId` (the widget’s id for the message; a repeat stores nothing new) and, for verified visitors, `identity` (JSON `{userId, email?, name?, userHash}`). The file is stored and posted to the visitor’s conversation as a message with its link. At most 10 uploads per visitor in 10 minutes.',
      auth: 'none',
      parameters: [
        header('X-Visitor-Token', 'The visitor token the widget socket issued (`wvt_...`).', true),
        header('X-Widget-Host', 'The origin of the page embedding the widget; checked against the inbox’s allowed origins.', false),
      ],
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['file', 'clientId'],
              properties: { file: { type: 'string', format: 'binary' }, clientId: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' }, identity: { type: 'string' } },
            },
          },
        },
      },
      success: { 201: { description: 'Stored and posted.', schema: messageSchema } },
      errors: {
        400: [['invalid_request', 'send the file in the form field "file"'], ['empty_file', 'the file is empty']],
        401: [['unknown_visitor', 'the visitor token is missing or unknown; reopen the chat'], ['invalid_identity', 'userHash is not the HMAC-SHA256 of userId with this inbox’s identity secret']],
        403: [['origin_not_allowed', 'this chat may not be embedded on https://evil.example']],
        404: [['unknown_widget', 'no chat inbox has this widget token']],
      },
      responses: {
        413: errorResponse('The file is larger than 10 MB', [['file_too_large', 'files can have at most 10.0 MB'], ['payload_too_large', 'the body is larger than the upload limit']]),
        415: errorResponse('Not an allowed file type', [['file_type_not_allowed', 'only images (PNG, JPEG, GIF, WebP), PDF and plain text files can be sent'], ['file_type_mismatch', 'the file’s content is not image/png'], ['unsupported_media_type', 'send the file as multipart/form-data']]),
        429: errorResponse('Too many uploads or messages', [['rate_limited', 'too many uploads; try again in 42 s']]),
      },
    },
  });

  route('/api/widget/files/{publicId}/{name}', [text('publicId', 'The file’s unguessable id, from its link.'), text('name', 'The file name (informational).')], {
    get: {
      tag: 'Chat widget',
      operationId: 'getWidgetFile',
      summary: 'A file a visitor sent',
      description:
        'The link in the conversation is the capability: anyone holding it can open the file, as agents do from the thread and the visitor from the widget. Images and text are shown inline, PDFs downloaded; every answer carries `Content-Security-Policy: sandbox`, so no file can run script on this origin.',
      auth: 'none',
      errors: { 404: [['not_found', 'file not found']] },
      success: { 200: { description: 'The file’s bytes with its content type.' } },
    },
  });

  return paths;
}
