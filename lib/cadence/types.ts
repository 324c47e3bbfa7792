/**
 * Core vocabulary of the cadence engine (see ../shared/spec/cadence.md).
 * Everything here is plain data: JSON-safe except where a `Date` is named explicitly.
 */

/** How a touch reaches the contact. `task` is an internal step for the rep (assign, research). */
export type Channel = 'email' | 'sms' | 'call' | 'voicemail' | 'linkedin' | 'task';

export const CHANNELS: readonly Channel[] = ['email', 'sms', 'call', 'voicemail', 'linkedin', 'task'];

/** Channels that interrupt the contact and therefore respect the contact window. */
export const INTERRUPTIVE_CHANNELS: readonly Channel[] = ['sms', 'call', 'voicemail'];

/** Which template family drafts a step. */
export type Purpose =
  | 'acknowledge' // first reply to an inquiry, one qualifying question
  | 'confirm' // confirmation with value prop and a soft booking ask
  | 'call' // a call attempt; drafts the talk track and the voicemail script
  | 'voicemail' // ringless voicemail drop script
  | 'voicemail-nudge' // "left you a message yesterday, easier to text?"
  | 'follow-up' // next-day follow-up when the first contact went unanswered
  | 'value' // case study, a stat, a tip
  | 'question' // one clear question / one clear action
  | 'multi-thread' // reach a second contact at the same company
  | 'meeting-ask' // meeting ask with two concrete times
  | 'breakup' // polite last message with an easy way back
  | 'final-check-in' // "still interested? no pressure"
  | 're-engage' // after a long silence
  | 'after-meeting' // recap within 24 h of a booked meeting
  | 'linkedin-connect' // connection request with a note
  | 'linkedin-engage' // comment on / engage with a post
  | 'assign'; // internal: assign the lead to a rep

export const PURPOSES: readonly Purpose[] = [
  'acknowledge',
  'confirm',
  'call',
  'voicemail',
  'voicemail-nudge',
  'follow-up',
  'value',
  'question',
  'multi-thread',
  'meeting-ask',
  'breakup',
  'final-check-in',
  're-engage',
  'after-meeting',
  'linkedin-connect',
  'linkedin-engage',
  'assign',
];

/** One step of a playbook. `day` counts whole days from enrolment, as the seeds write them. */
export interface CadenceStep {
  channel: Channel;
  day: number;
  /** Speed-to-lead deadline in minutes (Day-0 steps). */
  withinMinutes?: number;
  purpose: Purpose;
  /**
   * Multi-threading (seed 003): the step targets a second contact at the same company and is due
   * only once the primary has left two touches in a row unanswered; otherwise it is skipped.
   */
  requiresTwoUnanswered?: boolean;
  /** Free note shown to the rep ("voicemail under 30 s", "new angle"). */
  note?: string;
}

export interface Playbook {
  id: string;
  name: string;
  description: string;
  /** The seed this playbook comes from, for built-ins. */
  source?: string;
  steps: CadenceStep[];
  builtIn?: boolean;
}

export type LeadSource =
  | 'google-lsa'
  | 'facebook-lead-ad'
  | 'referral'
  | 'web-form'
  | 'cold-outbound'
  | 'other';

export const LEAD_SOURCES: readonly LeadSource[] = [
  'google-lsa',
  'facebook-lead-ad',
  'referral',
  'web-form',
  'cold-outbound',
  'other',
];

/** Days 0=Sun .. 6=Sat, times 'HH:MM' local to the contact. */
export interface ContactWindow {
  days: number[];
  start: string;
  end: string;
}

export const DEFAULT_WINDOW: ContactWindow = {
  days: [0, 1, 2, 3, 4, 5, 6],
  start: '08:00',
  end: '20:00',
};

export interface CompletedStep {
  channel: Channel;
  at: Date;
}

export interface PlanInput {
  steps: CadenceStep[];
  enrolledAt: Date;
  timeZone: string;
  window?: ContactWindow;
  completed?: CompletedStep[];
}

export interface PlannedTouch {
  /** 1-based step number. */
  step: number;
  channel: Channel;
  purpose: Purpose;
  dueAt: Date;
  deadlineAt: Date;
}

export type EnrolmentState = 'active' | 'paused' | 'booked' | 'opted-out' | 'completed' | 'removed';

/** Why an enrolment is paused. */
export type PauseReason = 'replied' | 'manual';

export type TouchState = 'planned' | 'done' | 'skipped';

/** Outcome of a call attempt. */
export type CallOutcome = 'answered' | 'voicemail' | 'no-answer';

/** Kinds of entries in the append-only activity log. */
export type ActivityKind =
  | 'enrolled'
  | 'touch-done'
  | 'touch-skipped'
  | 'touch-snoozed'
  | 'call-outcome'
  | 'reply'
  | 'booked'
  | 'opted-out'
  | 'opt-out-withdrawn'
  | 'paused'
  | 'resumed'
  | 'completed'
  | 'removed'
  | 'note'
  | 'sent-from-gmail';
