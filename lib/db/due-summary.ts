/**
 * The popup's header counts, kept ready. With 20,000 touches due, counting the due-list groups
 * from the indexes costs Chromium a visit per index entry (about 0.2 s on a quiet machine, far
 * more under load): most of the popup's wait. So the background stores the counts in `meta`
 * whenever it recounts the badge (after writes settle, every minute, at worker start), with what
 * the popup needs to bring them forward to its own `now` exactly:
 * - the deadlines still to pass today (a touch whose deadline passes moves from "today" to
 *   "overdue"; no touch due after midnight can have a deadline before it),
 * - the first due time the sliding seven-day horizon has not reached yet (up to it, nothing new
 *   enters "upcoming"), and the local midnight the counts were split at.
 * Every write to the touches, enrolments, contacts or settings drops the stored counts in the
 * same transaction (the middleware below), so counts that are there describe the rows that are
 * there. With team sync on they are the rep's own work (the badge's `ownWork`): counting that
 * reads every due row and its contact's owner (seconds at 20,000 under load), so the stored ones
 * matter most then; they name the rep they were counted for, and a contact's owner changing is a
 * write to the contacts. Anything else (another day, more deadlines than were listed, another
 * rep, a write that did not go through Dexie) and the popup counts for itself as before.
 */
import { DUE_COUNTS_KEY, markCountsWriter, POPUP_ROWS_KEY } from './due-counts-guard';
import { readPopupRows } from './popup-rows';
import { nextLocalMidnight } from '@/lib/cadence/zoned';
import { dueGroupOf } from '@/lib/touches/due-groups';
import { type DueGroupCounts, computedDue, dueGroupCounts, ownWork } from './queries';
import { laterTouches } from './horizon';
import { teamMeId } from './ownership';
import type { TouchbaseDb, TouchRow } from './schema';
import { getSettings } from './settings';
import {
  parseRows,
  parseStored,
  type StoredCountsRead,
  type StoredDueCounts,
  type StoredPopupRows,
  usableDueCounts,
  usablePopupRows,
} from './due-summary-check';

export * from './due-summary-check';

/** Deadlines listed ahead; past the last one listed the popup counts for itself. */
const DEADLINES_AHEAD = 2_000;

/** Highest primary key of a table, from one step of a reverse key cursor (0 when empty). */
export async function lastKey(db: TouchbaseDb, table: 'touches' | 'enrolments'): Promise<number> {
  return ((await db.table(table).orderBy(':id').lastKey()) as number | undefined) ?? 0;
}

/**
 * Counts as the popup would at `now` (its horizon is `horizon`), with what it needs to move them
 * forward. Run inside a transaction over touches, enrolments and meta.
 */
async function takeCounts(
  db: TouchbaseDb,
  now: number,
  timeZone: string,
  horizon: number,
  me: string | undefined,
): Promise<StoredDueCounts> {
  const endOfToday = nextLocalMidnight(timeZone, now);
  const [own, computed, deadlineKeys, nextStored, nextEnrolment, touchKey, enrolmentKey] = await Promise.all([
    me ? ownDue(db, me, now, endOfToday, horizon) : undefined,
    computedDue(db, horizon, false),
    me
      ? []
      : db.touches
          .where('[state+deadlineAt]')
          .between(['planned', now], ['planned', endOfToday], false, false)
          .limit(DEADLINES_AHEAD + 1)
          .keys(),
    db.touches.where('[state+dueAt]').between(['planned', horizon], ['planned', Infinity]).first(),
    db.enrolments.where('laterDueAt').aboveOrEqual(horizon).first(),
    lastKey(db, 'touches'),
    lastKey(db, 'enrolments'),
  ]);
  const counts = own?.counts ?? (await dueGroupCounts(db, now, endOfToday, horizon));
  let deadlines = own?.deadlines ?? deadlineKeys.map((k) => (k as unknown as [string, number])[1]);
  let deadlinesUntil = Number.POSITIVE_INFINITY;
  if (deadlines.length > DEADLINES_AHEAD) {
    deadlinesUntil = deadlines[DEADLINES_AHEAD]!;
    deadlines = deadlines.slice(0, DEADLINES_AHEAD);
  }
  // Any lead's touch, a teammate's too: at worst the popup counts for itself a little sooner.
  let nextEntering = Math.min(nextStored?.dueAt ?? Infinity, nextEnrolment?.laterDueAt ?? Infinity);
  for (const e of computed.enrolments) {
    for (const t of laterTouches(e)) {
      if (t.dueAt >= horizon) nextEntering = Math.min(nextEntering, t.dueAt);
      else if (!own && t.deadlineAt > now && t.deadlineAt < endOfToday) deadlines.push(t.deadlineAt);
    }
  }
  deadlines.sort((a, b) => a - b);
  return {
    at: now,
    timeZone,
    endOfToday,
    horizon,
    counts,
    deadlines,
    deadlinesUntil,
    nextEntering,
    touchKey,
    enrolmentKey,
    ...(me ? { me } : {}),
  };
}

/**
 * Adds one planned touch before the horizon to `counts` (its due group) and, when its deadline is
 * still to pass today, to `deadlines`: what the recount and the sync's counts keeper both count.
 */
export function tallyDue(
  t: Pick<TouchRow, 'dueAt' | 'deadlineAt'>,
  at: number,
  endOfToday: number,
  horizon: number,
  counts: DueGroupCounts,
  deadlines: number[],
): void {
  const group = dueGroupOf(t, at, endOfToday, horizon);
  if (group) counts[group]++;
  if (t.deadlineAt > at && t.deadlineAt < endOfToday) deadlines.push(t.deadlineAt);
}

/**
 * Team sync on: the rep's own due touches (stored and computed) grouped, and the deadlines among
 * them still to pass today, from one read of the due rows and their contacts' owners.
 */
async function ownDue(
  db: TouchbaseDb,
  me: string,
  now: number,
  endOfToday: number,
  horizon: number,
): Promise<{ counts: DueGroupCounts; deadlines: number[] }> {
  const [stored, computed] = await Promise.all([
    db.touches.where('[state+dueAt]').between(['planned', -Infinity], ['planned', horizon]).toArray(),
    computedDue(db, horizon, false),
  ]);
  const counts: DueGroupCounts = { overdue: 0, today: 0, upcoming: 0 };
  const deadlines: number[] = [];
  for (const t of await ownWork(db, me, [...stored, ...computed.touches]))
    tallyDue(t, now, endOfToday, horizon, counts, deadlines);
  return { counts, deadlines: deadlines.sort((a, b) => a - b) };
}

/**
 * Recounts and stores the popup's header counts (the background, when it recounts the badge).
 * One read-write transaction, so no write lands between the count and its storing. With team
 * sync on they are this rep's own work. Counts and rows the popup would still take as they are
 * (nothing written since but what kept them exact, such as a sync page: lib/db/due-keep.ts) are
 * left alone: recounting them read every due row, seconds at 20,000 under load, while the
 * popup's reads waited behind this transaction. Answers whether it counted.
 */
export async function storeDueCounts(db: TouchbaseDb, now: number, horizonDays: number): Promise<boolean> {
  return db.transaction('rw', [db.touches, db.enrolments, db.contacts, db.settings, db.meta], async (tx) => {
    markCountsWriter(tx);
    const [me, settings, held] = await Promise.all([teamMeId(db), getSettings(db), readStoredDueCounts(db)]);
    const minute = Math.floor(now / 60_000) * 60_000;
    const horizon = minute + horizonDays * 86_400_000;
    if (usablePopupRows(held, now, settings.timeZone, horizon)) return false;
    const [stored, rows] = await Promise.all([
      takeCounts(db, now, settings.timeZone, horizon, me),
      readPopupRows(db, horizon),
    ]);
    const kept: StoredPopupRows = { at: stored.at, rows, settings };
    await db.meta.bulkPut([
      { key: DUE_COUNTS_KEY, value: JSON.stringify(stored) },
      { key: POPUP_ROWS_KEY, value: JSON.stringify(kept) },
    ]);
    return true;
  });
}

/**
 * Reads the stored counts and what decides whether they still hold. Key reads only, so the popup
 * asks for them together with its rows (one round trip fewer before the first paint). Run inside
 * the popup's read transaction (touches, enrolments and meta in scope).
 */
export async function readStoredDueCounts(db: TouchbaseDb): Promise<StoredCountsRead> {
  const [row, rows, me, touchKey, enrolmentKey] = await Promise.all([
    db.meta.get(DUE_COUNTS_KEY),
    db.meta.get(POPUP_ROWS_KEY),
    teamMeId(db),
    lastKey(db, 'touches'),
    lastKey(db, 'enrolments'),
  ]);
  return { stored: parseStored(row), rows: parseRows(rows), me, touchKey, enrolmentKey };
}

/** {@link readStoredDueCounts} then {@link usableDueCounts}. */
export async function storedDueCounts(
  db: TouchbaseDb,
  now: number,
  timeZone: string,
  horizon: number,
): Promise<DueGroupCounts | undefined> {
  return usableDueCounts(await readStoredDueCounts(db), now, timeZone, horizon);
}
