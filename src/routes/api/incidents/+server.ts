import { json } from '@sveltejs/kit';
import { DeclareIncidentBody, IncidentListQuery } from '$lib/shared/schemas/incident';
import { api, readJson, readQuery, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';
import { readIdempotencyKey } from '$lib/server/http/idempotency-key';

/** Everyone logged in reads incidents: agents need the banner. */
export const GET = api((event) => {
  requireAuth(event);
  const { active, limit } = readQuery(event.url, IncidentListQuery);
  const items = event.locals.app.crisis.incidents.list({ active: active === undefined ? undefined : active === '1' || active === 'true', limit });
  return json({ items });
});

/** 201 for a new incident; 200 with the first one when this Idempotency-Key was seen before. */
export const POST = api(async (event) => {
  const auth = requireAuth(event);
  requireRole(auth, 'lead');
  const key = readIdempotencyKey(event.request);
  const body = await readJson(event.request, DeclareIncidentBody);
  const { incident, created } = event.locals.app.crisis.incidents.declare(auth, body, key);
  return json(incident, { status: created ? 201 : 200 });
});
