/**
 * The daily nudge: once a day, when the rep's window opens, one notification with what is due
 * today and which replies wait for an answer. Pure decisions; the background does the I/O.
 */
import type { ContactWindow } from '@/lib/cadence/types';
import { localDay, localTimeOfDay, toLocal, weekdayOf } from '@/lib/cadence/zoned';
import { nameList, t, tn } from '@/lib/i18n';
import { minutesOfDay } from '@/lib/touches/actions';

/** Names in a sentence ("Ada, Bo and 3 more"), in the interface language. */
export { nameList };

/** The local calendar day of `now` in `timeZone`, as 'YYYY-MM-DD' (the key kept in `meta`). */
export function localDayKey(now: number, timeZone: string): string {
  return new Date(localDay(toLocal(timeZone, now)) * 86_400_000).toISOString().slice(0, 10);
}

export interface NudgeTimeInput {
  now: number;
  /** The rep's zone. */
  timeZone: string;
  /** The window whose start triggers the nudge. */
  window: ContactWindow;
  /** The day key of the last nudge sent, if any. */
  lastNudgeDay: string | undefined;
}

/**
 * Time for today's nudge: on a window day, once the window has opened and before it closes
 * (a browser opened at 2 PM still gets the morning summary; one opened at night does not),
 * and not already sent today.
 */
export function isNudgeTime(input: NudgeTimeInput): { due: boolean; day: string } {
  const day = localDayKey(input.now, input.timeZone);
  if (input.lastNudgeDay === day) return { due: false, day };
  const local = toLocal(input.timeZone, input.now);
  if (!input.window.days.includes(weekdayOf(localDay(local)))) return { due: false, day };
  const minute = Math.floor(localTimeOfDay(local) / 60_000);
  const start = minutesOfDay(input.window.start);
  const end = minutesOfDay(input.window.end);
  // A window that ends at or before it starts (e.g. 08:00-00:00) runs to midnight.
  const open = minute >= start && (end <= start || minute < end);
  return { due: open, day };
}

export interface NudgeFacts {
  /** Planned touches due by the end of today (overdue included). */
  dueToday: number;
  /** Of those, the ones past their deadline. */
  overdue: number;
  /** Contacts whose sequence is paused because they replied, by name. */
  replies: string[];
}

/** The nudge's text, or null when there is nothing to say (no notification then). */
export function nudgeMessage(facts: NudgeFacts): { title: string; message: string } | null {
  const replies = facts.replies.length;
  if (facts.dueToday === 0 && replies === 0) return null;
  const parts: string[] = [];
  if (facts.dueToday > 0) parts.push(tn('nudge_touches_today', facts.dueToday));
  if (replies > 0) parts.push(tn('nudge_replies_waiting', replies));
  const lines: string[] = [];
  if (facts.overdue > 0) lines.push(tn('nudge_overdue', facts.overdue));
  if (replies > 0) lines.push(t('nudge_waiting_for', { names: nameList(facts.replies) }));
  if (lines.length === 0) lines.push(t('nudge_open_list'));
  return { title: t('nudge_title', { summary: parts.join(', ') }), message: lines.join(' ') };
}
