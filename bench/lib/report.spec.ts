import { describe, expect, it } from 'vitest';
import { errorRow, formatTable, makeReport, row, SCENARIOS, validateReport } from './report.mjs';
import { RUNNERS } from '../scenarios/index.mjs';
import { quantile } from './stats.mjs';

const machine = { cpus: 2, node: 'v20.20.2', platform: 'linux' };
const report = (scenarios: ReturnType<typeof row>[]) => makeReport({ machine, scenarios, options: {}, startedAt: 'a', finishedAt: 'b' });

describe('bench report', () => {
  it('has a runner for every scenario of the issue and no other', () => {
    expect(Object.keys(RUNNERS).sort()).toEqual([...SCENARIOS].sort());
    expect(SCENARIOS).toEqual(['fanout-50', 'fanout-1000', 'ingest', 'ingest-http', 'inbox-list', 'thread-open', 'socket-memory', 'console-cold', 'console-switch', 'console-dom', 'bundle']);
  });

  it('writes rows with exactly the fields of the JSON contract, judged against their budget', () => {
    const r = row({ name: 'fanout-50', metric: 'p99 latency', value: 12, baseline: 8, unit: 'ms', budget: { max: 20, maxRatio: 2 } });
    expect(r).toEqual({ name: 'fanout-50', metric: 'p99 latency', value: 12, unit: 'ms', baseline: 8, ratio: 1.5, budget: '<= 20 ms and <= 2x baseline', pass: true, valid: true });
    expect(row({ name: 'fanout-50', metric: 'p99', value: 12, baseline: 5, unit: 'ms', budget: { max: 20, maxRatio: 2 } }).pass).toBe(false);
    expect(row({ name: 'ingest', metric: 'msg/s', value: 400, baseline: 1000, unit: 'msg/s', budget: { minRatio: 0.5 } }).pass).toBe(false);
    expect(row({ name: 'ingest-http', metric: 'msg/s', value: 2100, unit: 'msg/s', budget: { min: 2000 } }).pass).toBe(true);
  });

  it('never passes a row whose measurement was invalid, and does not judge a row without a budget', () => {
    expect(row({ name: 'ingest-http', metric: 'msg/s', value: 2100, unit: 'msg/s', budget: { min: 2000 }, valid: false }).pass).toBe(false);
    const info = row({ name: 'bundle', metric: 'files', value: 3, unit: 'files' });
    expect(info).toMatchObject({ budget: null, pass: null, ratio: null, baseline: null });
    expect(row({ name: 'bundle', metric: 'KiB', value: NaN, unit: 'KiB', budget: { max: 150 } })).toMatchObject({ value: null, pass: false });
  });

  it('accepts a well-formed report and marks it invalid when any row was', () => {
    const ok = report([row({ name: 'bundle', metric: 'KiB', value: 120, baseline: 40, unit: 'KiB', budget: { max: 150 } })]);
    expect(validateReport(ok)).toEqual([]);
    expect(ok.valid).toBe(true);
    const bad = report([row({ name: 'ingest-http', metric: 'msg/s', value: 1, unit: 'msg/s', budget: { min: 2 }, valid: false })]);
    expect(bad.valid).toBe(false);
    expect(bad.invalid).toEqual(['ingest-http: msg/s']);
    expect(validateReport(report([errorRow('ingest', new Error('boom'))]))).toEqual([]);
  });

  it('names every way a report can be malformed', () => {
    const good = row({ name: 'bundle', metric: 'KiB', value: 1, unit: 'KiB', budget: { max: 150 } });
    const { pass: _pass, ...noPass } = good;
    expect(validateReport({ scenarios: [] })).toContain('machine: missing');
    expect(validateReport({ machine, scenarios: {} })).toContain('scenarios: not an array');
    expect(validateReport({ machine, scenarios: [noPass] })).toContain('scenarios[0].pass: missing');
    expect(validateReport({ machine, scenarios: [{ ...good, name: 'fanout-2' }] })).toContain('scenarios[0].name: "fanout-2" is not a scenario');
    expect(validateReport({ machine, scenarios: [{ ...good, value: '1' }] })).toContain('scenarios[0].value: must be a number or null');
    expect(validateReport({ machine, scenarios: [{ ...good, budget: null }] })).toContain('scenarios[0].pass: a row without a budget cannot pass or fail');
    expect(validateReport({ machine, scenarios: [{ ...good, pass: null }] })).toContain('scenarios[0].pass: a row with a budget must pass or fail');
  });

  it('prints one table line per row with its verdict', () => {
    const table = formatTable([
      row({ name: 'bundle', metric: 'KiB', value: 120, baseline: 40, unit: 'KiB', budget: { max: 150 } }),
      row({ name: 'inbox-list', metric: 'p99', value: 9, baseline: 2, unit: 'ms', budget: { max: 5 } }),
      row({ name: 'ingest-http', metric: 'msg/s', value: 1, unit: 'msg/s', budget: { min: 2 }, valid: false }),
      row({ name: 'console-dom', metric: 'nodes', value: 3, unit: 'nodes' }),
    ]).split('\n');
    expect(lines(table)).toEqual(['scenario', '-----------', 'bundle', 'inbox-list', 'ingest-http', 'console-dom']);
    expect(table[2]).toMatch(/120 KiB\s+40 KiB\s+3x\s+<= 150 KiB\s+pass$/);
    expect(table[3]).toMatch(/MISS$/);
    expect(table[4]).toMatch(/INVALID$/);
    expect(table[5]).toMatch(/info$/);
  });

  it('takes quantiles by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(samples, 0.5)).toBe(50);
    expect(quantile(samples, 0.99)).toBe(99);
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

const lines = (table: string[]) => table.map((l) => l.split(/\s+/)[0]);
