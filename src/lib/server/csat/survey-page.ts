import * as m from '$lib/paraglide/messages';
import { locales, type Locale } from '$lib/shared/schemas/common';
import { AppError } from '../errors';
import type { CsatService, SurveyView } from './csat.service';

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', pl: 'Polski', fi: 'Suomi', da: 'Dansk' };

/** The survey page's words in one language, rendered on the server (the page ships no script). */
export function surveyWords(locale: Locale, inboxName: string) {
  const o = { locale };
  return {
    locale,
    title: m.csat_page_title({}, o),
    intro: m.csat_page_intro({ inbox: inboxName }, o),
    legend: m.csat_rating_legend({}, o),
    ratings: [m.csat_rating_1({}, o), m.csat_rating_2({}, o), m.csat_rating_3({}, o), m.csat_rating_4({}, o), m.csat_rating_5({}, o)],
    commentLabel: m.csat_comment_label({}, o),
    commentHint: m.csat_comment_hint({}, o),
    submit: m.csat_submit({}, o),
    thanksTitle: m.csat_thanks_title({}, o),
    thanksBody: m.csat_thanks_body({}, o),
    alreadyTitle: m.csat_already_rated({}, o),
    // `{rating}` stays for the page to fill: page data must be plain values.
    alreadyBody: m.csat_already_rated_body({ rating: '{rating}' }, o),
    yourRating: m.csat_your_rating({ rating: '{rating}' }, o),
    invalidTitle: m.csat_invalid_title({}, o),
    invalidBody: m.csat_invalid_body({}, o),
    expiredTitle: m.csat_expired_title({}, o),
    expiredBody: m.csat_expired_body({}, o),
    errorRating: m.csat_error_rating({}, o),
    errorComment: m.csat_error_comment({}, o),
    language: m.csat_language({}, o),
  };
}

export type SurveyWords = ReturnType<typeof surveyWords>;

export const surveyLanguages = (token: string, current: Locale) =>
  locales.map((code) => ({ code, name: LANGUAGE_NAMES[code], href: `/csat/${encodeURIComponent(token)}?lang=${code}`, current: code === current }));

export type SurveyOutcome =
  | { kind: 'rated'; rating: number }
  | { kind: 'already'; view: SurveyView }
  | { kind: 'gone'; view: SurveyView }
  | { kind: 'invalid'; field: 'rating' | 'comment'; comment: string };

/** A form post of the survey page: stored, already answered, expired or invalid, or a field to fix. */
export function submitSurvey(surveys: CsatService, token: string, form: FormData): SurveyOutcome {
  const rating = String(form.get('rating') ?? '');
  const comment = String(form.get('comment') ?? '');
  try {
    const row = surveys.rate(token, { rating: rating === '' ? undefined : rating, comment });
    return { kind: 'rated', rating: row.rating ?? Number(rating) };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.status === 409) return { kind: 'already', view: surveys.view(token) };
    if (err.status === 400) return { kind: 'invalid', field: /comment/.test(err.message) ? 'comment' : 'rating', comment: comment.slice(0, 2000) };
    return { kind: 'gone', view: surveys.view(token) };
  }
}
