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
  /**
   * For a ratio: the raw-IndexedDB floor it divides by and the operation's own time, both in ms,
   * measured in the same browser and the same run, so a reader sees what the ratio is made of.
   */
  floorMs?: number;
  measuredMs?: number;
}

export const RESULTS_FILE = join(dirname(fileURLToPath(import.meta.url)), '.results.ndjson');

/** Appends one result as a JSON line to tests/bench/.results.ndjson. */
export function record(r: BenchResult): void {
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  appendFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ name: r.name, value: r.value, unit: r.unit, budget: r.budget, floorMs: r.floorMs, measuredMs: r.measuredMs })}\n`,
  );
}

/** Median of a list of samples (NaN when empty). Does not reorder the input. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
