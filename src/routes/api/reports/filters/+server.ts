import { json } from '@sveltejs/kit';
import { api, requireAuth } from '$lib/server/http/api-handler';

/** The choices of the report filters, within the caller's scope. */
export const GET = api((event) => json(event.locals.app.metrics.reports.filterOptions(requireAuth(event))));
