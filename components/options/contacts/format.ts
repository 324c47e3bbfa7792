/**
 * Display helpers shared by the dashboard's data tabs. Times are always shown in the rep's zone.
 */
import type { EnrolmentState } from '@/lib/cadence/types';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, kind: 'short' | 'time'): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(undefined, {
        timeZone,
        ...(kind === 'short'
          ? { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }
          : { hour: 'numeric', minute: '2-digit' }),
      });
    } catch {
      f = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC' });
    }
    formatters.set(key, f);
  }
  return f;
}

/** "Today, 10:00 AM" or "Mar 3, 10:00 AM" (locale order) in `timeZone`; `now` decides "today". */
export function formatWhen(ms: number, timeZone: string, now?: number): string {
  if (now !== undefined && isoDay(ms, timeZone) === isoDay(now, timeZone)) {
    return `Today, ${formatter(timeZone, 'time').format(ms)}`;
  }
  return formatter(timeZone, 'short').format(ms);
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  return f;
}

/** "2026-03-03": the calendar day of `ms` in `timeZone`, for file names and date inputs. */
export function isoDay(ms: number, timeZone: string): string {
  const parts = dayFormatter(timeZone).formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export const STATE_LABELS: Record<EnrolmentState | 'none', string> = {
  active: 'Active',
  paused: 'Paused',
  booked: 'Booked',
  'opted-out': 'Opted out',
  completed: 'Completed',
  removed: 'Removed',
  none: 'Not enrolled',
};

/** Saves `parts` as a file through a temporary object URL (no `downloads` permission needed). */
export function downloadFile(parts: BlobPart[], filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The click starts the download synchronously; the URL can go once the browser has it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
