import type { RequestEvent } from '@sveltejs/kit';
import { LOCALE_COOKIE, SESSION_COOKIE } from './cookies';

const secure = (event: RequestEvent) => event.url.protocol === 'https:' || event.locals.app.env.publicUrl.startsWith('https:');

export function setSessionCookie(event: RequestEvent, token: string, maxAge: number) {
  event.cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(event), maxAge });
}

/** Paraglide's cookie strategy reads this, so the user's language follows them to any device. */
export function setLocaleCookie(event: RequestEvent, locale: string | null) {
  if (locale === null) event.cookies.delete(LOCALE_COOKIE, { path: '/' });
  else event.cookies.set(LOCALE_COOKIE, locale, { path: '/', httpOnly: false, sameSite: 'lax', secure: secure(event), maxAge: 400 * 86_400 });
}
