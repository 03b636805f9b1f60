import { json, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { AppError, unauthorized } from '../errors';
import type { AuthContext } from '../auth/auth-context';

const MAX_JSON_BYTES = 1_000_000;

export function errorResponse(status: number, code: string, message: string, issues?: unknown[], headers?: Record<string, string>) {
  return json({ error: { code, message, ...(issues ? { issues } : {}) } }, { status, headers });
}

/** Turns whatever a handler threw into `{error:{code,message}}`; unknown errors are logged, not shown. */
export function toErrorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    const headers: Record<string, string> = err.status === 429 ? { 'retry-after': '60' } : {};
    return errorResponse(err.status, err.code, err.message, err.issues, headers);
  }
  if (err instanceof z.ZodError) return errorResponse(400, 'invalid_request', describeIssues(err), err.issues);
  console.error('[api] unexpected error', err);
  return errorResponse(500, 'internal', 'something went wrong; it has been logged');
}

export function describeIssues(err: z.ZodError): string {
  return err.issues
    .map((i) => {
      const where = i.path.length ? i.path.join('.') : 'body';
      return i.code === 'unrecognized_keys' ? `${where}: unknown field(s) ${i.keys.join(', ')}` : `${where}: ${i.message}`;
    })
    .join('; ');
}

/** Reads and validates a JSON body: size-limited, must be JSON, must match the schema. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new AppError(415, 'unsupported_media_type', 'send the body as application/json');
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_JSON_BYTES) throw new AppError(413, 'payload_too_large', `the body is larger than ${MAX_JSON_BYTES} bytes`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) throw new AppError(413, 'payload_too_large', `the body is larger than ${MAX_JSON_BYTES} bytes`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError(400, 'malformed_json', 'the body is not valid JSON');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new AppError(400, 'invalid_request', describeIssues(parsed.error), parsed.error.issues);
  return parsed.data;
}

export function readQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw new AppError(400, 'invalid_query', describeIssues(parsed.error), parsed.error.issues);
  return parsed.data;
}

const IdParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A route's numeric id; anything else is a 404, as no such resource can exist. */
export function idParam(value: string | undefined, what = 'resource'): number {
  const parsed = IdParam.safeParse(value);
  if (!parsed.success || !/^\d+$/.test(value ?? '')) throw new AppError(404, 'not_found', `${what} not found`);
  return parsed.data;
}

export function requireAuth(event: RequestEvent): AuthContext {
  if (!event.locals.auth) throw unauthorized();
  return event.locals.auth;
}

type Handler = (event: RequestEvent) => Response | Promise<Response>;

/** Wraps a route handler so every failure answers with the JSON error shape. */
export function api(handler: Handler): Handler {
  return async (event) => {
    try {
      return await handler(event);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}
