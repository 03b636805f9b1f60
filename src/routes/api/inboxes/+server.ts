import { json } from '@sveltejs/kit';
import { CreateInboxBody } from '$lib/shared/schemas/inbox';
import { api, readJson, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';

export const GET = api((event) => json({ items: event.locals.app.inboxes.list(requireAuth(event)) }));

export const POST = api(async (event) => {
  requireRole(requireAuth(event), 'admin');
  const { name, channel, ...settings } = await readJson(event.request, CreateInboxBody);
  return json(event.locals.app.inboxes.create({ name, channel, settings }), { status: 201 });
});
