import * as m from '$lib/paraglide/messages';
import type { Locale } from '$lib/shared/schemas/common';
import type { Severity } from '$lib/shared/schemas/incident';

/** The widget banner's words in the visitor's language, sent with the widget frame. */
export function widgetBannerStrings(locale: Locale) {
  const o = { locale };
  const headline: Record<Severity, string> = {
    minor: m.status_page_overall_minor({}, o),
    major: m.status_page_overall_major({}, o),
    critical: m.status_page_overall_critical({}, o),
  };
  return { label: m.status_banner_label({}, o), link: m.status_banner_link({}, o), headline };
}

export type WidgetBannerStrings = ReturnType<typeof widgetBannerStrings>;
