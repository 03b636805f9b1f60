/** `paths` of the email view: a message's HTML body as a sandboxed document for the console's frame. */
import { operation, pathParams } from './operations';

const flag = (name: string, description: string) => ({ name, in: 'query' as const, required: false, description, schema: { type: 'string', enum: ['0', '1'], default: '0' } });

export function buildEmailViewPaths() {
  const path = '/api/messages/{id}/body';
  const get = operation('get', path, {
    tag: 'Messages',
    operationId: 'getMessageBody',
    summary: "A message's HTML body as a sandboxed document",
    description:
      'For members of the message\'s inbox (404 for everyone else). The stored HTML is sanitised again (no script, event handlers, `javascript:` links, SVG, frames, forms, meta refresh or base), every link opens in a new tab (`rel="noopener noreferrer"`), and quoted history is marked `data-sb-quote` and hidden unless `quotes=1`. Remote images and remote CSS are removed unless `images=1`. The answer carries `Content-Security-Policy: sandbox allow-popups allow-popups-to-escape-sandbox; default-src \'none\'; style-src \'unsafe-inline\'; img-src data:` (plus `http: https:` for images, styles and fonts with `images=1`), so it never runs as an active document on the app\'s origin, even when opened directly. A message without HTML answers 404.',
    notFound: 'message',
    query: [flag('images', '`1` lets remote images and CSS images load (the agent clicked "Load images").'), flag('quotes', '`1` shows quoted history.')],
    success: {
      200: {
        description: 'The HTML document.',
        headers: {
          'Content-Security-Policy': { description: 'The sandbox and the allowed sources.', schema: { type: 'string' } },
          'Cache-Control': { description: '`private, no-store`.', schema: { type: 'string' } },
          'Referrer-Policy': { description: '`no-referrer`.', schema: { type: 'string' } },
        },
      },
    },
  });
  const ok = get.responses['200'] as Record<string, unknown>;
  ok.content = { 'text/html': { schema: { type: 'string' } } };
  return { [path]: { parameters: pathParams(path), get } };
}
