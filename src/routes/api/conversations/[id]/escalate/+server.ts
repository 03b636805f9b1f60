import { json } from '@sveltejs/kit';
import { EscalateBody } from '$lib/shared/schemas/floor';
import { api, idParam, readJson, requireAuth } from '$lib/server/http/api-handler';

export const POST = api(async (event) => {
  const auth = requireAuth(event);
  const id = idParam(event.params.id, 'conversation');
  const { reason } = await readJson(event.request, EscalateBody);
  return json(event.locals.app.floor.escalations.escalate(auth, id, reason));
});
