import { json } from '@sveltejs/kit';
import { api, idParam, requireAuth } from '$lib/server/http/api-handler';

export const POST = api((event) => {
  const conversationId = idParam(event.params.id, 'conversation');
  event.locals.app.conversations.markRead(requireAuth(event), conversationId);
  event.locals.app.bus.signal('conversation.read', { conversationId, readAt: Date.now() });
  return json({ ok: true });
});
