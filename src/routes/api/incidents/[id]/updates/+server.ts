import { json } from '@sveltejs/kit';
import { PostIncidentUpdateBody } from '$lib/shared/schemas/incident';
import { api, idParam, readJson, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';
import { readIdempotencyKey } from '$lib/server/http/idempotency-key';

/** 201 for a new update; 200 with the stored one when this Idempotency-Key was seen before. */
export const POST = api(async (event) => {
  const auth = requireAuth(event);
  requireRole(auth, 'lead');
  const id = idParam(event.params.id, 'incident');
  const key = readIdempotencyKey(event.request);
  const body = await readJson(event.request, PostIncidentUpdateBody);
  const { update, incident, created } = event.locals.app.crisis.incidents.postUpdate(auth, id, body, key);
  return json({ update, incident }, { status: created ? 201 : 200 });
});
