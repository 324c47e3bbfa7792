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
