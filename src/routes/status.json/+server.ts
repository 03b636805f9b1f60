import type { RequestHandler } from './$types';
import { Locale } from '$lib/shared/schemas/common';
import { statusWords } from '$lib/server/crisis/status-words';
import { cachedResponse } from '$lib/server/crisis/status-http';

/** Public data for anyone (other sites' widgets, monitors): readable cross-origin, no credentials. */
const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag' };

/** The status page as JSON. `status.description` is English unless `?lang=` names pl, fi or da. */
export const GET: RequestHandler = ({ url, request, locals }) => {
  const t = statusWords(Locale.safeParse(url.searchParams.get('lang')).data ?? 'en');
  const doc = locals.app.statusPage.document(locals.app.crisisSettings.get().components, (i) => t.overall[i]);
  return cachedResponse(request, JSON.stringify(doc), { 'content-type': 'application/json; charset=utf-8', ...CORS });
};

export const OPTIONS: RequestHandler = () => new Response(null, { status: 204, headers: { ...CORS, 'access-control-allow-methods': 'GET', 'access-control-max-age': '86400' } });
