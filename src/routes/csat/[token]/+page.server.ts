import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { statusLocale } from '$lib/server/crisis/status-locale';
import { STATUS_PAGE_CSP } from '$lib/server/crisis/status-http';
import { submitSurvey, surveyLanguages, surveyWords } from '$lib/server/csat/survey-page';

// Public and server-rendered: no login, no script; the rating is a plain form post.
export const csr = false;

export const load: PageServerLoad = ({ params, url, request, locals, setHeaders }) => {
  const locale = statusLocale(url.searchParams.get('lang'), request.headers.get('accept-language'));
  locals.pageLocale = locale;
  const view = locals.app.csat.surveys.view(params.token);
  setHeaders({
    'cache-control': 'no-store',
    vary: 'Accept-Language',
    'content-language': locale,
    'content-security-policy': STATUS_PAGE_CSP,
    // The token in the URL must not leak to other sites through links.
    'referrer-policy': 'no-referrer',
  });
  const inboxName = view.state === 'invalid' ? '' : view.inboxName;
  return { view, t: surveyWords(locale, inboxName), languages: surveyLanguages(params.token, locale) };
};

export const actions: Actions = {
  default: async ({ params, request, locals }) => {
    const outcome = submitSurvey(locals.app.csat.surveys, params.token, await request.formData());
    if (outcome.kind === 'invalid') return fail(400, { field: outcome.field, comment: outcome.comment });
    if (outcome.kind === 'rated') return { rated: outcome.rating };
    return fail(outcome.kind === 'already' ? 409 : 410, { state: outcome.view.state });
  },
};
