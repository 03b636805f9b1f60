// `npm run bench` — the performance suite of issue 7. Builds what it needs, generates its data,
// runs every scenario against its same-run baseline and prints the table.
//
//   npm run bench                        full run (100k conversations / 1M messages)
//   npm run bench -- --quick             small data, fewer repetitions (CI)
//   npm run bench -- --json out.json     also write {machine, scenarios:[...]} as JSON
//   npm run bench -- --only inbox-list,bundle   some scenarios only
//   npm run bench -- --strict            exit 1 when a budget is missed (not only on errors)
//   npm run bench -- --markdown          also print the table as Markdown
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBenchEntries, ensureAppBuild, ROOT } from './lib/build.mjs';
import { machineInfo } from './lib/machine.mjs';
import { errorRow, formatMarkdown, formatTable, makeReport, SCENARIOS, validateReport } from './lib/report.mjs';
import { ensureDataset, workingCopy } from './dataset/datasets.mjs';
import { RUNNERS } from './scenarios/index.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function parseArgs(argv) {
  const opts = { quick: false, json: null, only: null, skip: [], strict: false, markdown: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--strict') opts.strict = true;
    else if (a === '--markdown') opts.markdown = true;
    else if (a === '--json') opts.json = argv[++i];
    else if (a === '--only') opts.only = argv[++i].split(',');
    else if (a === '--skip') opts.skip = argv[++i].split(',');
    else if (a === '--help' || a === '-h') {
      console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown option ${a} (see --help)`);
  }
  for (const n of [...(opts.only ?? []), ...opts.skip]) if (!SCENARIOS.includes(n)) throw new Error(`unknown scenario ${n}; scenarios: ${SCENARIOS.join(', ')}`);
  if (opts.json === undefined) throw new Error('--json needs a file name');
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const log = (msg) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${msg}`);
  const selected = Object.keys(RUNNERS).filter((n) => (!opts.only || opts.only.includes(n)) && !opts.skip.includes(n));
  const machineBefore = machineInfo(CHROMIUM);
  if (machineBefore.loadAverage[0] > machineBefore.cpus) log(`warning: load average ${machineBefore.loadAverage[0]} on ${machineBefore.cpus} cores: absolute figures will be noisy (ratios hold better)`);

  ensureAppBuild(log);
  const bundles = await bundleBenchEntries();
  const large = ensureDataset(opts.quick ? 'quick-large' : 'large', bundles.generate, log);
  const small = selected.includes('console-dom') ? ensureDataset(opts.quick ? 'quick-small' : 'small', bundles.generate, log) : null;
  const ctx = { quick: opts.quick, log, bundles, large, small, db: workingCopy(large, 'large'), smallDb: small ? workingCopy(small, 'small') : null, chromium: CHROMIUM };

  const rows = [];
  for (const name of selected) {
    log(`${name}: running`);
    const t0 = Date.now();
    try {
      const result = await RUNNERS[name](ctx);
      rows.push(...result);
      for (const r of result) log(`${name}: ${r.metric} = ${r.value ?? '—'} ${r.unit}${r.baseline !== null ? ` (baseline ${r.baseline})` : ''}${r.pass === false ? ' MISS' : ''}${r.valid === false ? ' INVALID' : ''}`);
    } catch (err) {
      console.error(err);
      rows.push(errorRow(name, err));
    }
    log(`${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }

  const machine = { ...machineBefore, loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100) };
  const report = makeReport({ machine, scenarios: rows, options: { quick: opts.quick, dataset: large.info.counts }, startedAt: new Date(started).toISOString(), finishedAt: new Date().toISOString() });
  const problems = validateReport(report);
  console.log(`\n${formatTable(rows)}\n`);
  if (opts.markdown) console.log(`${formatMarkdown(rows)}\n`);
  console.log(`machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}; load ${machine.loadAverage[0]} -> ${machine.loadAverageAfter[0]}`);
  console.log(`data: ${large.info.counts.conversations} conversations, ${large.info.counts.messages} messages${opts.quick ? ' (--quick)' : ''}`);
  if (!report.valid) console.log(`INVALID: ${report.invalid.join('; ')}`);
  if (opts.json) {
    fs.writeFileSync(path.resolve(opts.json), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`wrote ${path.relative(ROOT, path.resolve(opts.json)) || opts.json}`);
  }
  if (problems.length) console.error(`the report is malformed:\n  ${problems.join('\n  ')}`);
  const errors = rows.filter((r) => r.metric === 'error');
  const missed = rows.filter((r) => r.pass === false);
  process.exitCode = problems.length || errors.length || (opts.strict && missed.length) ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
