import { json } from '@sveltejs/kit';
import { api, idParam, requireAuth } from '$lib/server/http/api-handler';

export const GET = api((event) => {
  const auth = requireAuth(event);
  return json({ csat: event.locals.app.csat.surveys.forConversation(auth, idParam(event.params.id, 'conversation')) });
});
