/**
 * Reads of one index by many keys. One exact request per key, all asked at once: a multi-key
 * `anyOf` walks the index with a cursor that waits for each step's answer before asking for the
 * next (about 0.3 s for 200 keys in Chromium, and each wait longer while the sync's local copy
 * writes on the same IndexedDB backend).
 */
import type { IndexableType, Table } from 'dexie';

/** The rows whose `index` holds each of `keys`: one list per key, in the order of `keys`. */
export function rowsPerKey<T, TKey, TInsert>(
  table: Table<T, TKey, TInsert>,
  index: string,
  keys: readonly IndexableType[],
): Promise<T[][]> {
  return Promise.all(keys.map((k) => table.where(index).equals(k).toArray()));
}

/** The rows of `lists`, each id once, in the order first seen. */
export function distinctById<T extends { id: number }>(lists: readonly (readonly T[])[]): T[] {
  const seen = new Map<number, T>();
  for (const list of lists) for (const row of list) if (!seen.has(row.id)) seen.set(row.id, row);
  return [...seen.values()];
}
