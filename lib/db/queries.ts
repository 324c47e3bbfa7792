import { laterTouches, withLaterTouches } from './horizon';
import { dueGroupOf } from '@/lib/touches/due-groups';
import { teamMeId } from './ownership';
import type { ContactRow, EnrolmentRow, TouchbaseDb, TouchRow } from './schema';

export interface DueSummary {
  /** Planned touches whose due time has come. */
  due: number;
  /** Of those, the ones past their deadline. */
  overdue: number;
}

/**
 * The computed (not stored) planned touches due before `until` (`inclusive`: at or before),
 * from the enrolments whose first computed touch is due by then (`laterDueAt` index). Every
 * reader of "planned touches due by …" adds these to the stored rows it reads.
 */
export async function computedDue(
  db: TouchbaseDb,
  until: number,
  inclusive: boolean,
  limit?: number,
): Promise<{ touches: TouchRow[]; enrolments: EnrolmentRow[] }> {
  const range = db.enrolments.where('laterDueAt').below(inclusive ? until + 1 : until);
  const enrolments = await (limit === undefined ? range : range.limit(limit)).toArray();
  const touches: TouchRow[] = [];
  for (const e of enrolments) {
    for (const t of laterTouches(e)) if (inclusive ? t.dueAt <= until : t.dueAt < until) touches.push(t);
  }
  return { touches, enrolments };
}

/**
 * Counts due and overdue touches from the `[state+dueAt]` and `[state+deadlineAt]` indexes (two
 * key-range counts, no table scan, whatever the size of the history), plus the touches the
 * engine computes for the enrolments whose unstored touches are due already (`laterDueAt`): none
 * while the minute alarm keeps up, a few after a laptop slept.
 *
 * With team sync on, the badge is the rep's own work: touches of leads another rep owns are left
 * out (their owner's badge counts them; unowned leads count for everyone). That needs the due
 * rows themselves and their contacts' owners, so only then are the due rows read.
 */
export async function dueSummary(db: TouchbaseDb, now: number): Promise<DueSummary> {
  return db.transaction('r', [db.touches, db.enrolments, db.contacts, db.meta], async () => {
    const [me, computed] = await Promise.all([teamMeId(db), computedDue(db, now, true)]);
    if (me) {
      const stored = await db.touches
        .where('[state+dueAt]')
        .between(['planned', -Infinity], ['planned', now], true, true)
        .toArray();
      const mine = await ownWork(db, me, [...stored, ...computed.touches]);
      return { due: mine.length, overdue: mine.filter((t) => t.deadlineAt < now).length };
    }
    const [due, overdue] = await Promise.all([
      db.touches.where('[state+dueAt]').between(['planned', -Infinity], ['planned', now], true, true).count(),
      db.touches
        .where('[state+deadlineAt]')
        .between(['planned', -Infinity], ['planned', now], true, false)
        .count(),
    ]);
    let late = 0;
    for (const t of computed.touches) if (t.deadlineAt < now) late++;
    return { due: due + computed.touches.length, overdue: overdue + late };
  });
}

/**
 * The rep's own work among these touches (team sync on, `me` this rep's id): the touches of
 * leads another rep owns are dropped (their owner counts them), unowned leads stay (they count
 * for everyone). The one owner rule behind every count of "what is due for me": the badge, the
 * popup's header past its cap and the daily nudge.
 */
export async function ownWork<T extends Pick<TouchRow, 'contactId'>>(
  db: TouchbaseDb,
  me: string,
  touches: T[],
): Promise<T[]> {
  const theirs = await othersLeads(
    db,
    touches.map((t) => t.contactId),
    me,
  );
  return theirs.size ? touches.filter((t) => !theirs.has(t.contactId)) : touches;
}

/** Another rep owns this lead (team sync on; `me` is this rep's id); unowned counts for everyone. */
export function isOthersLead(contact: Pick<ContactRow, 'owner'> | undefined, me: string): boolean {
  return !!contact?.owner && contact.owner.id !== me;
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
  for (const c of rows) if (c && isOthersLead(c, me)) out.add(c.id);
  return out;
}

/** How many planned touches fall in each group of the due list (see lib/touches/due-groups). */
export interface DueGroupCounts {
  overdue: number;
  today: number;
  upcoming: number;
}

/**
 * The true size of each due-list group, for when the list itself is read only up to a cap. Same
 * rules as `dueGroupOf`: overdue when the deadline has passed, today when due before
 * `endOfToday`, upcoming when due before `horizon`. Stored touches are counted from the indexes
 * alone: a touch's due time never comes after its deadline, so every overdue touch is also due
 * before `endOfToday`, and the subtraction below is exact. Chromium counts an index range by
 * visiting every entry (about 4 µs each here), so the two due ranges are disjoint. The touches
 * not stored are computed from the enrolments that have one due before `horizon`.
 */
export async function dueGroupCounts(
  db: TouchbaseDb,
  now: number,
  endOfToday: number,
  horizon: number,
): Promise<DueGroupCounts> {
  return db.transaction('r', [db.touches, db.enrolments, db.contacts, db.meta], async () => {
    const me = await teamMeId(db);
    // Team sync on: the groups hold the rep's own work, as the badge counts it, so the rows
    // themselves and their contacts' owners are read (an index count cannot see the owner).
    if (me) {
      const [stored, computed] = await Promise.all([
        db.touches.where('[state+dueAt]').between(['planned', -Infinity], ['planned', horizon]).toArray(),
        computedDue(db, horizon, false),
      ]);
      const counts: DueGroupCounts = { overdue: 0, today: 0, upcoming: 0 };
      for (const t of await ownWork(db, me, [...stored, ...computed.touches])) {
        const group = dueGroupOf(t, now, endOfToday, horizon);
        if (group) counts[group]++;
      }
      return counts;
    }
    const dueBetween = (from: number, to: number) =>
      db.touches.where('[state+dueAt]').between(['planned', from], ['planned', to], true, false).count();
    const [overdue, beforeEndOfDay, upcoming, computed] = await Promise.all([
      db.touches
        .where('[state+deadlineAt]')
        .between(['planned', -Infinity], ['planned', now], true, true)
        .count(),
      dueBetween(-Infinity, endOfToday),
      endOfToday < horizon ? dueBetween(endOfToday, horizon) : 0,
      computedDue(db, horizon, false),
    ]);
    const counts = { overdue, today: Math.max(0, beforeEndOfDay - overdue), upcoming };
    for (const t of computed.touches) {
      if (t.deadlineAt <= now) counts.overdue++;
      else if (t.dueAt < endOfToday) counts.today++;
      else counts.upcoming++;
    }
    return counts;
  });
}

/**
 * The planned touches due before `until`, stored and computed, in due order, at most `limit`
 * (`more` when there were more). Stored rows come from the `[state+dueAt]` index; computed ones
 * from the first `limit + 1` enrolments by `laterDueAt`, which hold every computed touch among
 * the first `limit + 1` by due time (each enrolment's first computed touch is due at its
 * `laterDueAt`). Run it inside a read transaction over touches and enrolments.
 */
export async function plannedDueBefore(
  db: TouchbaseDb,
  until: number,
  limit: number,
): Promise<{ touches: TouchRow[]; more: boolean }> {
  const [stored, computed] = await Promise.all([
    db.touches
      .where('[state+dueAt]')
      .between(['planned', -Infinity], ['planned', until])
      .limit(limit + 1)
      .toArray(),
    computedDue(db, until, false, limit + 1),
  ]);
  if (!computed.touches.length) {
    const more = stored.length > limit;
    if (more) stored.length = limit;
    return { touches: stored, more };
  }
  // Stable: a stored row stays before a computed one due at the same time, as the index has it.
  const all = [...stored, ...computed.touches].sort((a, b) => a.dueAt - b.dueAt);
  const more = all.length > limit;
  if (more) all.length = limit;
  return { touches: all, more };
}

/**
 * The first planned touch due at or after `from`, stored or computed (the popup's "next" when
 * the week is empty). Assumes no enrolment has a computed touch due before `from` (the caller
 * found none), so the enrolment with the smallest `laterDueAt` from there holds the earliest.
 */
export async function firstPlannedFrom(db: TouchbaseDb, from: number): Promise<TouchRow | undefined> {
  const [stored, e] = await Promise.all([
    db.touches.where('[state+dueAt]').between(['planned', from], ['planned', Infinity]).first(),
    db.enrolments.where('laterDueAt').aboveOrEqual(from).first(),
  ]);
  const computed = e ? laterTouches(e)[0] : undefined;
  if (!computed) return stored;
  if (!stored) return computed;
  return computed.dueAt < stored.dueAt ? computed : stored;
}

/**
 * Every planned touch of one enrolment, stored rows and computed ones (lib/db/horizon.ts), in due
 * order: what storing every touch would have given.
 */
export async function plannedTouchesOf(db: TouchbaseDb, enrolmentId: number): Promise<TouchRow[]> {
  return db.transaction('r', db.touches, db.enrolments, async () => {
    const [rows, e] = await Promise.all([
      db.touches
        .where('[enrolmentId+step]')
        .between([enrolmentId, -Infinity], [enrolmentId, Infinity])
        .toArray(),
      db.enrolments.get(enrolmentId),
    ]);
    const planned = rows.filter((t) => t.state === 'planned');
    return (e ? withLaterTouches(planned, [e]) : planned).sort(
      (a, b) => a.dueAt - b.dueAt || a.step - b.step,
    );
  });
}
