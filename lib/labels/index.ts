/**
 * Words a rep reads for the engine's ids (channels, purposes, lead sources), in the interface
 * language (read at use, see messageMap), shared by every surface so a purpose is called the same
 * thing in the sidebar and the dashboard.
 */
import type { Channel, LeadSource, Purpose } from '@/lib/cadence/types';
import { coarseDuration } from '@/lib/format/datetime';
import { messageMap, t, uiLocale } from '@/lib/i18n';
import { BUILT_IN_TEXT } from '@/lib/cadence/builtin-text';
import { storedText } from '@/lib/i18n/message';

/** Short channel names. */
export const CHANNEL_LABELS: Record<Channel, string> = messageMap({
  email: 'channel_email',
  sms: 'channel_sms',
  call: 'channel_call',
  voicemail: 'channel_voicemail',
  linkedin: 'channel_linkedin',
  task: 'channel_task',
});

/** Channel names inside a sentence ("Done: email to Ada"; German keeps "E-Mail" capitalised). */
export const CHANNEL_WORDS: Record<Channel, string> = messageMap({
  email: 'channel_word_email',
  sms: 'channel_word_sms',
  call: 'channel_word_call',
  voicemail: 'channel_word_voicemail',
  linkedin: 'channel_word_linkedin',
  task: 'channel_word_task',
});

/** What a step is for, in a few words. */
export const PURPOSE_LABELS: Record<Purpose, string> = messageMap({
  acknowledge: 'purpose_acknowledge',
  confirm: 'purpose_confirm',
  call: 'purpose_call',
  voicemail: 'purpose_voicemail',
  'voicemail-nudge': 'purpose_voicemail_nudge',
  'follow-up': 'purpose_follow_up',
  value: 'purpose_value',
  question: 'purpose_question',
  'multi-thread': 'purpose_multi_thread',
  'meeting-ask': 'purpose_meeting_ask',
  breakup: 'purpose_breakup',
  'final-check-in': 'purpose_final_check_in',
  're-engage': 'purpose_re_engage',
  'after-meeting': 'purpose_after_meeting',
  'linkedin-connect': 'purpose_linkedin_connect',
  'linkedin-engage': 'purpose_linkedin_engage',
  assign: 'purpose_assign',
  'meeting-reminder': 'purpose_meeting_reminder',
});

export const LEAD_SOURCE_LABELS: Record<LeadSource, string> = messageMap({
  'google-lsa': 'source_google_lsa',
  'facebook-lead-ad': 'source_facebook_lead_ad',
  referral: 'source_referral',
  'web-form': 'source_web_form',
  'cold-outbound': 'source_cold_outbound',
  other: 'source_other',
});

/** "5 min", "2 hr", "1 hr 30 min" for a speed-to-lead deadline, in the interface's locale. */
export function formatMinutes(minutes: number, locale = uiLocale()): string {
  if (!Number.isFinite(minutes)) return '';
  const m = Math.round(minutes);
  if (m < 60) return coarseDuration(m * 60_000, locale);
  const h = Math.floor(m / 60);
  const rest = m % 60;
  const hours = coarseDuration(h * 3_600_000, locale);
  return rest
    ? t('duration_hours_minutes', { hours, minutes: coarseDuration(rest * 60_000, locale) })
    : hours;
}

/** What happened, for activity lists (dashboard activity tab, a contact's timeline). */
export const ACTIVITY_LABELS: Record<string, string> = messageMap({
  enrolled: 'activity_enrolled',
  'touch-done': 'activity_touch_done',
  'touch-skipped': 'activity_touch_skipped',
  'touch-snoozed': 'activity_touch_snoozed',
  'call-outcome': 'activity_call_outcome',
  reply: 'activity_reply',
  booked: 'activity_booked',
  'opted-out': 'activity_opted_out',
  'opt-out-withdrawn': 'activity_opt_out_withdrawn',
  paused: 'activity_paused',
  resumed: 'activity_resumed',
  completed: 'activity_completed',
  removed: 'activity_removed',
  note: 'activity_note',
  'sent-from-gmail': 'activity_sent_from_gmail',
  'rule-fired': 'activity_rule_fired',
  'proposal-confirmed': 'activity_proposal_confirmed',
  'proposal-dismissed': 'activity_proposal_dismissed',
});

/**
 * A built-in playbook's or rule's name, description or step note in the interface language;
 * anything else (what the rep typed, a copy they renamed) exactly as stored.
 */
export function builtInText(text: string): string;
export function builtInText(text: string | undefined): string | undefined;
export function builtInText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const key = BUILT_IN_TEXT[text.trim()];
  return key ? t(key) : text;
}

/**
 * What an activity says, for history lists: Touchbase's own note in the interface language (else
 * the text stored with it, or what the rep typed), and for an enrolment the playbook's name rather
 * than the id the row keeps.
 */
export function activityText(
  a: { kind: string; text?: string; msg?: unknown },
  enrolment?: { playbookId: string; playbookName: string },
): string {
  if (a.kind === 'enrolled' && a.msg === undefined && enrolment && a.text === enrolment.playbookId)
    return builtInText(enrolment.playbookName);
  return storedText(a.msg, a.text);
}
