/**
 * How late or soon a touch is, in the rep's zone ("12 min late", "in 3 h", "due 2:30 PM"), and
 * the speed-to-lead countdown, in the interface language. `now` comes in.
 */
import { coarseDuration, dayDiff, formatTime, formatWeekday } from '@/lib/format/datetime';
import { t, uiLocale } from '@/lib/i18n';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Whether the label should read as late, due, or later. */
export type WhenTone = 'late' | 'due' | 'soon' | 'later';

/** The rep-facing timing of a touch. */
export function whenLabel(
  touch: { dueAt: number; deadlineAt: number },
  now: number,
  timeZone: string,
  locale = uiLocale(),
): { text: string; tone: WhenTone } {
  const duration = (ms: number) => coarseDuration(ms, locale);
  const time = () => formatTime(touch.dueAt, timeZone, locale);
  if (touch.deadlineAt <= now)
    return { text: t('when_late', { duration: duration(now - touch.dueAt) }), tone: 'late' };
  if (touch.dueAt <= now) {
    const ago = now - touch.dueAt;
    return {
      text: ago < MINUTE ? t('when_due_now') : t('when_due_ago', { duration: duration(ago) }),
      tone: 'due',
    };
  }
  const ahead = touch.dueAt - now;
  if (ahead < HOUR) return { text: t('when_in', { duration: duration(ahead) }), tone: 'soon' };
  const days = dayDiff(touch.dueAt, now, timeZone);
  if (days === 0) {
    if (ahead < 4 * HOUR) return { text: t('when_in', { duration: duration(ahead) }), tone: 'soon' };
    return { text: t('when_due_at', { time: time() }), tone: 'later' };
  }
  if (days === 1) return { text: t('when_tomorrow_at', { time: time() }), tone: 'later' };
  return {
    text: t('when_day_at', { day: formatWeekday(touch.dueAt, timeZone, locale), time: time() }),
    tone: 'later',
  };
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
