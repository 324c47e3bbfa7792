import type { ContactWindow } from '@/lib/cadence/types';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Tue 3 Mar, 10:15" in the rep's zone. */
export function formatLocal(at: number | Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(at);
  } catch {
    return new Date(at).toISOString();
  }
}

/** "10:15" in the rep's zone, or the full date and time when it falls on another day than `ref`. */
export function formatDeadline(at: Date, ref: Date, timeZone: string): string {
  try {
    const day = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    if (day.format(at) !== day.format(ref)) return formatLocal(at, timeZone);
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(at);
  } catch {
    return at.toISOString();
  }
}

/** "Mon–Fri 08:00–20:00" or "every day 08:00–20:00". */
export function describeWindow(w: ContactWindow): string {
  const days = [...w.days].sort((a, b) => a - b);
  let dayText: string;
  if (days.length === 7) dayText = 'every day';
  else if (days.join() === '1,2,3,4,5') dayText = 'Mon–Fri';
  else dayText = days.map((d) => WEEKDAYS[d]).join(', ');
  return `${dayText} ${w.start}–${w.end}`;
}
