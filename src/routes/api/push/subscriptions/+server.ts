import { json } from '@sveltejs/kit';
import { PushSubscriptionBody, PushUnsubscribeBody } from '$lib/shared/schemas/push';
import { api, readJson, requireAuth } from '$lib/server/http/api-handler';

/** The caller's opted-in browsers: a browser checks that its subscription is still the caller's. */
export const GET = api((event) => {
  const auth = requireAuth(event);
  return json({ items: event.locals.app.push.list(auth.user.id) });
});

/** Opts this browser in to background notifications for the caller. */
export const POST = api(async (event) => {
  const auth = requireAuth(event);
  const body = await readJson(event.request, PushSubscriptionBody);
  event.locals.app.push.subscribe(auth.user.id, body);
  return json({ ok: true }, { status: 201 });
});

/** Opts this browser out again. */
export const DELETE = api(async (event) => {
  const auth = requireAuth(event);
  const { endpoint } = await readJson(event.request, PushUnsubscribeBody);
  event.locals.app.push.unsubscribe(auth.user.id, endpoint);
  return json({ ok: true });
});
