/**
 * Words for touches as a rep reads them: channel and purpose labels, "3 of 7". Pure, shared by
 * the popup and the notifications so both speak the same way.
 */
import type { Purpose } from '@/lib/cadence/types';

// One vocabulary for every surface: the popup and notifications use the dashboard's words.
export { CHANNEL_LABELS, PURPOSE_LABELS } from '@/lib/labels';

/** "3 of 7" for playbook steps; follow-ups outside the steps (step 0) are named instead. */
export function touchNumberLabel(t: { step: number; totalSteps: number; purpose: Purpose }): string {
  if (t.step === 0)
    return t.purpose === 'after-meeting'
      ? 'after-meeting'
      : t.purpose === 're-engage'
        ? 're-engage'
        : t.purpose === 'meeting-reminder'
          ? 'before the meeting'
          : 'they asked';
  return `${t.step} of ${t.totalSteps}`;
}

/** A contact as a rep knows them: full name, else the email address. */
export function contactLabel(
  c: { firstName?: string; lastName?: string; email?: string } | undefined,
): string {
  if (!c) return 'Unknown contact';
  const name = [c.firstName?.trim(), c.lastName?.trim()].filter(Boolean).join(' ');
  return name || c.email?.trim() || 'Unknown contact';
}
