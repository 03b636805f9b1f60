/**
 * `paths` of the knowledge base (canned responses and articles). Its schemas are generated here
 * from the shared zod schemas and inlined, so this domain adds no components of its own.
 */
import { z } from 'zod';
import { CreateKnowledgeBody, KnowledgeEntry, KnowledgeList, KnowledgeQuery, PatchKnowledgeBody } from '$lib/shared/schemas/knowledge';
import { operation, pathParams, type Method, type OperationSpec } from './operations';
import { schemaRef as ref, type JsonSchema, type QueryParameter } from './schemas';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) as JsonSchema;
  return rest;
};

const QUERY_DESCRIPTIONS: Record<string, string> = {
  q: 'Words to search for, accents ignored; each must start a word of the shortcut, title, body or tags.',
  language: 'Only entries in this language or for any language.',
  inboxId: 'Only entries usable in this inbox (those for every inbox and those for it).',
  conversationId: 'The conversation being answered: filters like its inbox, and prefers the language its customer writes in.',
  kind: '`response` (canned responses) or `article`.',
  limit: 'At most this many entries.',
};

function queryParameters(): QueryParameter[] {
  const schema = jsonSchema(KnowledgeQuery, 'input');
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(schema.properties as Record<string, JsonSchema>).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(QUERY_DESCRIPTIONS[name] ? { description: QUERY_DESCRIPTIONS[name] } : {}),
    schema: s,
  }));
}

export function buildKnowledgePaths() {
  const paths: Record<string, Record<string, unknown>> = {};
  const route = (path: string, ops: Partial<Record<Method, OperationSpec>>) => {
    const params = pathParams(path);
    paths[path] = {
      ...(params.length ? { parameters: params } : {}),
      ...Object.fromEntries(Object.entries(ops).map(([method, spec]) => [method, operation(method as Method, path, spec)])),
    };
  };
  const entry = jsonSchema(KnowledgeEntry, 'output');
  const tag = 'Knowledge';
  const unknownInbox: [string, string] = ['unknown_inbox', 'inboxIds: no inbox 7 that you can see'];

  route('/api/knowledge', {
    get: {
      tag,
      operationId: 'searchKnowledge',
      summary: 'Search canned responses and articles',
      description:
        'Any logged-in user. Only entries for every inbox or for an inbox the caller can see. Ranked: shortcut starting with `q` first, then title matches, then body and tag matches; within each, the preferred language (`language`, else the language the conversation’s customer writes in, else the caller’s own) before entries for any language before others. Without `q`, every entry, preferred language first.',
      query: queryParameters(),
      success: { 200: { description: 'The entries, best first, and the language preferred.', schema: jsonSchema(KnowledgeList, 'output') } },
      errors: { 404: [['not_found', 'conversation not found']] },
    },
    post: {
      tag,
      operationId: 'createKnowledgeEntry',
      summary: 'Add a canned response or article',
      description: 'Leads and above. `inboxIds` may name only inboxes the caller can see; empty means every inbox.',
      role: 'lead',
      body: { schema: jsonSchema(CreateKnowledgeBody, 'input') },
      success: { 201: { description: 'The new entry.', schema: entry } },
      errors: { 400: [unknownInbox] },
    },
  });

  route('/api/knowledge/{id}', {
    get: {
      tag,
      operationId: 'getKnowledgeEntry',
      summary: 'Get a canned response or article',
      notFound: 'knowledge entry',
      success: { 200: { description: 'The entry.', schema: entry } },
    },
    patch: {
      tag,
      operationId: 'updateKnowledgeEntry',
      summary: 'Change a canned response or article',
      description: 'Leads and above; the fields given are replaced.',
      role: 'lead',
      notFound: 'knowledge entry',
      body: { schema: jsonSchema(PatchKnowledgeBody, 'input') },
      success: { 200: { description: 'The updated entry.', schema: entry } },
      errors: { 400: [unknownInbox, ['invalid_request', 'body: nothing to change']] },
    },
    delete: {
      tag,
      operationId: 'deleteKnowledgeEntry',
      summary: 'Delete a canned response or article',
      description: 'Leads and above.',
      role: 'lead',
      notFound: 'knowledge entry',
      success: { 200: { description: 'Deleted.', schema: ref('Ok') } },
    },
  });

  return paths;
}
