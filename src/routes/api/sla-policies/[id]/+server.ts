import { json } from '@sveltejs/kit';
import { PatchSlaPolicyBody } from '$lib/shared/schemas/sla';
import { api, idParam, readJson, requireAuth } from '$lib/server/http/api-handler';

export const GET = api((event) => json(event.locals.app.sla.policies.get(requireAuth(event), idParam(event.params.id, 'SLA policy'))));

export const PATCH = api(async (event) => {
  const auth = requireAuth(event);
  const id = idParam(event.params.id, 'SLA policy');
  const patch = await readJson(event.request, PatchSlaPolicyBody);
  return json(event.locals.app.sla.policies.update(auth, id, patch));
});

export const DELETE = api((event) => {
  const auth = requireAuth(event);
  event.locals.app.sla.policies.delete(auth, idParam(event.params.id, 'SLA policy'));
  return json({ ok: true });
});
