import { describe, expect, it } from 'vitest';
import type { IncidentReport } from '$lib/shared/schemas/incident';
import { csvCell, reportCsv } from './report-csv';

/** A small RFC 4180 reader, to check the file reads back into the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') (row.push(cell), rows.push(row), (row = []), (cell = '')), i++;
    else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

const report: IncidentReport = {
  incidentId: 7,
  title: 'Płatności, "karty" i BLIK',
  severity: 'critical',
  startedAt: '2026-11-30T10:00:00.000Z',
  resolvedAt: '2026-11-30T11:30:00.000Z',
  durationSeconds: 5400,
  timeToFirstUpdateSeconds: 600,
  linkedByChannel: [
    { channel: 'email', count: 12 },
    { channel: 'whatsapp', count: 3 },
  ],
  linkedTotal: 15,
  customersNotified: 14,
  messagesSent: 27,
  messagesFailed: 2,
  timeline: [
    { id: 1, status: 'investigating', message: '=HYPERLINK("http://evil.example","click")', author: { id: 2, name: 'Ola Lead' }, notifyLinked: false, resolveLinked: false, createdAt: '2026-11-30T10:00:00.000Z' },
    { id: 2, status: 'identified', message: 'Line one\nline two, with a comma', author: null, notifyLinked: true, resolveLinked: false, createdAt: '2026-11-30T10:10:00.000Z' },
    { id: 3, status: 'resolved', message: '@SUM(A1) -1 +1', author: { id: 2, name: '-Dash Lead' }, notifyLinked: true, resolveLinked: true, createdAt: '2026-11-30T11:30:00.000Z' },
  ],
};

describe('incident report CSV', () => {
  it('quotes cells with commas, quotes and line breaks, and leaves plain ones alone', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(text).replace(/^"/, '').startsWith("'"), text).toBe(true);
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('has a BOM, a header row, the summary and then the timeline, with CRLF line ends', () => {
    const csv = reportCsv(report);
    expect(csv.startsWith('\uFEFFsection,field,value,time,status,author,message,sent to customers\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows.every((r) => r.length === 8)).toBe(true);
    const summary = Object.fromEntries(rows.filter((r) => r[0] === 'summary').map((r) => [r[1], r[2]]));
    expect(summary).toEqual({
      Incident: '7',
      Title: 'Płatności, "karty" i BLIK',
      Severity: 'critical',
      Started: '2026-11-30T10:00:00.000Z',
      Resolved: '2026-11-30T11:30:00.000Z',
      'Duration (seconds)': '5400',
      'Time to first update (seconds)': '600',
      'Linked conversations': '15',
      'Linked conversations: email': '12',
      'Linked conversations: whatsapp': '3',
      'Customers notified': '14',
      'Messages sent': '27',
      'Messages failed': '2',
    });
    const timeline = rows.filter((r) => r[0] === 'timeline').map((r) => r.slice(3));
    expect(timeline).toEqual([
      ['2026-11-30T10:00:00.000Z', 'investigating', 'Ola Lead', `'=HYPERLINK("http://evil.example","click")`, 'no'],
      ['2026-11-30T10:10:00.000Z', 'identified', '', 'Line one\nline two, with a comma', 'yes'],
      ['2026-11-30T11:30:00.000Z', 'resolved', "'-Dash Lead", "'@SUM(A1) -1 +1", 'yes'],
    ]);
    expect(rows.findIndex((r) => r[0] === 'timeline')).toBeGreaterThan(rows.findLastIndex((r) => r[0] === 'summary'));
  });
});
