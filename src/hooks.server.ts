import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { dev } from '$app/environment';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { SESSION_COOKIE } from '$lib/server/http/cookies';
import { errorResponse } from '$lib/server/http/api-handler';
import { statementHeader } from '$lib/server/http/statement-header';
import type { SwitchboardApp } from '$lib/server/app';

async function resolveApp(event: Parameters<Handle>[0]['event']): Promise<SwitchboardApp> {
  const fromServer = event.platform?.req?.switchboard;
  if (fromServer) return fromServer;
  if (dev) return (await import('$lib/server/dev-app')).devApp();
  throw new Error('Switchboard must be started through server.js (npm start)');
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Browsers send Origin on every cross-site write; a request without one comes from a non-browser client. */
const sameOrigin = (origin: string | null, own: string, publicUrl: string) => !origin || origin === own || origin === new URL(publicUrl).origin;

/** Who is calling: a Bearer API token, or the session cookie. */
const authenticate: Handle = async ({ event, resolve }) => {
  const app = await resolveApp(event);
  event.locals.app = app;
  event.locals.auth = null;
  const header = event.request.headers.get('authorization');
  if (header?.toLowerCase().startsWith('bearer ')) {
    // Inbound channel requests carry the inbox's own token; their route checks it.
    event.locals.auth = app.auth.fromBearer(header.slice(7).trim());
  } else {
    const cookie = event.cookies.get(SESSION_COOKIE);
    if (cookie) event.locals.auth = app.auth.fromSession(cookie);
    // A cookie is sent by the browser on its own; refuse cross-site writes made with it.
    if (cookie && UNSAFE.has(event.request.method) && !sameOrigin(event.request.headers.get('origin'), event.url.origin, app.env.publicUrl)) {
      return errorResponse(403, 'cross_site', 'cross-site requests are not allowed');
    }
  }
  return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  const h = response.headers;
  h.set('x-content-type-options', 'nosniff');
  // A route may be stricter (the framed email body sends no referrer at all).
  if (!h.has('referrer-policy')) h.set('referrer-policy', 'strict-origin-when-cross-origin');
  // Pages meant to be framed (the chat widget) say by whom through CSP frame-ancestors.
  if (!h.has('x-frame-options') && !/frame-ancestors/.test(h.get('content-security-policy') ?? '')) h.set('x-frame-options', 'DENY');
  if (event.url.pathname.startsWith('/api/')) h.set('cache-control', h.get('cache-control') ?? 'no-store');
  return response;
};

const i18n: Handle = ({ event, resolve }) =>
  paraglideMiddleware(event.request, ({ request, locale }) => {
    event.request = request;
    return resolve(event, { transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', event.locals.pageLocale ?? locale) });
  });

/** The API speaks JSON and names locales explicitly; the middleware would clone every API request, body included. */
const pagesI18n: Handle = (input) => (input.event.url.pathname.startsWith('/api/') ? input.resolve(input.event) : i18n(input));

export const handle = sequence(statementHeader, securityHeaders, authenticate, pagesI18n);

export const handleError: HandleServerError = ({ error, status, message }) => {
  if (status >= 500) console.error('[server]', error);
  return { message: status >= 500 ? 'Something went wrong' : message, code: status === 404 ? 'not_found' : 'error' };
};
