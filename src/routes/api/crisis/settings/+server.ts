import { json } from '@sveltejs/kit';
import { CrisisSettings } from '$lib/shared/schemas/incident';
import { requireRole } from '$lib/server/auth/auth-context';
import { atLeast } from '$lib/server/auth/roles';
import { api, readJson, requireAuth } from '$lib/server/http/api-handler';

/**
 * Slack and Teams webhook URLs are bearer secrets (anyone holding one can post to the channel):
 * leads, who may read but not change the settings, see only where they point.
 */
const forReader = (settings: CrisisSettings, canWrite: boolean): CrisisSettings =>
  canWrite || !settings.webhookUrl ? settings : { ...settings, webhookUrl: `${new URL(settings.webhookUrl).origin}/` };

export const GET = api((event) => {
  const auth = requireAuth(event);
  requireRole(auth, 'lead');
  return json(forReader(event.locals.app.crisisSettings.get(), atLeast(auth.user.role, 'supervisor')));
});

export const PUT = api(async (event) => {
  const auth = requireAuth(event);
  requireRole(auth, 'supervisor');
  const body = await readJson(event.request, CrisisSettings);
  return json(event.locals.app.crisisSettings.put(body, auth.user.id));
});
