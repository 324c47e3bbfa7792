import type { TouchbaseDb } from './schema';

export interface DueSummary {
  /** Planned touches whose due time has come. */
  due: number;
  /** Of those, the ones past their deadline. */
  overdue: number;
}

/**
 * Counts due and overdue touches straight from the `[state+dueAt]` and `[state+deadlineAt]`
 * indexes: two key-range counts, no table scan, whatever the size of the history.
 */
export async function dueSummary(db: TouchbaseDb, now: number): Promise<DueSummary> {
  return db.transaction('r', db.touches, async () => {
    const [due, overdue] = await Promise.all([
      db.touches.where('[state+dueAt]').between(['planned', -Infinity], ['planned', now], true, true).count(),
      db.touches
        .where('[state+deadlineAt]')
        .between(['planned', -Infinity], ['planned', now], true, false)
        .count(),
    ]);
    return { due, overdue };
  });
}

/** How many planned touches fall in each group of the due list (see lib/touches/due-groups). */
export interface DueGroupCounts {
  overdue: number;
  today: number;
  upcoming: number;
}

/**
 * The true size of each due-list group, from index counts alone, for when the list itself is
 * read only up to a cap. Same rules as `dueGroupOf`: overdue when the deadline has passed, today
 * when due before `endOfToday`, upcoming when due before `horizon`. A touch's due time never
 * comes after its deadline, so every overdue touch is also due before `endOfToday`, and the
 * subtraction below is exact.
 *
 * Chromium counts an index range by visiting every entry (about 4 µs each here), so the two due
 * ranges are disjoint: each planned touch inside the horizon is visited once, plus the overdue
 * ones on the deadline index.
 */
export async function dueGroupCounts(
  db: TouchbaseDb,
  now: number,
  endOfToday: number,
  horizon: number,
): Promise<DueGroupCounts> {
  return db.transaction('r', db.touches, async () => {
    const dueBetween = (from: number, to: number) =>
      db.touches.where('[state+dueAt]').between(['planned', from], ['planned', to], true, false).count();
    const [overdue, beforeEndOfDay, upcoming] = await Promise.all([
      db.touches
        .where('[state+deadlineAt]')
        .between(['planned', -Infinity], ['planned', now], true, true)
        .count(),
      dueBetween(-Infinity, endOfToday),
      endOfToday < horizon ? dueBetween(endOfToday, horizon) : 0,
    ]);
    return { overdue, today: Math.max(0, beforeEndOfDay - overdue), upcoming };
  });
}
