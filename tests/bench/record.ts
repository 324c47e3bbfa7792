/**
 * Shared helpers for benchmarks: each bench appends one result line; tests/bench/run.mjs
 * collects them into results.json and prints the table.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One measured figure and its budget (same unit). Over budget warns; it does not fail. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  budget: number;
}

export const RESULTS_FILE = join(dirname(fileURLToPath(import.meta.url)), '.results.ndjson');

/** Appends one result as a JSON line to tests/bench/.results.ndjson. */
export function record(r: BenchResult): void {
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  appendFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ name: r.name, value: r.value, unit: r.unit, budget: r.budget })}\n`,
  );
}

/** Median of a list of samples (NaN when empty). Does not reorder the input. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
