import { json } from '@sveltejs/kit';
import { AuditQuery } from '$lib/shared/schemas/audit';
import { api, readQuery, requireAuth } from '$lib/server/http/api-handler';
import { requireRole } from '$lib/server/auth/auth-context';

/** Leads and above read the audit log. */
export const GET = api((event) => {
  requireRole(requireAuth(event), 'lead');
  return json(event.locals.app.crisis.audit.list(readQuery(event.url, AuditQuery)));
});
