import type { WidgetStrings } from '$lib/server/channels/chat/widget-strings';

export type { WidgetStrings };

/** Puts values into a sentence's `{placeholders}`. */
export const fill = (sentence: string, values: Record<string, string>) => sentence.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);

/** The sentence the widget shows for an error code from the server or from its own checks. */
export function problemText(code: string, t: WidgetStrings): string {
  switch (code) {
    case 'origin_not_allowed':
      return t.error_origin;
    case 'invalid_identity':
      return t.error_identity;
    case 'rate_limited':
      return t.error_rate;
    case 'file_too_large':
      return t.file_too_large;
    case 'file_type_not_allowed':
    case 'file_type_mismatch':
      return t.file_type;
    case 'timeout':
    case 'upload_failed':
    case 'internal':
      return t.failed;
    default:
      return t.error_unavailable;
  }
}

export const timeOf = (iso: string, locale: string) => new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
