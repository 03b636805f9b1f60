import { json } from '@sveltejs/kit';
import { CsatSubmitBody } from '$lib/shared/schemas/csat';
import { api, readJson } from '$lib/server/http/api-handler';

/** A customer's answer to a survey link: public, the signed token is the permission. */
export const POST = api(async (event) => {
  const body = await readJson(event.request, CsatSubmitBody);
  const rated = event.locals.app.csat.surveys.rate(event.params.token ?? '', body);
  return json({ ok: true, rating: rated.rating, ratedAt: new Date(rated.ratedAt ?? Date.now()).toISOString() });
});
