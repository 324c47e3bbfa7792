/**
 * Display helpers shared by the dashboard's data tabs. Times are always shown in the rep's zone.
 */
import type { EnrolmentState } from '@/lib/cadence/types';
import { formatDateTime, formatRelative, isoDay } from '@/lib/format/datetime';
import { messageMap, uiLocale } from '@/lib/i18n';

/**
 * "Today, 10:00 AM", else "Tue, Mar 3, 10:00 AM", in `timeZone` and the interface's locale;
 * without `now`, always the full date.
 */
export function formatWhen(ms: number, timeZone: string, now?: number): string {
  return now === undefined
    ? formatDateTime(ms, timeZone, uiLocale())
    : formatRelative(ms, now, timeZone, uiLocale());
}

export { isoDay };

export const STATE_LABELS: Record<EnrolmentState | 'none', string> = messageMap({
  active: 'state_active',
  paused: 'state_paused',
  booked: 'state_booked',
  'opted-out': 'state_opted_out',
  completed: 'state_completed',
  removed: 'state_removed',
  none: 'state_not_enrolled',
});

/** A call's outcome in an activity line; an outcome without a word here shows as stored. */
export const OUTCOME_LABELS: Record<string, string> = messageMap({
  answered: 'outcome_answered',
  'no-answer': 'outcome_no_answer',
  voicemail: 'outcome_voicemail',
});

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
