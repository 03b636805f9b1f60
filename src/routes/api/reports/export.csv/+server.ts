import { ReportQuery } from '$lib/shared/schemas/metrics';
import { api, readQuery, requireAuth } from '$lib/server/http/api-handler';
import { reportToCsv } from '$lib/server/metrics/report-csv';

/** The same report as `GET /api/reports`, as CSV with a header row. */
export const GET = api((event) => {
  const auth = requireAuth(event);
  const query = readQuery(event.url, ReportQuery);
  const csv = reportToCsv(event.locals.app.metrics.reports.build(auth, query));
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="report-${query.from}-to-${query.to}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
});
