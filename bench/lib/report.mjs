// The suite's one result format: rows of {name, metric, value, unit, baseline, ratio, budget, pass},
// printed as a table and written as JSON. A budget is judged here, from its spec, never by hand.
import { round } from './stats.mjs';

export const SCENARIOS = [
  'fanout-50',
  'fanout-1000',
  'ingest',
  'ingest-http',
  'inbox-list',
  'thread-open',
  'socket-memory',
  'console-cold',
  'console-switch',
  'console-dom',
  'bundle',
];

const ROW_KEYS = ['name', 'metric', 'value', 'unit', 'baseline', 'ratio', 'budget', 'pass'];

function budgetText(spec, unit) {
  const parts = [];
  if (spec.max !== undefined) parts.push(`<= ${spec.max} ${unit}`);
  if (spec.min !== undefined) parts.push(`>= ${spec.min} ${unit}`);
  if (spec.maxRatio !== undefined) parts.push(`<= ${spec.maxRatio}x baseline`);
  if (spec.minRatio !== undefined) parts.push(`>= ${spec.minRatio}x baseline`);
  return parts.join(' and ');
}

/**
 * One result row. `budget` is a spec ({max, min, maxRatio, minRatio}) or null for a figure shown
 * for context only; `pass` is null then. A row whose measurement was not trustworthy (the load
 * generator was the bottleneck) carries valid: false and never passes.
 */
export function row({ name, metric, value, unit, baseline = null, budget = null, valid = true, note }) {
  const v = typeof value === 'number' && Number.isFinite(value) ? value : null;
  const b = typeof baseline === 'number' && Number.isFinite(baseline) ? baseline : null;
  const ratio = v !== null && b !== null && b !== 0 ? v / b : null;
  let pass = null;
  if (budget) {
    const checks = [];
    if (budget.max !== undefined) checks.push(v !== null && v <= budget.max);
    if (budget.min !== undefined) checks.push(v !== null && v >= budget.min);
    if (budget.maxRatio !== undefined) checks.push(ratio !== null && ratio <= budget.maxRatio);
    if (budget.minRatio !== undefined) checks.push(ratio !== null && ratio >= budget.minRatio);
    pass = valid && checks.every(Boolean);
  }
  const out = {
    name,
    metric,
    value: round(v, 3),
    unit,
    baseline: round(b, 3),
    ratio: round(ratio, 3),
    budget: budget ? budgetText(budget, unit) : null,
    pass,
    valid,
  };
  if (note) out.note = note;
  return out;
}

/** A scenario that could not run at all: one failing row saying why. */
export function errorRow(name, error) {
  return { ...row({ name, metric: 'error', value: null, unit: '', budget: { max: 0 }, valid: false }), note: String(error?.stack ?? error).split('\n').slice(0, 3).join(' | ') };
}

export function makeReport({ machine, scenarios, options, startedAt, finishedAt }) {
  const invalid = scenarios.filter((s) => s.valid === false).map((s) => `${s.name}: ${s.metric}${s.note ? ` (${s.note})` : ''}`);
  return { machine, options, startedAt, finishedAt, valid: invalid.length === 0, invalid, scenarios };
}

/** Problems with a report's shape (empty when it is well-formed); the unit test and the CLI use it. */
export function validateReport(report) {
  const problems = [];
  if (!report || typeof report !== 'object') return ['the report is not an object'];
  if (!report.machine || typeof report.machine !== 'object') problems.push('machine: missing');
  else for (const k of ['cpus', 'node', 'platform']) if (report.machine[k] === undefined) problems.push(`machine.${k}: missing`);
  if (!Array.isArray(report.scenarios)) return [...problems, 'scenarios: not an array'];
  report.scenarios.forEach((s, i) => {
    const at = `scenarios[${i}]`;
    for (const k of ROW_KEYS) if (!(k in s)) problems.push(`${at}.${k}: missing`);
    if (typeof s.name !== 'string' || !SCENARIOS.includes(s.name)) problems.push(`${at}.name: ${JSON.stringify(s.name)} is not a scenario`);
    if (typeof s.metric !== 'string' || !s.metric) problems.push(`${at}.metric: must be a non-empty string`);
    if (typeof s.unit !== 'string') problems.push(`${at}.unit: must be a string`);
    for (const k of ['value', 'baseline', 'ratio']) if (s[k] !== null && typeof s[k] !== 'number') problems.push(`${at}.${k}: must be a number or null`);
    if (s.budget !== null && typeof s.budget !== 'string') problems.push(`${at}.budget: must be a string or null`);
    if (s.pass !== null && typeof s.pass !== 'boolean') problems.push(`${at}.pass: must be a boolean or null`);
    if (s.budget === null && s.pass !== null) problems.push(`${at}.pass: a row without a budget cannot pass or fail`);
    if (s.budget !== null && s.pass === null) problems.push(`${at}.pass: a row with a budget must pass or fail`);
  });
  return problems;
}

const fmt = (v) => (v === null || v === undefined ? '—' : typeof v === 'number' ? String(round(v, v >= 100 ? 0 : 2)) : String(v));

/** The table printed at the end of a run. */
export function formatTable(scenarios) {
  const header = ['scenario', 'metric', 'value', 'baseline', 'ratio', 'budget', 'result'];
  const lines = scenarios.map((s) => [
    s.name,
    s.metric,
    s.value === null ? '—' : `${fmt(s.value)} ${s.unit}`.trim(),
    s.baseline === null ? '—' : `${fmt(s.baseline)} ${s.unit}`.trim(),
    s.ratio === null ? '—' : `${fmt(s.ratio)}x`,
    s.budget ?? '—',
    s.valid === false ? 'INVALID' : s.pass === null ? 'info' : s.pass ? 'pass' : 'MISS',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(line)].join('\n');
}

/** The same rows as a Markdown table (for the README's record of the last run). */
export function formatMarkdown(scenarios) {
  const cell = (v, unit) => (v === null ? '—' : `${fmt(v)} ${unit}`.trim());
  const lines = scenarios.map((s) =>
    [s.name, s.metric, cell(s.value, s.unit), cell(s.baseline, s.unit), s.ratio === null ? '—' : `${fmt(s.ratio)}x`, s.budget ?? '—', s.valid === false ? 'invalid' : s.pass === null ? 'info' : s.pass ? 'pass' : '**miss**'].join(' | '),
  );
  return ['| scenario | metric | value | baseline | ratio | budget | result |', '| --- | --- | --- | --- | --- | --- | --- |', ...lines.map((l) => `| ${l} |`)].join('\n');
}
