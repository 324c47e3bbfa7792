#!/usr/bin/env node
// `web-ext lint` on the Firefox build (Mozilla's addons-linter, what AMO runs on upload), strict:
// any error fails, and so does any warning except the one explained below.
//
// The explained warning: addons-linter flags React DOM's own `node.innerHTML = props.__html`, the
// code behind `dangerouslySetInnerHTML`, in the bundled react-dom chunk. That path runs only for a
// component that passes `dangerouslySetInnerHTML`, and none of ours may (checked here too), so no
// rep or page data can reach it. Any other innerHTML warning, or this one anywhere but inside
// React's `__html` branch, fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.argv[2] ?? '.output/firefox-mv3');
if (!existsSync(path.join(dir, 'manifest.json'))) {
  console.error(`No Firefox build in ${dir}: run \`npm run build:firefox\` first.`);
  process.exit(1);
}

const res = spawnSync(
  'npx',
  ['web-ext', 'lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'],
  {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  },
);
let report;
try {
  report = JSON.parse(res.stdout.slice(res.stdout.indexOf('{')));
} catch {
  console.error('web-ext lint gave no JSON report:\n', res.stdout, res.stderr);
  process.exit(1);
}

function sourcesUsing(needle, roots) {
  const hits = [];
  const walk = (p) => {
    if (statSync(p).isDirectory()) for (const e of readdirSync(p)) walk(path.join(p, e));
    else if (/\.(tsx?|mjs|js)$/.test(p) && readFileSync(p, 'utf8').includes(needle)) hits.push(p);
  };
  for (const r of roots) if (existsSync(r)) walk(r);
  return hits;
}

const ownInnerHtml = sourcesUsing('dangerouslySetInnerHTML', ['components', 'entrypoints', 'lib']);

/** True for the react-dom `dangerouslySetInnerHTML` assignment, found by its `__html` guard. */
function isReactInnerHtml(m) {
  if (m.code !== 'UNSAFE_VAR_ASSIGNMENT' || !m.file || !m.line || !m.column) return false;
  const line = readFileSync(path.join(dir, m.file), 'utf8').split('\n')[m.line - 1] ?? '';
  const around = line.slice(Math.max(0, m.column - 200), m.column + 40);
  return /__html/.test(around) && /\.innerHTML\s*=/.test(around);
}

const problems = [...report.errors];
const explained = [];
for (const w of report.warnings) {
  if (ownInnerHtml.length === 0 && isReactInnerHtml(w)) explained.push(w);
  else problems.push(w);
}

const where = (m) => `${m.file ?? 'manifest'}${m.line ? `:${m.line}:${m.column}` : ''}`;
for (const m of explained)
  console.log(`explained  ${m.code} ${where(m)} (react-dom dangerouslySetInnerHTML; unused)`);
for (const m of report.notices) console.log(`notice     ${m.code} ${where(m)} ${m.message}`);
for (const m of problems)
  console.log(`PROBLEM    ${m.code} ${where(m)} ${m.message}\n           ${m.description}`);
if (ownInnerHtml.length) console.log(`dangerouslySetInnerHTML is used in: ${ownInnerHtml.join(', ')}`);
console.log(
  `web-ext lint ${path.relative(process.cwd(), dir)}: ${report.errors.length} errors, ` +
    `${report.warnings.length} warnings (${explained.length} explained), ${report.notices.length} notices`,
);
process.exit(problems.length === 0 && res.status === 0 ? 0 : 1);
