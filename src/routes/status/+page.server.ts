import type { PageServerLoad } from './$types';
import { statusLocale } from '$lib/server/crisis/status-locale';
import { statusWords } from '$lib/server/crisis/status-words';
import { statusView } from '$lib/server/crisis/status-view';
import { STATUS_CACHE_CONTROL, STATUS_PAGE_CSP } from '$lib/server/crisis/status-http';

// Public and server-rendered: no login, no script, works with JavaScript off.
export const csr = false;

export const load: PageServerLoad = ({ url, request, locals, setHeaders }) => {
  const locale = statusLocale(url.searchParams.get('lang'), request.headers.get('accept-language'));
  // The console's language cookie does not apply here; <html lang> must say what the page says.
  locals.pageLocale = locale;
  const t = statusWords(locale);
  const doc = locals.app.statusPage.document(locals.app.crisisSettings.get().components, (i) => t.overall[i]);
  setHeaders({
    'cache-control': STATUS_CACHE_CONTROL,
    vary: 'Accept-Language',
    'content-language': locale,
    'content-security-policy': STATUS_PAGE_CSP,
  });
  return { view: statusView(doc, t) };
};
