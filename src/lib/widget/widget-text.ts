import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/shared/schemas/common';

/** The sentence the widget shows for an error code from the server or from its own checks. */
export function problemText(code: string, locale: Locale): string {
  const o = { locale };
  switch (code) {
    case 'origin_not_allowed':
      return m.chat_error_origin({}, o);
    case 'invalid_identity':
      return m.chat_error_identity({}, o);
    case 'rate_limited':
      return m.chat_error_rate({}, o);
    case 'file_too_large':
      return m.chat_file_too_large({}, o);
    case 'file_type_not_allowed':
    case 'file_type_mismatch':
      return m.chat_file_type({}, o);
    case 'timeout':
    case 'upload_failed':
    case 'internal':
      return m.chat_failed({}, o);
    default:
      return m.chat_error_unavailable({}, o);
  }
}

export const timeOf = (iso: string, locale: Locale) => new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
