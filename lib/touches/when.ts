/**
 * How late or soon a touch is, in the rep's zone ("12 min late", "in 3 h", "due 2:30 PM"), and
 * the speed-to-lead countdown. Pure: `now` comes in.
 */
import { coarseDuration, dayDiff, formatTime, formatWeekday } from '@/lib/format/datetime';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Whether the label should read as late, due, or later. */
export type WhenTone = 'late' | 'due' | 'soon' | 'later';

/** The rep-facing timing of a touch. */
export function whenLabel(
  t: { dueAt: number; deadlineAt: number },
  now: number,
  timeZone: string,
): { text: string; tone: WhenTone } {
  if (t.deadlineAt <= now) return { text: `${coarseDuration(now - t.dueAt)} late`, tone: 'late' };
  if (t.dueAt <= now) {
    const ago = now - t.dueAt;
    return { text: ago < MINUTE ? 'due now' : `due ${coarseDuration(ago)} ago`, tone: 'due' };
  }
  const ahead = t.dueAt - now;
  if (ahead < HOUR) return { text: `in ${coarseDuration(ahead)}`, tone: 'soon' };
  const days = dayDiff(t.dueAt, now, timeZone);
  if (days === 0) {
    if (ahead < 4 * HOUR) return { text: `in ${coarseDuration(ahead)}`, tone: 'soon' };
    return { text: `due ${formatTime(t.dueAt, timeZone)}`, tone: 'later' };
  }
  if (days === 1) return { text: `tomorrow ${formatTime(t.dueAt, timeZone)}`, tone: 'later' };
  return { text: `${formatWeekday(t.dueAt, timeZone)} ${formatTime(t.dueAt, timeZone)}`, tone: 'later' };
}

/**
 * The speed-to-lead clock: time left to the deadline as mm:ss (h:mm:ss past an hour), or the
 * time since it passed.
 */
export function countdown(deadlineAt: number, now: number): { text: string; passed: boolean } {
  const passed = now >= deadlineAt;
  const total = Math.floor(Math.abs(deadlineAt - now) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
  return { text: passed ? `-${text}` : text, passed };
}
