export const SESSION_COOKIE = 'sb_session';
export const LOCALE_COOKIE = 'sb_locale';
