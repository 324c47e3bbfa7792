/**
 * Words a rep reads for the engine's ids (channels, purposes, lead sources). Pure data, shared
 * by every surface so a purpose is called the same thing in the sidebar and the dashboard.
 */
import type { Channel, LeadSource, Purpose } from '@/lib/cadence/types';

/** Short channel names. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  email: 'Email',
  sms: 'Text',
  call: 'Call',
  voicemail: 'Voicemail drop',
  linkedin: 'LinkedIn',
  task: 'Task',
};

/** What a step is for, in a few words. */
export const PURPOSE_LABELS: Record<Purpose, string> = {
  acknowledge: 'Acknowledge the inquiry',
  confirm: 'Confirm and offer a call',
  call: 'Call attempt',
  voicemail: 'Leave a voicemail',
  'voicemail-nudge': 'Nudge after a voicemail',
  'follow-up': 'Follow up',
  value: 'Share something useful',
  question: 'Ask one question',
  'multi-thread': 'Reach a second contact',
  'meeting-ask': 'Ask for a meeting',
  breakup: 'Polite last message',
  'final-check-in': 'Final check-in',
  're-engage': 'Re-engage after silence',
  'after-meeting': 'Recap after the meeting',
  'linkedin-connect': 'Connect on LinkedIn',
  'linkedin-engage': 'Engage with a post',
  assign: 'Assign the lead',
  'meeting-reminder': 'Meeting reminder',
};

export const LEAD_SOURCE_LABELS: Record<LeadSource, string> = {
  'google-lsa': 'Google Local Services',
  'facebook-lead-ad': 'Facebook lead ad',
  referral: 'Referral',
  'web-form': 'Web form',
  'cold-outbound': 'Cold outbound',
  other: 'Other',
};

/** "5 min", "2 h", "1 h 30 min" for a speed-to-lead deadline. */
export function formatMinutes(minutes: number): string {
  if (!Number.isFinite(minutes)) return '';
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}

/** What happened, for activity lists (dashboard activity tab, a contact's timeline). */
export const ACTIVITY_LABELS: Record<string, string> = {
  enrolled: 'Enrolled',
  'touch-done': 'Done',
  'touch-skipped': 'Skipped',
  'touch-snoozed': 'Snoozed',
  'call-outcome': 'Call outcome',
  reply: 'Reply',
  booked: 'Meeting booked',
  'opted-out': 'Opted out',
  'opt-out-withdrawn': 'Opt-out withdrawn',
  paused: 'Paused',
  resumed: 'Resumed',
  completed: 'Completed',
  removed: 'Stopped',
  note: 'Note',
  'sent-from-gmail': 'Sent from Gmail',
};
