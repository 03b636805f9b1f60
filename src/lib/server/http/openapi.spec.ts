import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiErrorBody } from '$lib/shared/schemas/common';
import { BulkBody, ConversationDetail, ConversationListQuery, PatchConversationBody } from '$lib/shared/schemas/conversation';
import { eventSchemas, SyncQuery } from '$lib/shared/schemas/events';
import { ApiInboundBody } from '$lib/shared/schemas/inbound';
import { CreateMessageBody, Message } from '$lib/shared/schemas/message';
import { CreateUserBody, LoginBody, User } from '$lib/shared/schemas/user';
import { apiChannel } from '../channels/api/api.adapter';
import { openApiDocument } from './openapi';

type Json = Record<string, any>;

const PUBLIC_URL = 'https://switchboard.example.test';
const doc = openApiDocument(PUBLIC_URL) as Json;

const HERE = dirname(fileURLToPath(import.meta.url));
const ROUTES = join(HERE, '../../../routes');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

interface RouteMethod {
  file: string;
  path: string;
  method: (typeof METHODS)[number];
  /** The source of this method's handler (up to the next exported method). */
  code: string;
}

/** `src/routes/api/conversations/[id]/+server.ts` -> `/api/conversations/{id}`. */
function routePath(file: string): string {
  const segments = relative(ROUTES, dirname(file))
    .split(sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/\[\[?(?:\.\.\.)?([^\]=]+)(?:=[^\]]+)?\]\]?/g, '{$1}'));
  return '/' + segments.join('/');
}

function serverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return serverFiles(p);
    return e.name === '+server.ts' ? [p] : [];
  });
}

/** Public data routes outside /api that are part of the API too (the status page's JSON and feed). */
const PUBLIC_DATA_DIRS = ['status.json', 'status'];

/** Every exported HTTP method of every `+server.ts` under src/routes/api (except the catch-all) and the public data routes. */
function apiRoutes(): RouteMethod[] {
  return [join(ROUTES, 'api'), ...PUBLIC_DATA_DIRS.map((d) => join(ROUTES, d))]
    .flatMap(serverFiles)
    .filter((file) => !relative(ROUTES, file).split(sep).some((s) => s.startsWith('[...')))
    .flatMap((file) => {
      // Without comments, so a doc comment is not read as part of the handler above it.
      const source = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|\s)\/\/.*$/gm, '$1');
      const exports = [...source.matchAll(/export\s+(?:const|let|function|async\s+function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)];
      return exports.map((m, i) => ({
        file: relative(ROUTES, file),
        path: routePath(file),
        method: m[1] as RouteMethod['method'],
        code: source.slice(m.index, exports[i + 1]?.index ?? source.length),
      }));
    });
}

const routes = apiRoutes();
const operationOf = (r: { path: string; method: string }) => doc.paths?.[r.path]?.[r.method.toLowerCase()] as Json | undefined;

/** Every object in the document (not arrays), with where it is. */
function* walk(node: unknown, at: string[] = []): Generator<[string[], Json]> {
  if (!node || typeof node !== 'object') return;
  if (!Array.isArray(node)) yield [at, node as Json];
  for (const [k, v] of Object.entries(node)) yield* walk(v, [...at, k]);
}

function resolvePointer(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), doc);
}

/** The schema with every `$ref` replaced by its target and without prose, to compare with zod's own output. */
function inlined(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(inlined);
  if (!schema || typeof schema !== 'object') return schema;
  const { $ref, description: _d, $schema: _s, ...rest } = schema as Json;
  const own = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, inlined(v)]));
  return $ref ? { ...(inlined(resolvePointer($ref)) as Json), ...own } : own;
}

const operations = (): [string, string, Json][] =>
  Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json)
      .filter(([k]) => ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(k))
      .map(([method, op]) => [path, method, op as Json] as [string, string, Json]),
  );

describe('the OpenAPI document', () => {
  it('is an OpenAPI 3.1 document for the given public URL that survives a JSON round trip', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: PUBLIC_URL }]);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(openApiDocument(PUBLIC_URL), 'building it again gives the same document').toEqual(doc);
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/'))).toBe(true);
  });

  it('resolves every $ref inside the document', () => {
    const refs = [...walk(doc)].filter(([, node]) => typeof node.$ref === 'string');
    expect(refs.length).toBeGreaterThan(50);
    const broken = refs.filter(([, node]) => resolvePointer(node.$ref) === undefined).map(([at, node]) => `${at.join('/')}: ${node.$ref}`);
    expect(broken).toEqual([]);
  });

  it('declares every path parameter of every path template, as required, and no other', () => {
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const ops = operations().filter(([p]) => p === path);
      expect(ops.length, path).toBeGreaterThan(0);
      for (const [, method, op] of ops) {
        const declared = [...(item.parameters ?? []), ...(op.parameters ?? [])].filter((p: Json) => p.in === 'path');
        expect(declared.map((p: Json) => p.name).sort(), `${method} ${path}`).toEqual(inTemplate);
        expect(declared.every((p: Json) => p.required === true && p.schema), `${method} ${path}`).toBe(true);
      }
    }
  });

  it('has an operation for every exported method of every route file under src/routes/api', () => {
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.filter((r) => !operationOf(r)).map((r) => `${r.method} ${r.path} (${r.file})`);
    expect(missing).toEqual([]);
  });

  it('documents no operation that has no route, and documents GET /healthz', () => {
    const known = new Set(routes.map((r) => `${r.method.toLowerCase()} ${r.path}`));
    const healthz = readFileSync(join(ROUTES, 'healthz/+server.ts'), 'utf8');
    expect(healthz).toMatch(/export const GET\b/);
    known.add('get /healthz');
    const stale = operations()
      .map(([path, method]) => `${method} ${path}`)
      .filter((k) => !known.has(k));
    expect(stale).toEqual([]);
    expect(operationOf({ path: '/healthz', method: 'GET' })?.security).toEqual([]);
  });

  it('documents the body, query, status codes and errors that each handler reads and answers', () => {
    for (const r of routes) {
      const op = operationOf(r);
      const where = `${r.method} ${r.path}`;
      if (!op) continue; // reported by the route coverage test
      const codes = Object.keys(op.responses ?? {});
      if (/readJson\(/.test(r.code)) {
        expect(op.requestBody?.content?.['application/json']?.schema, where).toBeTruthy();
        expect(codes, where).toEqual(expect.arrayContaining(['400', '413', '415']));
      }
      if (/readQuery\(/.test(r.code)) {
        expect((op.parameters ?? []).some((p: Json) => p.in === 'query'), where).toBe(true);
        expect(codes, where).toContain('400');
      }
      if (/requireAuth\(/.test(r.code)) {
        expect(codes, where).toContain('401');
        expect(op.security === undefined || op.security.length > 0, where).toBe(true);
      } else {
        expect(op.security, `${where} is public or has its own scheme: say so`).toBeDefined();
      }
      if (/requireRole\(/.test(r.code)) expect(codes, where).toContain('403');
      if (/idParam\(/.test(r.code)) expect(codes, where).toContain('404');
      if (/\b201\b/.test(r.code)) expect(codes, where).toContain('201');
      expect(codes.some((c) => /^2\d\d$/.test(c)), where).toBe(true);
      for (const c of codes.filter((c) => /^[45]\d\d$/.test(c))) {
        const res = op.responses[c].$ref ? resolvePointer(op.responses[c].$ref) : op.responses[c];
        // Every error is an ApiErrorBody; a few carry more (a 409 with the stored version).
        const schema = resolvePointer((res as Json).content['application/json'].schema.$ref) as Json;
        expect(schema.properties.error, `${where} ${c}`).toEqual((doc.components.schemas.ApiErrorBody as Json).properties.error);
      }
    }
  });

  it('gives every operation a unique operationId, a declared tag and a summary', () => {
    const tags = new Set((doc.tags as Json[]).map((t) => t.name));
    for (const t of ['Auth', 'Users', 'Tokens', 'Inboxes', 'API channel', 'Conversations', 'Messages', 'Sync', 'Presence']) expect(tags).toContain(t);
    const ids = operations().map(([, , op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [path, method, op] of operations()) {
      expect(op.summary, `${method} ${path}`).toBeTruthy();
      expect(op.tags?.length, `${method} ${path}`).toBe(1);
      expect(tags, `${method} ${path}`).toContain(op.tags[0]);
    }
  });

  it('offers the session cookie and personal tokens everywhere, and the inbox token for inbound messages', () => {
    expect(doc.components.securitySchemes.cookieAuth).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'sb_session' });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.inboundToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ cookieAuth: [] }, { bearerAuth: [] }]);
    expect(doc.paths['/api/inboxes/{id}/inbound'].post.security).toEqual([{ inboundToken: [] }]);
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
    const schemes = new Set(Object.keys(doc.components.securitySchemes));
    for (const [, , op] of operations()) for (const req of op.security ?? []) for (const s of Object.keys(req)) expect(schemes).toContain(s);
  });

  it('generates its component schemas from the shared zod schemas', () => {
    const cases: [string, z.ZodType, 'input' | 'output'][] = [
      ['ApiErrorBody', ApiErrorBody, 'output'],
      ['User', User, 'output'],
      ['Message', Message, 'output'],
      ['ConversationDetail', ConversationDetail, 'output'],
      ['LoginBody', LoginBody, 'input'],
      ['CreateUserBody', CreateUserBody, 'input'],
      ['CreateMessageBody', CreateMessageBody, 'input'],
      ['PatchConversationBody', PatchConversationBody, 'input'],
      ['BulkBody', BulkBody, 'input'],
      ['ApiInboundBody', ApiInboundBody, 'input'],
    ];
    for (const [id, schema, io] of cases) {
      const fromZod = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
      expect(inlined(doc.components.schemas[id]), id).toEqual(inlined(fromZod));
    }
    const query = (path: string) =>
      Object.fromEntries((doc.paths[path].get.parameters as Json[]).filter((p) => p.in === 'query').map((p) => [p.name, p.required]));
    const expected = (s: z.ZodType) => {
      const js = z.toJSONSchema(s, { io: 'input' }) as Json;
      return Object.fromEntries(Object.keys(js.properties).map((k) => [k, (js.required ?? []).includes(k)]));
    };
    expect(query('/api/conversations')).toEqual(expected(ConversationListQuery));
    expect(query('/api/sync')).toEqual(expected(SyncQuery));
  });

  it('answers 201 for new and 200 for repeated idempotent writes', () => {
    for (const path of ['/api/conversations/{id}/messages', '/api/inboxes/{id}/inbound']) {
      expect(Object.keys(doc.paths[path].post.responses)).toEqual(expect.arrayContaining(['200', '201']));
    }
  });

  it('describes every realtime event and command in info.description', () => {
    const text = doc.info.description as string;
    expect(text).toMatch(/Socket\.IO/);
    for (const name of [...Object.keys(eventSchemas), 'typing', 'session.ended', 'sync', 'presence:set', 'typing:set', 'conversation:read', 'message:create', 'metrics.live', 'wallboard:join']) {
      expect(text, name).toContain(`\`${name}\``);
    }
  });
});

describe('the API channel webhook in the OpenAPI document', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('matches the body and signed headers that deliver() sends', async () => {
    const sent: { body: string; headers: Record<string, string> }[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sent.push({ body: String(init.body), headers: init.headers as Record<string, string> });
      return new Response('ok', { status: 200 });
    });
    const secret = 'whsec_test';
    await apiChannel.deliver({
      inbox: { id: 3, name: 'API', channel: 'api', config: { webhookUrl: 'https://hooks.example.test/in', webhookSecret: secret, inboundTokenHash: 'x' } },
      conversation: { id: 7, subject: null, threadId: 't-1' },
      contact: { id: 9, name: 'Aino', email: null, externalId: 'c-1' },
      message: { id: 11, text: 'Hello', html: null, createdAt: Date.UTC(2025, 0, 2), clientId: null, authorName: 'Ada' },
      deliveryId: 'msg_11_job_1',
    });
    expect(sent).toHaveLength(1);
    const [{ body, headers }] = sent;

    const hook = doc.webhooks['message.created'].post;
    const schema = resolvePointer(hook.requestBody.content['application/json'].schema.$ref) as Json;
    const payload = JSON.parse(body);
    const keysOf = (s: Json) => Object.keys(s.properties).sort();
    expect(Object.keys(payload).sort()).toEqual(keysOf(schema));
    expect(Object.keys(payload).sort()).toEqual([...schema.required].sort());
    expect(Object.keys(payload.contact).sort()).toEqual(keysOf(schema.properties.contact));
    expect(Object.keys(payload.message).sort()).toEqual(keysOf(schema.properties.message));

    const documented = (hook.parameters as Json[]).filter((p) => p.in === 'header' && p.required).map((p) => p.name.toLowerCase());
    expect(documented.sort()).toEqual(Object.keys(headers).filter((h) => h.startsWith('x-switchboard-')).sort());
    const signature = (hook.parameters as Json[]).find((p) => p.name === 'X-Switchboard-Signature')!;
    expect(headers['x-switchboard-signature']).toMatch(new RegExp(signature.schema.pattern));
    expect(headers['x-switchboard-signature']).toBe(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
    expect(Object.keys(hook.responses)).toEqual(expect.arrayContaining(['2XX', '408', '429', '5XX']));
  });
});
