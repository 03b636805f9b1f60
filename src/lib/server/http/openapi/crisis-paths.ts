/** `paths` of crisis mode's console API: incidents, their updates and report, and the audit log. */
import { operation, pathParams, type Method, type OperationSpec } from './operations';
import { schemaRef as ref, type GeneratedSchemas } from './schemas';

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: '1 to 200 visible ASCII characters, e.g. a UUID made by the client per action. The same key again (a retry, a double click) answers 200 with what the first request made, and does nothing else.',
  schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7E]{1,200}$' },
};

type Op = OperationSpec & { headers?: unknown[] };

export function buildCrisisPaths(g: GeneratedSchemas) {
  const paths: Record<string, Record<string, unknown>> = {};
  const route = (path: string, ops: Partial<Record<Method, Op>>) => {
    const params = pathParams(path);
    paths[path] = {
      ...(params.length ? { parameters: params } : {}),
      ...Object.fromEntries(
        Object.entries(ops).map(([method, { headers, ...spec }]) => {
          const op = operation(method as Method, path, spec) as Record<string, unknown> & { parameters?: unknown[] };
          return [method, headers ? { ...op, parameters: [...(op.parameters ?? []), ...headers] } : op];
        }),
      ),
    };
  };
  const badKey: [string, string] = ['invalid_idempotency_key', 'Idempotency-Key must be 1 to 200 visible ASCII characters'];

  route('/api/incidents', {
    get: {
      tag: 'Crisis',
      operationId: 'listIncidents',
      summary: 'List incidents',
      description: 'Newest first. Every logged-in user may read incidents (agents show the banner); `active=1` gives only those not resolved.',
      query: g.query('incidents'),
      success: { 200: { description: 'The incidents.', schema: ref('IncidentList') } },
    },
    post: {
      tag: 'Crisis',
      operationId: 'declareIncident',
      summary: 'Declare an incident',
      description:
        'Leads and above. Starts the timeline with an `investigating` entry carrying `message` (what customers are told), records `incident.declared` in the audit log, announces `incident.declared` to every console and sends a Web Push to every user. From now on new conversations matching `match` are linked to it (every given kind of rule must hold; keywords are case- and accent-blind substrings of the subject and first message, so a stem like `płatn` catches `płatności`); with `autoAcknowledge` each newly linked conversation gets the message once.',
      role: 'lead',
      headers: [idempotencyKey],
      body: { schema: ref('DeclareIncidentBody') },
      success: {
        201: { description: 'The new incident.', schema: ref('Incident') },
        200: { description: 'This `Idempotency-Key` was used by the caller before: the incident it declared.', schema: ref('Incident') },
      },
      errors: { 400: [badKey, ['unknown_inbox', 'match.inboxIds: no inbox 42']] },
    },
  });

  route('/api/incidents/{id}', {
    get: {
      tag: 'Crisis',
      operationId: 'getIncident',
      summary: 'An incident with its timeline and broadcast progress',
      notFound: 'incident',
      success: { 200: { description: 'The incident.', schema: ref('IncidentDetail') } },
    },
    patch: {
      tag: 'Crisis',
      operationId: 'editIncident',
      summary: 'Edit a running incident',
      description: 'Leads and above. Title, severity, internal note, components, matching rules, auto-acknowledgement; not the timeline (post an update for that). New rules apply to conversations started from now on. Audited as `incident.edited` with the values before and after; announced as `incident.updated`.',
      role: 'lead',
      notFound: 'incident',
      body: { schema: ref('PatchIncidentBody') },
      success: { 200: { description: 'The incident.', schema: ref('Incident') } },
      errors: { 400: [['unknown_inbox', 'match.inboxIds: no inbox 42']], 409: [['incident_resolved', 'this incident is resolved; it can no longer be changed']] },
    },
  });

  route('/api/incidents/{id}/updates', {
    post: {
      tag: 'Crisis',
      operationId: 'postIncidentUpdate',
      summary: 'Post an update (or resolve)',
      description:
        'Leads and above. Adds a timeline entry with author and time; its `status` becomes the incident\'s and its `message` the customer-facing one. Status `resolved` resolves the incident (`incident.resolved`; the banner clears); it then takes no more updates. With `notifyLinked` the message is sent to every open linked conversation over its own channel by a durable job, exactly once per conversation (also across a restart); progress arrives as `incident.progress` events and in `broadcasts` of the incident. A channel that refuses a message (e.g. a closed WhatsApp window) makes that one delivery `failed` with the reason. `resolveLinked` (only with `resolved`) also resolves every linked conversation. Send an `Idempotency-Key` so a retry or double click adds nothing.',
      role: 'lead',
      notFound: 'incident',
      headers: [idempotencyKey],
      body: { schema: ref('PostIncidentUpdateBody') },
      success: {
        201: { description: 'The new update and the incident.', schema: ref('IncidentUpdateResult') },
        200: { description: 'This `Idempotency-Key` was used on this incident before: that update, nothing sent again.', schema: ref('IncidentUpdateResult') },
      },
      errors: { 400: [badKey], 409: [['incident_resolved', 'this incident is resolved and takes no more updates']] },
    },
  });

  route('/api/incidents/{id}/report', {
    get: {
      tag: 'Crisis',
      operationId: 'getIncidentReport',
      summary: 'The incident report',
      description: 'Duration (until now while it runs), time from the declaration to the first update, linked conversations by channel, customers notified (distinct contacts who were sent at least one message), messages sent and failed, and the timeline.',
      notFound: 'incident',
      success: { 200: { description: 'The report.', schema: ref('IncidentReport') } },
    },
  });

  const csv = operation('get', '/api/incidents/{id}/report.csv', {
    tag: 'Crisis',
    operationId: 'getIncidentReportCsv',
    summary: 'The incident report as CSV',
    description:
      'The same figures as one spreadsheet: a header row (`section,field,value,time,status,author,message,sent to customers`), `summary` rows (field, value), then one `timeline` row per update. UTF-8 with a byte order mark, CRLF line ends; text starting with `=`, `+`, `-` or `@` is prefixed with `\'` so no spreadsheet runs it as a formula.',
    notFound: 'incident',
    success: { 200: { description: 'The CSV file (`Content-Disposition: attachment`).' } },
  });
  (csv.responses['200'] as Record<string, unknown>).content = { 'text/csv': { schema: { type: 'string' } } };
  paths['/api/incidents/{id}/report.csv'] = { parameters: pathParams('/api/incidents/{id}'), get: csv };

  route('/api/audit', {
    get: {
      tag: 'Crisis',
      operationId: 'listAuditLog',
      summary: 'The audit log',
      description:
        'Leads and above. Newest first; filter with `targetType` (`incident`, `conversation`) and `targetId`. Actions so far: `incident.declared`, `incident.edited`, `incident.updated`, `incident.resolved`, `conversation.linked`, `conversation.unlinked` (`actor` null when the system linked it by the incident\'s rules).',
      role: 'lead',
      query: g.query('audit'),
      success: { 200: { description: 'One page; pass `nextCursor` as `before` for older entries.', schema: ref('AuditPage') } },
    },
  });

  return paths;
}
