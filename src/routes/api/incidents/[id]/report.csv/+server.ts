import { api, idParam, requireAuth } from '$lib/server/http/api-handler';
import { reportCsv } from '$lib/server/crisis/report-csv';

/** Everyone logged in, like the incident itself: counts and the timeline, no customer data. */
export const GET = api((event) => {
  requireAuth(event);
  const id = idParam(event.params.id, 'incident');
  const csv = reportCsv(event.locals.app.crisis.report(id));
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="incident-${id}-report.csv"`,
      'cache-control': 'private, no-store',
    },
  });
});
