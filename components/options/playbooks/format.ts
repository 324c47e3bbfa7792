import type { ContactWindow } from '@/lib/cadence/types';
import { dayDiff, formatClock, formatDateTime, formatTime } from '@/lib/format/datetime';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Tue, Mar 3, 10:15 AM" in the rep's zone. */
export function formatLocal(at: number | Date, timeZone: string): string {
  return formatDateTime(at, timeZone);
}

/** "10:15 AM" in the rep's zone, or the full date and time when it falls on another day than `ref`. */
export function formatDeadline(at: Date, ref: Date, timeZone: string): string {
  if (dayDiff(at.getTime(), ref.getTime(), timeZone) !== 0) return formatDateTime(at, timeZone);
  return formatTime(at, timeZone);
}

/** "Mon–Fri 8:00 AM–8:00 PM" or "every day 8:00 AM–8:00 PM". */
export function describeWindow(w: ContactWindow): string {
  const days = [...w.days].sort((a, b) => a - b);
  let dayText: string;
  if (days.length === 7) dayText = 'every day';
  else if (days.join() === '1,2,3,4,5') dayText = 'Mon–Fri';
  else dayText = days.map((d) => WEEKDAYS[d]).join(', ');
  return `${dayText} ${formatClock(w.start)}–${formatClock(w.end)}`;
}
