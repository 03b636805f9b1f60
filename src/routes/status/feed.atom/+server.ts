import type { RequestHandler } from './$types';
import { Locale } from '$lib/shared/schemas/common';
import { statusWords } from '$lib/server/crisis/status-words';
import { statusAtom } from '$lib/server/crisis/status-atom';
import { cachedResponse } from '$lib/server/crisis/status-http';

/** The status page's incident updates as an Atom 1.0 feed, in English unless `?lang=` says otherwise. */
export const GET: RequestHandler = ({ url, request, locals }) => {
  const t = statusWords(Locale.safeParse(url.searchParams.get('lang')).data ?? 'en');
  const doc = locals.app.statusPage.document(locals.app.crisisSettings.get().components, (i) => t.overall[i]);
  return cachedResponse(request, statusAtom(doc, locals.app.env.publicUrl, t), {
    'content-type': 'application/atom+xml; charset=utf-8',
    'access-control-allow-origin': '*',
  });
};
