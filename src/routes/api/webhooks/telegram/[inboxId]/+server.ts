import { json } from '@sveltejs/kit';
import { api, idParam } from '$lib/server/http/api-handler';
import { receiveTelegramUpdate } from '$lib/server/channels/telegram/telegram-webhook.handler';

/** Bot API updates, authenticated by the X-Telegram-Bot-Api-Secret-Token header. */
export const POST = api(async (event) => {
  await receiveTelegramUpdate(event.locals.app, idParam(event.params.inboxId, 'inbox'), event.request);
  return json({ ok: true });
});
