import { json } from '@sveltejs/kit';
import { api, idParam, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';
import { registerTelegramWebhook } from '$lib/server/channels/telegram/telegram-webhook.handler';

/** Admin: calls the bot's setWebhook with this inbox's webhook URL and secret. */
export const POST = api(async (event) => {
  requireRole(requireAuth(event), 'admin');
  const { app } = event.locals;
  return json(await registerTelegramWebhook(app, idParam(event.params.id, 'inbox'), app.env.publicUrl));
});
