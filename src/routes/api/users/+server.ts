import { json } from '@sveltejs/kit';
import { CreateUserBody } from '$lib/shared/schemas/user';
import { api, readJson, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';
import { toUserSummary } from '$lib/server/users/user-summary';

/** Every logged-in user may list teammates (for assignee pickers); only admins create them. */
export const GET = api((event) => {
  requireAuth(event);
  const { users, presence } = event.locals.app;
  return json({ items: users.list().map((u) => toUserSummary(u, presence.status(u.id))) });
});

export const POST = api(async (event) => {
  requireRole(requireAuth(event), 'admin');
  const body = await readJson(event.request, CreateUserBody);
  return json(await event.locals.app.users.create(body), { status: 201 });
});
