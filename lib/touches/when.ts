/**
 * How late or soon a touch is, in the rep's zone ("12 min late", "in 3 h", "due 2:30 PM"), and
 * the speed-to-lead countdown. Pure: `now` comes in.
 */
import { DAY_MS, localDay, toLocal } from '@/lib/cadence/zoned';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** "12 min", "3 h", "2 d": the coarse size of a duration. */
export function shortDuration(ms: number): string {
  const m = Math.max(1, Math.floor(ms / MINUTE));
  if (m < 60) return `${m} min`;
  const h = Math.floor(ms / HOUR);
  if (h < 48) return `${h} h`;
  return `${Math.floor(ms / DAY_MS)} d`;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function format(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, opts: Intl.DateTimeFormatOptions) {
  let f = cache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { ...opts, timeZone });
    cache.set(timeZone, f);
  }
  return f;
}

/** "2:30 PM" in `timeZone`. */
export function clockTime(at: number, timeZone: string): string {
  return format(timeFormats, timeZone, { hour: 'numeric', minute: '2-digit' }).format(at);
}

/** "Thu" in `timeZone`. */
export function weekdayName(at: number, timeZone: string): string {
  return format(dayFormats, timeZone, { weekday: 'short' }).format(at);
}

/** Whether the label should read as late, due, or later. */
export type WhenTone = 'late' | 'due' | 'soon' | 'later';

/** The rep-facing timing of a touch. */
export function whenLabel(
  t: { dueAt: number; deadlineAt: number },
  now: number,
  timeZone: string,
): { text: string; tone: WhenTone } {
  if (t.deadlineAt <= now) return { text: `${shortDuration(now - t.dueAt)} late`, tone: 'late' };
  if (t.dueAt <= now) {
    const ago = now - t.dueAt;
    return { text: ago < MINUTE ? 'due now' : `due ${shortDuration(ago)} ago`, tone: 'due' };
  }
  const ahead = t.dueAt - now;
  if (ahead < HOUR) return { text: `in ${Math.max(1, Math.ceil(ahead / MINUTE))} min`, tone: 'soon' };
  const days = localDay(toLocal(timeZone, t.dueAt)) - localDay(toLocal(timeZone, now));
  if (days === 0) {
    if (ahead < 4 * HOUR) return { text: `in ${Math.round(ahead / HOUR)} h`, tone: 'soon' };
    return { text: `due ${clockTime(t.dueAt, timeZone)}`, tone: 'later' };
  }
  if (days === 1) return { text: `tomorrow ${clockTime(t.dueAt, timeZone)}`, tone: 'later' };
  return { text: `${weekdayName(t.dueAt, timeZone)} ${clockTime(t.dueAt, timeZone)}`, tone: 'later' };
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
