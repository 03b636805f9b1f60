import type { IncidentReport } from '$lib/shared/schemas/incident';

type Cell = string | number | null;

const COLUMNS = ['section', 'field', 'value', 'time', 'status', 'author', 'message', 'sent to customers'];

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (= + - @, tab, carriage return first) gets a leading `'`.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const line = (cells: Cell[]) => cells.map(csvCell).join(',');

/**
 * The report as one sheet: a header row, the summary (section `summary`, field, value), then
 * the timeline (section `timeline`, time, status, author, message). A BOM first, so spreadsheet
 * programs read the UTF-8 (Polish, Finnish, Danish letters) right; CRLF line ends.
 */
export function reportCsv(report: IncidentReport): string {
  const summary: [string, Cell][] = [
    ['Incident', report.incidentId],
    ['Title', report.title],
    ['Severity', report.severity],
    ['Started', report.startedAt],
    ['Resolved', report.resolvedAt],
    ['Duration (seconds)', report.durationSeconds],
    ['Time to first update (seconds)', report.timeToFirstUpdateSeconds],
    ['Linked conversations', report.linkedTotal],
    ...report.linkedByChannel.map((c): [string, Cell] => [`Linked conversations: ${c.channel}`, c.count]),
    ['Customers notified', report.customersNotified],
    ['Messages sent', report.messagesSent],
    ['Messages failed', report.messagesFailed],
  ];
  const rows = [
    line(COLUMNS),
    ...summary.map(([field, value]) => line(['summary', field, value, null, null, null, null, null])),
    ...report.timeline.map((u) => line(['timeline', null, null, u.createdAt, u.status, u.author?.name ?? null, u.message, u.notifyLinked ? 'yes' : 'no'])),
  ];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
