import { teamMeId } from './ownership';
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
 *
 * With team sync on, the badge is the rep's own work: touches of leads another rep owns are left
 * out (their owner's badge counts them; unowned leads count for everyone). That needs the due
 * rows themselves and their contacts' owners, so only then are the due rows read.
 */
export async function dueSummary(db: TouchbaseDb, now: number): Promise<DueSummary> {
  return db.transaction('r', [db.touches, db.contacts, db.meta], async () => {
    const me = await teamMeId(db);
    if (me) {
      const due = await db.touches
        .where('[state+dueAt]')
        .between(['planned', -Infinity], ['planned', now], true, true)
        .toArray();
      const theirs = await othersLeads(
        db,
        due.map((t) => t.contactId),
        me,
      );
      const mine = theirs.size ? due.filter((t) => !theirs.has(t.contactId)) : due;
      return { due: mine.length, overdue: mine.filter((t) => t.deadlineAt < now).length };
    }
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

/** Of these contacts, the ones another rep owns (team sync on; `me` is this rep's id). */
export async function othersLeads(
  db: TouchbaseDb,
  contactIds: readonly number[],
  me: string,
): Promise<Set<number>> {
  const ids = [...new Set(contactIds)];
  const rows = ids.length ? await db.contacts.bulkGet(ids) : [];
  const out = new Set<number>();
  for (const c of rows) if (c?.owner && c.owner.id !== me) out.add(c.id);
  return out;
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
