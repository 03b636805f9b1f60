/** `paths` of the wallboard and reports (src/lib/server/metrics). */
import { operation, pathParams, type Method, type OperationSpec } from './operations';
import { schemaRef as ref } from './schemas';

export function buildMetricsPaths() {
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
  return paths;
}
