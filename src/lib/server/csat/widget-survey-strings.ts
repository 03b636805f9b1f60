import * as m from '$lib/paraglide/messages';
import type { Locale } from '$lib/shared/schemas/common';

/** The widget's inline survey in the visitor's language, sent with the widget frame. */
export function widgetSurveyStrings(locale: Locale) {
  const o = { locale };
  return {
    prompt: m.csat_widget_prompt({}, o),
    legend: m.csat_rating_legend({}, o),
    ratings: [m.csat_rating_1({}, o), m.csat_rating_2({}, o), m.csat_rating_3({}, o), m.csat_rating_4({}, o), m.csat_rating_5({}, o)],
    comment: m.csat_comment_label({}, o),
    submit: m.csat_submit({}, o),
    thanks: m.csat_thanks_title({}, o),
    thanksBody: m.csat_thanks_body({}, o),
    failed: m.csat_widget_failed({}, o),
    chooseRating: m.csat_error_rating({}, o),
  };
}

export type WidgetSurveyStrings = ReturnType<typeof widgetSurveyStrings>;
