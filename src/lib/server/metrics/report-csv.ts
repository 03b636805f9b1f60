import type { Report } from '$lib/shared/schemas/metrics';
import { csvCell } from '../crisis/report-csv';

type Cell = string | number | null;

/**
 * The report as one long sheet, easy to filter in a spreadsheet: a header row
 * `metric,dimension,value`, one row per figure; per-agent, per-hour and per-day figures name
 * their agent, hour or date as the dimension. Same BOM and CRLF as the incident report.
 */
export function reportToCsv(r: Report): string {
  const rows: Cell[][] = [['metric', 'dimension', 'value']];
  const add = (metric: string, value: Cell, dimension: Cell = null) => rows.push([metric, dimension, value]);
  add('from', r.from);
  add('to', r.to);
  add('opened', r.opened);
  add('resolved', r.resolved);
  add('first_response_count', r.firstResponse.count);
  add('first_response_median_seconds', r.firstResponse.medianSeconds);
  add('first_response_p90_seconds', r.firstResponse.p90Seconds);
  add('resolution_count', r.resolution.count);
  add('resolution_median_seconds', r.resolution.medianSeconds);
  add('resolution_p90_seconds', r.resolution.p90Seconds);
  add('sla_met', r.sla.met);
  add('sla_breached', r.sla.breached);
  add('sla_attainment', r.sla.rate);
  add('csat_average', r.csat.average);
  add('csat_responses', r.csat.responses);
  for (const a of r.messagesPerAgent) add('agent_messages', a.messages, a.name);
  r.busiestHours.forEach((n, h) => add('customer_messages_by_hour', n, `${String(h).padStart(2, '0')}:00`));
  for (const d of r.daily) {
    add('daily_opened', d.opened, d.date);
    add('daily_resolved', d.resolved, d.date);
  }
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
