/**
 * Calendar weeks (Monday to Sunday) in the rep's zone, for the weekly review. Pure: the
 * reference instant always comes in as an argument.
 */
import { DAY_MS, fromLocal, localDay, toLocal, weekdayOf } from '@/lib/cadence/zoned';
import { DEFAULT_LOCALE, formatDay, formatDayWithYear } from '@/lib/format/datetime';

/** One local week: [from, to) as instants, and its Monday as a local day number. */
export interface Week {
  /** Monday 00:00 local, epoch ms (inclusive). */
  from: number;
  /** The next Monday 00:00 local, epoch ms (exclusive). Not always 7 × 24 h (DST). */
  to: number;
  /** Local day number (days since 1970-01-01) of the Monday. */
  monday: number;
}

/** The week starting on local day `monday` (must be a Monday's day number). */
export function weekStarting(monday: number, timeZone: string): Week {
  return {
    monday,
    // `notBefore` keeps an ambiguous midnight (rare, DST at 00:00) on its first occurrence.
    from: fromLocal(timeZone, monday * DAY_MS),
    to: fromLocal(timeZone, (monday + 7) * DAY_MS),
  };
}

/** The Monday-to-Sunday week holding instant `at` in `timeZone`. */
export function weekOf(at: number, timeZone: string): Week {
  const day = localDay(toLocal(timeZone, at));
  const sinceMonday = (weekdayOf(day) + 6) % 7;
  return weekStarting(day - sinceMonday, timeZone);
}

/** The week `n` weeks after `week` (negative: before). */
export function shiftWeek(week: Week, n: number, timeZone: string): Week {
  return weekStarting(week.monday + 7 * n, timeZone);
}

/**
 * The weekly review's two weeks: the week holding `now`, moved by `offset` weeks, and the one
 * before it (what the review compares against).
 */
export function reviewWeeks(now: number, timeZone: string, offset = 0): { week: Week; prev: Week } {
  const week = shiftWeek(weekOf(now, timeZone), offset, timeZone);
  return { week, prev: shiftWeek(week, -1, timeZone) };
}

/** "Mon, Mar 2 – Sun, Mar 8, 2026" (the local calendar dates of the week). */
export function weekLabel(week: Week, locale = DEFAULT_LOCALE): string {
  // Local days are counted as UTC days, so the dates are read back in UTC.
  const mon = week.monday * DAY_MS;
  const sun = (week.monday + 6) * DAY_MS;
  return `${formatDay(mon, 'UTC', locale)} – ${formatDayWithYear(sun, 'UTC', locale)}`;
}
