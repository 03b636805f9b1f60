/**
 * `paths` of the public status page's data (no login: `/status.json`, `/status/feed.atom`) and of
 * the crisis settings behind it. The HTML page `/status` is a page, not an API, and is not listed.
 */
import { operation, type Method, type OperationSpec } from './operations';
import { schemaRef as ref } from './schemas';

const lang = {
  name: 'lang',
  in: 'query',
  required: false,
  description: 'Language of the words in the answer (`en` when absent or unknown). Data (names, states, messages) is the same in every language.',
  schema: { type: 'string', enum: ['en', 'pl', 'fi', 'da'] },
};
const ifNoneMatch = { name: 'If-None-Match', in: 'header', required: false, description: 'An ETag from an earlier answer: 304 when nothing changed.', schema: { type: 'string' } };
const cacheHeaders = {
  ETag: { description: 'Validator of this body.', schema: { type: 'string' } },
  'Cache-Control': { description: '`public, max-age=10, stale-while-revalidate=20`.', schema: { type: 'string' } },
  'Access-Control-Allow-Origin': { description: '`*`: public data, readable from any site.', schema: { type: 'string' } },
};

type Op = OperationSpec & { parameters?: unknown[]; content?: string };

export function buildStatusPaths() {
  const paths: Record<string, Record<string, unknown>> = {};
  const route = (path: string, ops: Partial<Record<Method, Op>>) => {
    paths[path] = Object.fromEntries(
      Object.entries(ops).map(([method, { parameters, content, ...spec }]) => {
        const op = operation(method as Method, path, spec) as Record<string, unknown> & { responses: Record<string, Record<string, unknown>> };
        if (content) op.responses['200']!.content = { [content]: { schema: { type: 'string' } } };
        return [method, { ...op, ...(parameters ? { parameters: [...((op.parameters as unknown[]) ?? []), ...parameters] } : {}) }];
      }),
    );
  };
  const notModified = { 304: { description: 'Not modified since the ETag given in `If-None-Match`.' } };

  route('/status.json', {
    get: {
      tag: 'Status page',
      operationId: 'getStatus',
      summary: 'The public status page as JSON',
      description:
        'What `/status` shows, for monitors and other sites: overall state, components and incidents (active, and resolved in the last 14 days) with their timelines. Customer-facing texts only, never internal notes or authors. No login; CORS allows any origin.',
      auth: 'none',
      parameters: [lang, ifNoneMatch],
      success: { 200: { description: 'The status.', schema: ref('StatusDocument'), headers: cacheHeaders } },
      responses: notModified,
    },
  });

  route('/status/feed.atom', {
    get: {
      tag: 'Status page',
      operationId: 'getStatusFeed',
      summary: 'Incident updates as an Atom 1.0 feed',
      description:
        'One entry per incident update (newest first, at most 100) of the incidents on the status page. Entry ids are stable `tag:` URIs (`tag:<host>,<day>:switchboard/incident/<id>/update/<id>`); titles and content are plain text; each entry links to its incident on `/status`. No login.',
      auth: 'none',
      parameters: [lang, ifNoneMatch],
      content: 'application/atom+xml',
      success: { 200: { description: 'The feed.', headers: cacheHeaders } },
      responses: notModified,
    },
  });

  const forbidden: [string, string] = ['forbidden', 'this needs the supervisor role or higher'];
  route('/api/crisis/settings', {
    get: {
      tag: 'Crisis',
      operationId: 'getCrisisSettings',
      summary: 'Crisis settings',
      description: 'Leads and above. Leads see only the origin of `webhookUrl` (Slack and Teams webhook URLs are secrets); supervisors and admins see all of it.',
      role: 'lead',
      success: { 200: { description: 'The settings (defaults until saved: no components, no webhook, Slack format).', schema: ref('CrisisSettings') } },
    },
    put: {
      tag: 'Crisis',
      operationId: 'putCrisisSettings',
      summary: 'Change the crisis settings',
      description:
        'Supervisors and admins. Replaces all settings; components are trimmed and kept once each (ignoring case). The change is in the audit log (`crisis.settings_changed`, with the webhook host only).',
      body: { schema: ref('CrisisSettings') },
      success: { 200: { description: 'The stored settings.', schema: ref('CrisisSettings') } },
      errors: { 403: [forbidden] },
    },
  });

  return paths;
}
