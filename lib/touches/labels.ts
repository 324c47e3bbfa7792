/**
 * Words for touches as a rep reads them: channel and purpose labels, "3 of 7". Pure, shared by
 * the popup and the notifications so both speak the same way.
 */
import type { Channel, Purpose } from '@/lib/cadence/types';

/** Short channel names for chips and notification titles. */
export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  email: 'Email',
  sms: 'Text',
  call: 'Call',
  voicemail: 'Voicemail',
  linkedin: 'LinkedIn',
  task: 'Task',
};

/** What each template family is for, in a few words. */
export const PURPOSE_LABELS: Readonly<Record<Purpose, string>> = {
  acknowledge: 'First reply to the inquiry',
  confirm: 'Confirm and offer a time',
  call: 'Call attempt',
  voicemail: 'Voicemail drop',
  'voicemail-nudge': 'Nudge after the voicemail',
  'follow-up': 'Next-day follow-up',
  value: 'Share something useful',
  question: 'Ask one clear question',
  'multi-thread': 'Reach a colleague',
  'meeting-ask': 'Ask for a meeting',
  breakup: 'Last message, easy way back',
  'final-check-in': 'Final check-in',
  're-engage': 'Re-engage after a long silence',
  'after-meeting': 'Recap after the meeting',
  'linkedin-connect': 'Connect with a note',
  'linkedin-engage': 'Engage with a post',
  assign: 'Assign the lead',
};

/** "3 of 7" for playbook steps; follow-ups outside the steps (step 0) are named instead. */
export function touchNumberLabel(t: { step: number; totalSteps: number; purpose: Purpose }): string {
  if (t.step === 0) return t.purpose === 'after-meeting' ? 'after-meeting' : 're-engage';
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
