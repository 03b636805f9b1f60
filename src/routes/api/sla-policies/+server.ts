import { json } from '@sveltejs/kit';
import { CreateSlaPolicyBody } from '$lib/shared/schemas/sla';
import { api, readJson, requireAuth } from '$lib/server/http/api-handler';

export const GET = api((event) => json({ items: event.locals.app.sla.policies.list(requireAuth(event)) }));

export const POST = api(async (event) => {
  const auth = requireAuth(event);
  const body = await readJson(event.request, CreateSlaPolicyBody);
  return json(event.locals.app.sla.policies.create(auth, body), { status: 201 });
});
