/** `paths` of the Mentions view (collaboration, issue 6). */
import { operation, pathParams, type Method, type OperationSpec } from './operations';
import { schemaRef as ref, type GeneratedSchemas } from './schemas';

export function buildCollabPaths(g: GeneratedSchemas) {
  const paths: Record<string, Record<string, unknown>> = {};
  const route = (path: string, ops: Partial<Record<Method, OperationSpec>>) => {
    const params = pathParams(path);
    paths[path] = {
      ...(params.length ? { parameters: params } : {}),
      ...Object.fromEntries(Object.entries(ops).map(([method, spec]) => [method, operation(method as Method, path, spec)])),
    };
  };

  route('/api/mentions', {
    get: {
      tag: 'Mentions',
      operationId: 'listMentions',
      summary: 'My mentions',
      description:
        'Where a teammate @mentioned the caller (by the local part of their email, `@anna.nowak`) in a private note, newest first, with `unread` counting all unread ones. Only conversations the caller can see now are listed; a note names only teammates who could see its inbox when it was written. New ones arrive live as `mention.created`.',
      query: g.query('mentions'),
      success: { 200: { description: 'A page of mentions.', schema: ref('MentionList') } },
    },
  });

  route('/api/mentions/read', {
    post: {
      tag: 'Mentions',
      operationId: 'markMentionsRead',
      summary: 'Mark mentions read',
      description: 'Marks some of the caller’s mentions (`ids`), those of one conversation (`conversationId`), or all of them read. Others’ mentions are never touched. The caller’s other consoles hear `mention.read`.',
      body: { schema: ref('MarkMentionsReadBody') },
      success: { 200: { description: 'The ids that became read, and the unread count left.', schema: ref('MentionsReadResult') } },
    },
  });
  return paths;
}
