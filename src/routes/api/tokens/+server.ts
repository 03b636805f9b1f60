import { json } from '@sveltejs/kit';
import { CreateTokenBody } from '$lib/shared/schemas/user';
import { api, readJson, requireAuth } from '$lib/server/http/api-handler';

export const GET = api((event) => json({ items: event.locals.app.auth.listTokens(requireAuth(event).user.id) }));

export const POST = api(async (event) => {
  const auth = requireAuth(event);
  const { name } = await readJson(event.request, CreateTokenBody);
  return json(event.locals.app.auth.createToken(auth.user.id, name), { status: 201 });
});
