#!/usr/bin/env node
// `npm test`: every check in order (typecheck, lint, unit, build, Firefox build + web-ext lint,
// e2e), then one plain summary line `N passed, N failed` that CI reads. A failing check that has
// no test count of its own (tsc, lint, build) counts as one failure; the run exits non-zero on any
// failure.
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

// Firefox: its own build (MV3, background page), then Mozilla's linter on it.
const firefoxBuildOk = run('build (firefox)', 'npx', ['wxt', 'build', '-b', 'firefox']);
if (firefoxBuildOk) {
  passed += 1;
  step('web-ext lint', 'node', ['tests/firefox/lint.mjs', '.output/firefox-mv3']);
} else {
  failed += 1;
  failures.push('build (firefox)');
}

if (buildOk) {
  const e2eJson = path.join(tmp, 'playwright.json');
  const e2eOk = run('e2e', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });
  if (existsSync(e2eJson)) {
    const r = JSON.parse(readFileSync(e2eJson, 'utf8'));
    const s = r.stats ?? {};
    passed += (s.expected ?? 0) + (s.flaky ?? 0);
    failed += s.unexpected ?? 0;
    if (s.unexpected) failures.push(`e2e (${s.unexpected})`);
    if (!e2eOk && !s.unexpected) {
      failed += 1;
      failures.push('e2e (run error)');
    }
  } else {
    failed += 1;
    failures.push('e2e (no report)');
  }
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
