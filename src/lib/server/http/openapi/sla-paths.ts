/** `paths` of SLA policies. Their schemas are generated here from the shared zod schemas. */
import { z } from 'zod';
import { CreateSlaPolicyBody, PatchSlaPolicyBody, SlaPolicy, SlaPolicyList } from '$lib/shared/schemas/sla';
import { operation, pathParams, type Method, type OperationSpec } from './operations';

const schema = (s: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _s, ...rest } = z.toJSONSchema(s, { io, target: 'draft-2020-12', unrepresentable: 'any' });
  return rest;
};

const PRECEDENCE =
  'When several enabled policies match a conversation, the most specific wins: one naming the inbox beats one for every inbox, then one naming the priority beats one for every priority, then the oldest (lowest id).';
const CLOCK =
  'Targets count business minutes from the conversation’s start (its first customer message) inside the policy’s weekly hours and time zone (daylight saving included), skipping holidays; without business hours every minute counts. The clock pauses while the conversation is snoozed, pending, resolved or linked to an active incident. Each conversation carries `sla: {policyId, firstResponseDueAt, resolutionDueAt, dueAt, warningAt, state}`; `state` turns `warning` when less than a quarter of the running target is left and `breached` at its due time. Breaches are recorded once per conversation and target and announced as `conversation.updated` with changes `["sla"]`.';

const writeErrors = {
  400: [
    ['no_target', 'set a first response or a resolution target'],
    ['unknown_inbox', 'no such inbox: 42'],
  ] as [string, string][],
  403: [
    ['forbidden', 'a policy for every inbox needs the supervisor role or higher'],
    ['forbidden', 'you can manage policies only for inboxes you are a member of'],
  ] as [string, string][],
};

export function buildSlaPaths() {
  const paths: Record<string, Record<string, unknown>> = {};
  const route = (path: string, ops: Partial<Record<Method, OperationSpec>>) => {
    const params = pathParams(path);
    paths[path] = {
      ...(params.length ? { parameters: params } : {}),
      ...Object.fromEntries(Object.entries(ops).map(([method, spec]) => [method, operation(method as Method, path, spec)])),
    };
  };
  const policy = schema(SlaPolicy, 'output');

  route('/api/sla-policies', {
    get: {
      tag: 'SLA',
      operationId: 'listSlaPolicies',
      summary: 'SLA policies',
      description: `Every user reads the policies that apply to every inbox or to an inbox they see. ${PRECEDENCE}`,
      success: { 200: { description: 'The policies, by name.', schema: schema(SlaPolicyList, 'output') } },
    },
    post: {
      tag: 'SLA',
      operationId: 'createSlaPolicy',
      summary: 'Create an SLA policy',
      description: `Leads may create policies for inboxes they are members of; a policy for every inbox (empty \`inboxIds\`) needs a supervisor. Running clocks of unresolved conversations are re-evaluated at once. ${CLOCK}`,
      role: 'lead',
      body: { schema: schema(CreateSlaPolicyBody, 'input') },
      success: { 201: { description: 'The new policy.', schema: policy } },
      errors: writeErrors,
    },
  });

  route('/api/sla-policies/{id}', {
    get: {
      tag: 'SLA',
      operationId: 'getSlaPolicy',
      summary: 'One SLA policy',
      notFound: 'SLA policy',
      success: { 200: { description: 'The policy.', schema: policy } },
    },
    patch: {
      tag: 'SLA',
      operationId: 'updateSlaPolicy',
      summary: 'Change an SLA policy',
      description: 'Same rights as creating, for both the policy as it is and as it becomes. Clocks of unresolved conversations are recomputed from their start with the new targets; a met first response keeps its due time, and recorded breaches stay.',
      role: 'lead',
      notFound: 'SLA policy',
      body: { schema: schema(PatchSlaPolicyBody, 'input') },
      success: { 200: { description: 'The changed policy.', schema: policy } },
      errors: writeErrors,
    },
    delete: {
      tag: 'SLA',
      operationId: 'deleteSlaPolicy',
      summary: 'Delete an SLA policy',
      description: 'Unresolved conversations fall under the next matching policy, or none. Recorded breaches stay.',
      role: 'lead',
      notFound: 'SLA policy',
      success: { 200: { description: 'Deleted.', schema: { type: 'object', required: ['ok'], properties: { ok: { const: true } } } } },
      errors: { 403: writeErrors[403] },
    },
  });
  return paths;
}
