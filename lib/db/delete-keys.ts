/**
 * Deleting many rows by primary key. IndexedDB has no batch delete: Dexie's `bulkDelete` issues
 * one request per key (20,000 of them for a bulk pause of 10,000 speed-to-lead sequences), while
 * one key-range delete removes a whole run of neighbouring keys in a single request. Rows created
 * together (an import, a bulk enrol, a bulk resume) have consecutive auto-incremented keys, so a
 * bulk action's rows are mostly a few long runs.
 */
import type { Table } from 'dexie';

/** Shorter runs are deleted key by key: a range delete also counts its range first. */
const MIN_RUN = 16;

/**
 * Splits `keys` (any order, no duplicates needed) into runs of consecutive integers of at least
 * `MIN_RUN` keys, as `[first, last]`, and the keys left over.
 */
export function keyRuns(keys: readonly number[]): { runs: [number, number][]; singles: number[] } {
  const sorted = [...new Set(keys)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  const singles: number[] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i];
    if (cur !== undefined && Number.isInteger(prev) && cur === prev + 1) continue;
    const first = sorted[start]!;
    if (i - start >= MIN_RUN && Number.isInteger(first)) runs.push([first, prev]);
    else for (let k = start; k < i; k++) singles.push(sorted[k]!);
    start = i;
  }
  return { runs, singles };
}

/**
 * Deletes the rows with these integer primary keys, inside the caller's transaction: each run
 * of consecutive keys is one key-range delete, the rest one batch. Every key of a run was read in
 * this transaction, and an auto-incremented table holds only integer keys, so a range holds
 * exactly its run; a range that deletes any other number of rows aborts the transaction.
 */
export async function deleteKeys<T>(table: Table<T, number>, keys: readonly number[]): Promise<void> {
  if (!keys.length) return;
  const { runs, singles } = keyRuns(keys);
  for (const [lo, hi] of runs) {
    const n = await table.where(':id').between(lo, hi, true, true).delete();
    if (n !== hi - lo + 1)
      throw new Error(`Range delete in ${table.name}: ${n} rows where ${hi - lo + 1} were expected.`);
  }
  if (singles.length) await table.bulkDelete(singles);
}
