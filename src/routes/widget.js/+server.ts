import { createHash } from 'node:crypto';
import type { RequestHandler } from './$types';
import { locales } from '$lib/shared/schemas/common';
import { m } from '$lib/paraglide/messages';
import loaderSource from '$lib/widget/loader.js?raw';

const labels = Object.fromEntries(
  locales.map((locale) => [
    locale,
    { open: m.chat_launcher_open({}, { locale }), close: m.chat_launcher_close({}, { locale }), title: m.chat_frame_title({}, { locale }), unread: m.chat_unread({ count: '{count}' }, { locale }) },
  ]),
);
// A JS string literal holding the JSON; `<` escaped so no label could ever end a script early.
const body = loaderSource.replace("'__SB_LABELS__'", JSON.stringify(JSON.stringify(labels)).replace(/</g, '\\u003c'));
const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

/**
 * The embeddable loader. Short browser caching (sites keep the same URL across releases) and an
 * ETag, so revalidation is a 304; any site may load it.
 */
export const GET: RequestHandler = ({ request }) => {
  const headers = {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'public, max-age=300, stale-while-revalidate=86400',
    etag,
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
  };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
};
