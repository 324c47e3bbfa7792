import Dexie, { type EntityTable } from 'dexie';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteKeys, keyRuns } from '@/lib/db/delete-keys';

describe('keyRuns', () => {
  it('splits keys into long runs of neighbours and the rest', () => {
    const long = Array.from({ length: 20 }, (_, i) => 100 + i);
    const { runs, singles } = keyRuns([5, ...long.reverse(), 3, 4, 200, 121]);
    expect(runs).toEqual([[100, 119]]);
    expect(singles).toEqual([3, 4, 5, 121, 200]);
  });

  it('covers every key exactly once, and a run is exactly its consecutive integers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 400 }), (keys) => {
        const { runs, singles } = keyRuns(keys);
        const covered: number[] = [...singles];
        for (const [lo, hi] of runs) {
          expect(hi - lo + 1).toBeGreaterThanOrEqual(16);
          for (let k = lo; k <= hi; k++) covered.push(k);
        }
        expect(covered.sort((a, b) => a - b)).toEqual([...new Set(keys)].sort((a, b) => a - b));
      }),
    );
  });
});

describe('deleteKeys', () => {
  let db: Dexie & { rows: EntityTable<{ id: number; v: string }, 'id'> };
  let n = 0;
  beforeEach(async () => {
    db = new Dexie(`test-delete-keys-${n++}`) as typeof db;
    db.version(1).stores({ rows: '++id, v' });
    await db.open();
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('deletes exactly the keys given, runs and scattered ones alike', async () => {
    await db.rows.bulkAdd(Array.from({ length: 100 }, (_, i) => ({ v: `r${i}` })));
    const gone = [...Array.from({ length: 40 }, (_, i) => 11 + i), 3, 7, 60, 62, 99];
    await db.transaction('rw', db.rows, () => deleteKeys(db.rows, gone));
    const left = await db.rows.toCollection().primaryKeys();
    expect(left).toEqual(Array.from({ length: 100 }, (_, i) => i + 1).filter((k) => !gone.includes(k)));
  });

  it('refuses, deleting nothing, when a range would take a row it was not given', async () => {
    await db.rows.bulkAdd(Array.from({ length: 30 }, (_, i) => ({ v: `r${i}` })));
    // A key between two neighbours no auto-increment makes: the range would delete it too.
    await db.rows.put({ id: 10.5, v: 'stray' });
    const keys = Array.from({ length: 20 }, (_, i) => i + 1);
    await expect(db.transaction('rw', db.rows, () => deleteKeys(db.rows, keys))).rejects.toThrow(
      /21 rows where 20 were expected/,
    );
    expect(await db.rows.count()).toBe(31);
  });
});
