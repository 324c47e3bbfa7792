import type { ContactWindow } from '@/lib/cadence/types';
import { dayDiff, formatClock, formatDateTime, formatTime, weekdayName } from '@/lib/format/datetime';
import { t, uiLocale } from '@/lib/i18n';

/** "Tue, Mar 3, 10:15 AM" in the rep's zone and language. */
export function formatLocal(at: number | Date, timeZone: string): string {
  return formatDateTime(at, timeZone, uiLocale());
}

/** "10:15 AM" in the rep's zone, or the full date and time when it falls on another day than `ref`. */
export function formatDeadline(at: Date, ref: Date, timeZone: string): string {
  if (dayDiff(at.getTime(), ref.getTime(), timeZone) !== 0) return formatDateTime(at, timeZone, uiLocale());
  return formatTime(at, timeZone, uiLocale());
}

/** "Mon–Fri 8:00 AM–8:00 PM" or "every day 8:00 AM–8:00 PM", in the rep's language. */
export function describeWindow(w: ContactWindow): string {
  const locale = uiLocale();
  const days = [...w.days].sort((a, b) => a - b);
  let dayText: string;
  if (days.length === 7) dayText = t('pb_window_every_day');
  else if (days.join() === '1,2,3,4,5')
    dayText = t('pb_window_weekdays', { first: weekdayName(1, locale), last: weekdayName(5, locale) });
  else dayText = days.map((d) => weekdayName(d, locale)).join(', ');
  return t('pb_window', {
    days: dayText,
    start: formatClock(w.start, locale),
    end: formatClock(w.end, locale),
  });
}
