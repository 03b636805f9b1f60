import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { Locale } from '$lib/shared/schemas/common';
import { WebOrigin } from '$lib/shared/widget-events';
import { chatVisitorsOf } from '$lib/server/channels/chat/chat-visitors-of';
import { frameAncestors, originPermitted } from '$lib/server/channels/chat/chat-settings';
import { widgetStrings } from '$lib/server/channels/chat/widget-strings';
import { widgetBannerFor } from '$lib/server/crisis/widget-incident-banner';
import { widgetBannerStrings } from '$lib/server/crisis/widget-banner-strings';
import { widgetSurveyStrings } from '$lib/server/csat/widget-survey-strings';

/**
 * The widget frame. Browsers enforce who may frame it (CSP frame-ancestors from the inbox's
 * allowed origins); the host origin the loader names is checked too, to say so in the frame.
 */
export const load: PageServerLoad = ({ params, url, locals, setHeaders }) => {
  const inbox = chatVisitorsOf(locals.app).inboxByWidgetToken(params.token);
  if (!inbox) error(404, 'This chat does not exist');
  const host = WebOrigin.safeParse(url.searchParams.get('host') ?? '');
  const locale = Locale.safeParse(url.searchParams.get('locale')).data ?? 'en';
  setHeaders({
    'content-security-policy': `frame-ancestors ${frameAncestors(inbox.chat)}`,
    'cache-control': 'no-store',
  });
  return {
    widgetToken: params.token,
    inboxName: inbox.name,
    hostOrigin: host.success ? host.data : null,
    allowed: originPermitted(inbox.chat, host.success ? host.data : null),
    locale,
    strings: widgetStrings(locale),
    incident: widgetBannerFor(locals.app.db, inbox.id),
    bannerStrings: widgetBannerStrings(locale),
    surveyStrings: widgetSurveyStrings(locale),
  };
};
