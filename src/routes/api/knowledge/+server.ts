import { json } from '@sveltejs/kit';
import { CreateKnowledgeBody, KnowledgeQuery } from '$lib/shared/schemas/knowledge';
import { api, readJson, readQuery, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';

export const GET = api((event) => json(event.locals.app.knowledge.search(requireAuth(event), readQuery(event.url, KnowledgeQuery))));

export const POST = api(async (event) => {
  const auth = requireAuth(event);
  requireRole(auth, 'lead');
  return json(event.locals.app.knowledge.create(auth, await readJson(event.request, CreateKnowledgeBody)), { status: 201 });
});
