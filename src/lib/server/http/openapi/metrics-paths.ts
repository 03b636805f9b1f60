/** `paths` of the wallboard and reports (src/lib/server/metrics). */
import { operation, pathParams, type Method, type OperationSpec } from './operations';
import { schemaRef as ref, type GeneratedSchemas } from './schemas';

export function buildMetricsPaths(g: GeneratedSchemas) {
  const paths: Record<string, Record<string, unknown>> = {};
  const route = (path: string, ops: Partial<Record<Method, OperationSpec>>) => {
    const params = pathParams(path);
    paths[path] = {
      ...(params.length ? { parameters: params } : {}),
      ...Object.fromEntries(Object.entries(ops).map(([method, spec]) => [method, operation(method as Method, path, spec)])),
    };
  };

  route('/api/metrics/live', {
    get: {
      tag: 'Metrics',
      operationId: 'getLiveMetrics',
      summary: 'Wallboard figures',
      description:
        'The live figures the wallboard shows; the socket pushes the same object as `metrics.live` after `wallboard:join`. Leads see their own inboxes and the agents of the teams they lead; supervisors and admins see everything; agents get 403.',
      role: 'lead',
      success: { 200: { description: 'The figures now.', schema: ref('LiveMetrics') } },
    },
  });
  const FILTERS =
    'Leads see the inboxes they are a member of; supervisors and admins every inbox. `from` and `to` are whole days (YYYY-MM-DD, server time zone), both included, at most 366 days. `inboxId` and `channel` filter conversations; `agentId` and `teamId` filter conversations by assignee, replies by author and ratings by the agent who was asked.';
  route('/api/reports', {
    get: {
      tag: 'Metrics',
      operationId: 'getReport',
      summary: 'Report for a date range',
      description: FILTERS,
      role: 'lead',
      query: g.query('reports'),
      success: { 200: { description: 'The report.', schema: ref('Report') } },
    },
  });

  route('/api/reports/filters', {
    get: {
      tag: 'Metrics',
      operationId: 'getReportFilters',
      summary: 'Report filter choices',
      description: 'Inboxes, agents and teams the report filters offer: for a lead their inboxes, the agents of the teams they lead and those teams; for supervisors and admins all.',
      role: 'lead',
      success: { 200: { description: 'The choices.', schema: ref('ReportFilterOptions') } },
    },
  });

  const csv = operation('get', '/api/reports/export.csv', {
    tag: 'Metrics',
    operationId: 'exportReportCsv',
    summary: 'Report as CSV',
    description: `The same figures as \`GET /api/reports\`: a header row \`metric,dimension,value\`, then one row per figure (per agent, hour or day the dimension names which). UTF-8 with a byte order mark, CRLF line ends, formula-like text prefixed with \`'\`. ${FILTERS}`,
    role: 'lead',
    query: g.query('reports'),
    success: { 200: { description: 'The CSV file (`Content-Disposition: attachment`).' } },
  });
  (csv.responses['200'] as Record<string, unknown>).content = { 'text/csv': { schema: { type: 'string' } } };
  paths['/api/reports/export.csv'] = { get: csv };
  return paths;
}
