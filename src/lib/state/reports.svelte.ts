/** The reports page: filters (kept in the URL's query), the loaded report and its CSV link. */
import type { Report, ReportFilterOptions } from '$lib/shared/schemas/metrics';
import { api, ApiError } from '$lib/client/api';

export interface ReportFilters {
  from: string;
  to: string;
  inboxId: string;
  channel: string;
  agentId: string;
  teamId: string;
}

const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The last seven days, today included. */
export function defaultFilters(today = new Date()): ReportFilters {
  const from = new Date(today);
  from.setDate(from.getDate() - 6);
  return { from: isoDay(from), to: isoDay(today), inboxId: '', channel: '', agentId: '', teamId: '' };
}

/** The query string for the API: empty filters are left out. */
export function reportQuery(f: ReportFilters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) params.set(k, v);
  return params.toString();
}

export class ReportsState {
  filters = $state<ReportFilters>(defaultFilters());
  options = $state<ReportFilterOptions>({ inboxes: [], agents: [], teams: [] });
  report = $state<Report | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);

  readonly csvHref = $derived(`/api/reports/export.csv?${reportQuery(this.filters)}`);
  readonly channels = $derived([...new Set(this.options.inboxes.map((i) => i.channel))].sort());

  async start() {
    try {
      this.options = await api<ReportFilterOptions>('/api/reports/filters');
    } catch (err) {
      this.error = err instanceof ApiError ? err.message : String(err);
      return;
    }
    await this.load();
  }

  async load() {
    this.loading = true;
    this.error = null;
    try {
      this.report = await api<Report>(`/api/reports?${reportQuery(this.filters)}`);
    } catch (err) {
      this.error = err instanceof ApiError ? err.message : String(err);
    } finally {
      this.loading = false;
    }
  }
}
