import { json } from '@sveltejs/kit';
import { ReportQuery } from '$lib/shared/schemas/metrics';
import { api, readQuery, requireAuth } from '$lib/server/http/api-handler';

/** Leads and above: the report for a date range and filters, computed from the event history. */
export const GET = api((event) => {
  const auth = requireAuth(event);
  return json(event.locals.app.metrics.reports.build(auth, readQuery(event.url, ReportQuery)));
});
