/**
 * Whether the popup's stored header counts and rows (lib/db/due-summary.ts) still hold at `now`,
 * and how the counts move forward to it: pure, no Dexie, so the popup's first paint
 * (components/popup/first-paint.ts) checks them before the database layer has loaded.
 */
import { nextLocalMidnight } from '@/lib/cadence/zoned';
import type { PopupRows } from './popup-rows';
import type { DueGroupCounts } from './queries';
import type { MetaRow, RepSettings } from './schema';

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
  /**
   * The rep's settings as they were read for them (getSettings: checked, defaults filled in): the
   * popup's first paint takes the time zone and the scoring rules from here. A write to the
   * settings drops the rows with them.
   */
  settings?: RepSettings;
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
