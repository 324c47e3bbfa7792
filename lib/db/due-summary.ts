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
import { type PopupRows, readPopupRows } from './popup-rows';
import { nextLocalMidnight } from '@/lib/cadence/zoned';
import { dueGroupOf } from '@/lib/touches/due-groups';
import { type DueGroupCounts, computedDue, dueGroupCounts, ownWork } from './queries';
import { laterTouches } from './horizon';
import { teamMeId } from './ownership';
import type { MetaRow, TouchbaseDb, TouchRow } from './schema';
import { getSettings } from './settings';

/** Deadlines listed ahead; past the last one listed the popup counts for itself. */
const DEADLINES_AHEAD = 2_000;

/** The stored counts, as of `at`. */
export interface StoredDueCounts {
  at: number;
  timeZone: string;
  /** The local midnight that splits "today" from "upcoming" at `at`. */
  endOfToday: number;
  /** The seven-day horizon the counts were taken to. */
  horizon: number;
  counts: DueGroupCounts;
  /** Deadlines after `at` and before `endOfToday` of the touches counted in "today", sorted. */
  deadlines: number[];
  /** The first deadline not listed (Infinity when all are): the counts hold before it. */
  deadlinesUntil: number;
  /** The earliest due time at or after `horizon` (Infinity when none): nothing enters before. */
  nextEntering: number;
  /** The highest touch and enrolment keys when counted (rows added by other means show here). */
  touchKey: number;
  enrolmentKey: number;
  /** The rep whose own work was counted (team sync on), absent with sync off. */
  me?: string;
}

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
 * The popup's rows as the recount read them at its horizon, kept beside the counts: the popup's
 * first paint then needs no second round trip (the rows' contacts and sequences). They hold
 * exactly when the counts do (same transaction, same checks): nothing was written to touches,
 * sequences, contacts or settings (the guard drops both), and nothing entered the horizon since. Past the cap the first POPUP_LIMIT by due time stay the same as the
 * horizon moves on, since anything entering is due after all of them.
 */
export interface StoredPopupRows {
  /** The stored counts' `at`: the two were written together. */
  at: number;
  rows: PopupRows;
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
    const kept: StoredPopupRows = { at: stored.at, rows };
    await db.meta.bulkPut([
      { key: DUE_COUNTS_KEY, value: JSON.stringify(stored) },
      { key: POPUP_ROWS_KEY, value: JSON.stringify(kept) },
    ]);
    return true;
  });
}

/** What the popup reads to use the stored counts: a few key reads, taken with its first reads. */
export interface StoredCountsRead {
  stored: StoredDueCounts | undefined;
  /** The rows stored with them, when they were. */
  rows: StoredPopupRows | undefined;
  /** Team sync on (this rep's id): only counts taken for this rep are used. */
  me: string | undefined;
  touchKey: number;
  enrolmentKey: number;
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

/**
 * The counts at `now` for a popup whose horizon is `horizon`, from the stored ones when they
 * still describe the data and can be brought forward exactly; otherwise `undefined`.
 */
export function usableDueCounts(
  read: StoredCountsRead,
  now: number,
  timeZone: string,
  horizon: number,
): DueGroupCounts | undefined {
  const { stored, me, touchKey, enrolmentKey } = read;
  // Counted for another rep, or before sync was turned on or off (`meta` writes keep them).
  if (!stored || stored.me !== me) return undefined;
  return bringForward(stored, { now, timeZone, horizon, touchKey, enrolmentKey });
}

/**
 * The stored rows when they still describe the data at `now` with the popup's `horizon` (the
 * counts' own checks, and both written together); otherwise `undefined`.
 */
export function usablePopupRows(
  read: StoredCountsRead,
  now: number,
  timeZone: string,
  horizon: number,
): PopupRows | undefined {
  if (!read.rows || read.rows.at !== read.stored?.at) return undefined;
  return usableDueCounts(read, now, timeZone, horizon) ? read.rows.rows : undefined;
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

export function parseRows(row: MetaRow | undefined): StoredPopupRows | undefined {
  if (typeof row?.value !== 'string' || !row.value) return undefined;
  try {
    const s = JSON.parse(row.value) as StoredPopupRows;
    const r = s.rows;
    return typeof s.at === 'number' &&
      Array.isArray(r?.touches) &&
      Array.isArray(r.contacts) &&
      Array.isArray(r.facts) &&
      r.facts.length === r.contacts.length
      ? s
      : undefined;
  } catch {
    return undefined;
  }
}

export function parseStored(row: MetaRow | undefined): StoredDueCounts | undefined {
  if (typeof row?.value !== 'string' || !row.value) return undefined;
  try {
    const s = JSON.parse(row.value) as StoredDueCounts;
    // JSON has no Infinity: it comes back as null.
    s.deadlinesUntil ??= Number.POSITIVE_INFINITY;
    s.nextEntering ??= Number.POSITIVE_INFINITY;
    return Array.isArray(s.deadlines) && typeof s.counts?.today === 'number' ? s : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stored counts moved to `now`, or `undefined` when they cannot be: pure, so the rules are
 * tested on their own (tests/unit/db/due-summary.test.ts).
 */
export function bringForward(
  s: StoredDueCounts,
  at: { now: number; timeZone: string; horizon: number; touchKey: number; enrolmentKey: number },
): DueGroupCounts | undefined {
  if (at.touchKey !== s.touchKey || at.enrolmentKey !== s.enrolmentKey) return undefined;
  if (at.timeZone !== s.timeZone || at.now < s.at || at.horizon < s.horizon) return undefined;
  if (nextLocalMidnight(at.timeZone, at.now) !== s.endOfToday) return undefined;
  if (at.now >= s.deadlinesUntil || at.horizon > s.nextEntering) return undefined;
  // Overdue once the deadline is reached (`deadlineAt <= now`), as the index count has it.
  let passed = 0;
  while (passed < s.deadlines.length && s.deadlines[passed]! <= at.now) passed++;
  return {
    overdue: s.counts.overdue + passed,
    today: s.counts.today - passed,
    upcoming: s.counts.upcoming,
  };
}
