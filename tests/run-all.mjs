#!/usr/bin/env node
// `npm test`: every check in order (typecheck, lint, unit, build, e2e, then for Firefox MV3 and
// MV2: build, web-ext lint, smoke test), then one plain summary line `N passed, N failed` that CI
// reads. A failing check that has no test count of its own (tsc, lint, build) counts as one
// failure; the run exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const tmp = mkdtempSync(path.join(tmpdir(), 'touchbase-test-'));
let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return res.status === 0;
}

function step(label, cmd, args) {
  if (run(label, cmd, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

// Generated types (.wxt: i18n message keys from public/_locales, auto-imports) can be older than the
// sources in a reused checkout; regenerate them so the typecheck reads what the build will.
run('prepare', 'npx', ['wxt', 'prepare']);
step('typecheck', 'npx', ['tsc', '--noEmit']);
step('lint', 'npx', ['biome', 'ci', '.']);

const unitJson = path.join(tmp, 'vitest.json');
const unitOk = run('unit', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${unitJson}`,
]);
if (existsSync(unitJson)) {
  const r = JSON.parse(readFileSync(unitJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  if (r.numFailedTests > 0) failures.push(`unit (${r.numFailedTests})`);
  if (!unitOk && r.numFailedTests === 0) {
    failed += 1;
    failures.push('unit (suite error)');
  }
} else {
  failed += 1;
  failures.push('unit (no report)');
}

const buildOk = run('build', 'npx', ['wxt', 'build']);
if (buildOk) passed += 1;
else {
  failed += 1;
  failures.push('build');
}

/** Runs a Playwright suite and counts its tests; a run that breaks without a failed test counts one. */
function playwright(label, args, env = {}) {
  const json = path.join(tmp, `${label.replace(/\W+/g, '-')}.json`);
  const ok = run(label, 'npx', ['playwright', 'test', ...args], {
    ...env,
    PLAYWRIGHT_JSON_OUTPUT_NAME: json,
  });
  if (!existsSync(json)) {
    failed += 1;
    failures.push(`${label} (no report)`);
    return;
  }
  const s = JSON.parse(readFileSync(json, 'utf8')).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  if (s.unexpected) failures.push(`${label} (${s.unexpected})`);
  if (!ok && !s.unexpected) {
    failed += 1;
    failures.push(`${label} (run error)`);
  }
}

// The e2e copy (.output/chrome-mv3-e2e): the CRM hosts granted at install, since no test can
// click the browser's permission prompt. Never shipped; the production build above is the one
// whose manifest the e2e tests check for no CRM host permission.
const e2eBuildOk = run('build (e2e copy)', 'npx', ['wxt', 'build'], { TOUCHBASE_E2E: '1' });
if (e2eBuildOk) passed += 1;
else {
  failed += 1;
  failures.push('build (e2e copy)');
}

if (buildOk && e2eBuildOk) playwright('e2e', []);

// Firefox: the shipped MV3 build and the MV2 one (which exercises the browserAction fallback),
// each linted by Mozilla's web-ext lint and smoke-tested in Debian's Firefox ESR.
for (const mv of ['3', '2']) {
  const dir = `.output/firefox-mv${mv}`;
  const ok = run(`build (firefox mv${mv})`, 'npx', ['wxt', 'build', '-b', 'firefox', `--mv${mv}`]);
  if (!ok) {
    failed += 1;
    failures.push(`build (firefox mv${mv})`);
    continue;
  }
  passed += 1;
  step(`web-ext lint (mv${mv})`, 'node', ['tests/firefox/lint.mjs', dir]);
  playwright(`firefox smoke (mv${mv})`, ['-c', 'tests/firefox/playwright.config.ts'], { FIREFOX_BUILD: dir });
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
