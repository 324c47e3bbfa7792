/**
 * Words for touches as a rep reads them: channel and purpose labels, "3 of 7". Pure, shared by
 * the popup and the notifications so both speak the same way.
 */
import type { Purpose } from '@/lib/cadence/types';
import { t } from '@/lib/i18n';

// One vocabulary for every surface: the popup and notifications use the dashboard's words.
export { CHANNEL_LABELS, CHANNEL_WORDS, PURPOSE_LABELS } from '@/lib/labels';

/** "3 of 7" for playbook steps; follow-ups outside the steps (step 0) are named instead. */
export function touchNumberLabel(touch: { step: number; totalSteps: number; purpose: Purpose }): string {
  if (touch.step === 0)
    return touch.purpose === 'after-meeting'
      ? t('touch_label_after_meeting')
      : touch.purpose === 're-engage'
        ? t('touch_label_re_engage')
        : touch.purpose === 'meeting-reminder'
          ? t('touch_label_before_meeting')
          : t('touch_label_they_asked');
  return t('touch_step_of', { step: touch.step, total: touch.totalSteps });
}

/** A contact as a rep knows them: full name, else the email address. */
export function contactLabel(
  c: { firstName?: string; lastName?: string; email?: string } | undefined,
): string {
  if (!c) return t('contact_unknown');
  const name = [c.firstName?.trim(), c.lastName?.trim()].filter(Boolean).join(' ');
  return name || c.email?.trim() || t('contact_unknown');
}
