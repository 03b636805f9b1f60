/**
 * A small builder for operation objects, so every route states only what is particular to it:
 * the error answers that follow from how a handler reads its input (body, query, auth, role,
 * path ids) are added the same way everywhere, in the `{error:{code,message}}` shape.
 */
import { schemaRef, type JsonSchema, type QueryParameter } from './schemas';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** `[code, message]` examples of one error status. */
export type ErrorCases = [code: string, message: string][];

export interface Success {
  description: string;
  schema?: JsonSchema;
  headers?: Record<string, unknown>;
}

export interface OperationSpec {
  tag: string;
  operationId: string;
  summary: string;
  description?: string;
  /** `user` (default): session cookie or personal API token. `none`: public. `inbound`: the inbox's token. */
  auth?: 'user' | 'none' | 'inbound';
  /** Minimum role; the route answers 403 below it. */
  role?: 'admin' | 'lead';
  query?: QueryParameter[];
  body?: { schema: JsonSchema; description?: string };
  /** What a path id that does not exist (or may not be seen) is called in the 404 message. */
  notFound?: string;
  success: Record<number, Success>;
  /** Route-specific error cases, added to the standard ones. */
  errors?: Partial<Record<400 | 401 | 403 | 404 | 409, ErrorCases>>;
  /** Further responses by status, e.g. a `$ref` to `components.responses`. */
  responses?: Record<string, unknown>;
}

const ERROR_TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
};

/** An error answer whose examples are the given `[code, message]` cases. */
export function errorResponse(title: string, cases: ErrorCases, extra: Record<string, unknown> = {}) {
  return {
    description: `${title}: ${[...new Set(cases.map(([code]) => `\`${code}\``))].join(', ')}.`,
    ...extra,
    content: {
      'application/json': {
        schema: schemaRef('ApiErrorBody'),
        examples: Object.fromEntries(
          cases.map(([code, message], i) => [cases.findIndex(([c]) => c === code) === i ? code : `${code}_${i}`, { value: { error: { code, message } } }]),
        ),
      },
    },
  };
}

const responseRef = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** Standard answers shared by many operations (`components.responses`). */
export function sharedResponses() {
  return {
    PayloadTooLarge: errorResponse('The body is larger than 1,000,000 bytes', [['payload_too_large', 'the body is larger than 1000000 bytes']]),
    UnsupportedMediaType: errorResponse('The body is not sent as JSON', [['unsupported_media_type', 'send the body as application/json']]),
    TooManyRequests: errorResponse('Too many failed logins for this account or address within a minute', [['too_many_attempts', 'too many failed logins; try again in 42 s']], {
      headers: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } } },
    }),
  };
}

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });

/** The path-level parameters of a path template: every `{name}` is a positive integer id. */
export function pathParams(path: string) {
  return [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    ...(name === 'id' ? {} : { description: `The ${name.replace(/Id$/, '')} id.` }),
    schema: schemaRef('Id'),
  }));
}

export function operation(method: Method, path: string, spec: OperationSpec) {
  const auth = spec.auth ?? 'user';
  const unsafe = method !== 'get';
  const hasPathId = /\{[^}]+\}/.test(path);

  const errors = new Map<number, ErrorCases>();
  const add = (status: number, cases: ErrorCases) => errors.set(status, [...(errors.get(status) ?? []), ...cases]);
  if (spec.body) add(400, [['malformed_json', 'the body is not valid JSON'], ['invalid_request', 'body: unknown field(s) foo']]);
  if (spec.query?.length) add(400, [['invalid_query', 'limit: Invalid input: expected number, received NaN']]);
  if (auth === 'user') add(401, [['unauthorized', 'log in first']]);
  if (auth === 'inbound') add(401, [['unauthorized', 'a valid inbound token for this inbox is required']]);
  if (spec.role) add(403, [['forbidden', `this needs the ${spec.role} role or higher`]]);
  if (unsafe && auth !== 'inbound') add(403, [['cross_site', 'cross-site requests are not allowed']]);
  if (hasPathId) add(404, [['not_found', `${spec.notFound ?? 'resource'} not found`]]);
  for (const [status, cases] of Object.entries(spec.errors ?? {})) add(Number(status), cases ?? []);

  const responses: Record<string, unknown> = {};
  for (const [status, s] of Object.entries(spec.success)) {
    responses[status] = { description: s.description, ...(s.headers ? { headers: s.headers } : {}), ...(s.schema ? { content: json(s.schema) } : {}) };
  }
  for (const [status, cases] of [...errors].sort(([a], [b]) => a - b)) {
    const response = errorResponse(ERROR_TITLES[status], cases);
    if (cases.some(([c]) => c === 'cross_site')) {
      response.description += ' `cross_site`: a cookie-authenticated write from a foreign `Origin`.';
    }
    responses[status] = response;
  }
  if (spec.body) {
    responses['413'] = responseRef('PayloadTooLarge');
    responses['415'] = responseRef('UnsupportedMediaType');
  }
  Object.assign(responses, spec.responses);
  const ordered = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));

  return {
    tags: [spec.tag],
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(auth === 'none' ? { security: [] } : auth === 'inbound' ? { security: [{ inboundToken: [] }] } : {}),
    ...(spec.query?.length ? { parameters: spec.query } : {}),
    ...(spec.body
      ? { requestBody: { required: true, ...(spec.body.description ? { description: spec.body.description } : {}), content: json(spec.body.schema) } }
      : {}),
    responses: ordered,
  };
}
