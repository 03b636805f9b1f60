import { json } from '@sveltejs/kit';
import { api, idParam, requireAuth } from '$lib/server/http/api-handler';

export const POST = api((event) => {
  event.locals.app.conversations.markRead(requireAuth(event), idParam(event.params.id, 'conversation'));
  return json({ ok: true });
});
