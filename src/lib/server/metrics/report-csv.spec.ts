import { describe, expect, it } from 'vitest';
import type { Report } from '$lib/shared/schemas/metrics';
import { reportToCsv } from './report-csv';

const report: Report = {
  from: '2025-03-10',
  to: '2025-03-11',
  opened: 3,
  resolved: 2,
  firstResponse: { count: 3, medianSeconds: 120, p90Seconds: 600 },
  resolution: { count: 2, medianSeconds: 45_000, p90Seconds: 86_400 },
  sla: { met: 1, breached: 1, rate: 0.5 },
  csat: { average: null, responses: 0 },
  messagesPerAgent: [{ agentId: 4, name: '=Łukasz, "Ł"', messages: 7 }],
  busiestHours: Array.from({ length: 24 }, (_, h) => (h === 9 ? 2 : 0)),
  daily: [{ date: '2025-03-10', opened: 2, resolved: 1 }],
};

describe('the report as CSV', () => {
  it('starts with a BOM and the header row, one figure per CRLF line, empty cells for missing values', () => {
    const csv = reportToCsv(report);
    expect(csv.startsWith('\uFEFFmetric,dimension,value\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toContain('opened,,3');
    expect(lines).toContain('resolution_median_seconds,,45000');
    expect(lines).toContain('csat_average,,');
    expect(lines).toContain('customer_messages_by_hour,09:00,2');
    expect(lines).toContain('daily_resolved,2025-03-10,1');
    expect(lines.filter((l) => l.startsWith('customer_messages_by_hour,'))).toHaveLength(24);
  });

  it('quotes names with commas and quotes and defuses formulas', () => {
    expect(reportToCsv(report)).toContain(`agent_messages,"'=Łukasz, ""Ł""",7`);
  });
});
