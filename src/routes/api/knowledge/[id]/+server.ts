import { json } from '@sveltejs/kit';
import { PatchKnowledgeBody } from '$lib/shared/schemas/knowledge';
import { api, idParam, readJson, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';

export const GET = api((event) => json(event.locals.app.knowledge.get(requireAuth(event), idParam(event.params.id, 'knowledge entry'))));

export const PATCH = api(async (event) => {
  const auth = requireAuth(event);
  requireRole(auth, 'lead');
  const id = idParam(event.params.id, 'knowledge entry');
  return json(event.locals.app.knowledge.update(auth, id, await readJson(event.request, PatchKnowledgeBody)));
});

export const DELETE = api((event) => {
  const auth = requireAuth(event);
  requireRole(auth, 'lead');
  event.locals.app.knowledge.remove(auth, idParam(event.params.id, 'knowledge entry'));
  return json({ ok: true });
});
