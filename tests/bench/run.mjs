// Runs every benchmark and reports against its budget.
//   node tests/bench/run.mjs
// 1. vitest benches (tests/bench/**/*.bench.test.ts), 2. Playwright benches when
// tests/bench/playwright.bench.config.ts exists. Each bench appends to .results.ndjson through
// record(); this script turns that into results.json and a table. A failing bench process makes
// the exit code non-zero; a figure over budget only warns.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = join(benchDir, '..', '..');
const ndjson = join(benchDir, '.results.ndjson');
const resultsJson = join(benchDir, 'results.json');

rmSync(ndjson, { force: true });

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const failures = [];

function run(label, args, env = {}) {
  console.log(`\n> ${label}: npx ${args.join(' ')}`);
  const r = spawnSync(npx, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failures.push(`${label} exited with ${r.status ?? r.signal}`);
}

run('vitest benches', ['vitest', 'run', '--config', 'tests/bench/vitest.bench.config.ts']);
if (existsSync(join(benchDir, 'playwright.bench.config.ts'))) {
  // The browser benches measure the real built extension.
  run('build', ['wxt', 'build']);
  // The CRM benches run in the e2e copy, where the sites are granted at install.
  run('build (e2e copy)', ['wxt', 'build'], { TOUCHBASE_E2E: '1' });
  run('playwright benches', ['playwright', 'test', '--config', 'tests/bench/playwright.bench.config.ts']);
}

const results = existsSync(ndjson)
  ? readFileSync(ndjson, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const { name, value, unit, budget, floorMs, measuredMs } = JSON.parse(l);
        return { name, value, unit, budget, ...(floorMs === undefined ? {} : { floorMs, measuredMs }) };
      })
  : [];
writeFileSync(resultsJson, `${JSON.stringify(results, null, 2)}\n`);

const fmt = (n) => (Number.isInteger(n) ? String(n) : n.toPrecision(4));
const rows = results.map((r) => [
  r.name,
  fmt(r.value),
  r.unit,
  fmt(r.budget),
  r.value <= r.budget ? 'pass' : 'OVER BUDGET',
  r.floorMs === undefined ? '' : `${Math.round(r.measuredMs)} ms / floor ${Math.round(r.floorMs)} ms`,
]);
const head = ['benchmark', 'value', 'unit', 'budget', 'status', 'measured / raw IndexedDB floor'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
for (const r of rows) console.log(line(r));

const over = results.filter((r) => r.value > r.budget);
if (over.length > 0)
  console.warn(`\nwarning: ${over.length} benchmark(s) over budget: ${over.map((r) => r.name).join(', ')}`);
if (results.length === 0) console.warn('\nwarning: no benchmark recorded a result');
console.log(`\nwrote ${resultsJson}`);
if (failures.length > 0) {
  console.error(`\nbench failed: ${failures.join('; ')}`);
  process.exit(1);
}
