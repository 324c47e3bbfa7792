import type { CadenceRule } from './rules';
import type { Msg } from '@/lib/i18n/msg';

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
  | 'assign' // internal: assign the lead to a rep
  | 'meeting-reminder'; // reminder before a booked meeting

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
  'meeting-reminder',
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
  /** Set on a step a rule added to a running enrolment: the id of that rule. */
  rule?: string;
  /** A voicemail was left before this text: its draft refers to it (the voicemail/text pair). */
  afterVoicemail?: boolean;
}

export interface Playbook {
  id: string;
  name: string;
  description: string;
  /** The seed this playbook comes from, for built-ins. */
  source?: string;
  steps: CadenceStep[];
  builtIn?: boolean;
  /**
   * The playbook's triggers ("when EVENT [if CONDITION] then ACTION", see rules.ts); absent means
   * the built-in rules, an empty list means none.
   */
  rules?: CadenceRule[];
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
  /** The step was skipped, not sent: it keeps its place in time but no channel rule counts it. */
  skipped?: boolean;
}

export interface PlanInput {
  steps: CadenceStep[];
  enrolledAt: Date;
  timeZone: string;
  window?: ContactWindow;
  completed?: CompletedStep[];
  /**
   * The first step not yet completed is due no earlier than this (resume after a pause, snooze);
   * the steps after it keep their spacing from it.
   */
  notBefore?: Date;
  /**
   * Touches the contact already had outside the steps (a meeting reminder, a requested call):
   * they count for one text a day, 48 h between emails and vary call times like earlier steps.
   */
  earlier?: { channel: Channel; at: Date }[];
}

export interface PlannedTouch {
  /** 1-based step number. */
  step: number;
  channel: Channel;
  purpose: Purpose;
  dueAt: Date;
  deadlineAt: Date;
  /** Copied from the step, when it has one. */
  withinMinutes?: number;
  /** Copied from the step: due only after two unanswered touches in a row (multi-threading). */
  requiresTwoUnanswered?: boolean;
  /** Copied from the step. */
  note?: string;
  /** Set on completed steps: when the step was actually done (or skipped). */
  completedAt?: Date;
  /** Set on completed steps that were skipped rather than sent. */
  skipped?: boolean;
  /** Step 0 touches a rule added: the key of the enrolment's extra touch. */
  extraKey?: number;
  /** Copied from the step: the rule that added it. */
  rule?: string;
  /** Copied from the step: its text refers to the voicemail just left. */
  afterVoicemail?: boolean;
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
  | 'sent-from-gmail'
  /** A playbook rule fired; `text` says which and what it scheduled or proposed. */
  | 'rule-fired'
  /** The rep confirmed or dismissed what a rule proposed. */
  | 'proposal-confirmed'
  | 'proposal-dismissed';

/** One step of an enrolment that is behind us: done or skipped. Times are epoch ms. */
export interface DoneTouch {
  /** 1-based step number. */
  step: number;
  channel: Channel;
  at: number;
  skipped?: boolean;
  /** For calls: whether someone picked up. */
  outcome?: CallOutcome;
}

/**
 * A touch outside the playbook's steps: the recap after a booked meeting, or the re-engage
 * touch after a completed sequence. Times are epoch ms.
 */
export interface FollowUpTouch {
  channel: Channel;
  purpose: 'after-meeting' | 're-engage';
  dueAt: number;
  deadlineAt: number;
  /** Set once the rep has done it. */
  doneAt?: number;
}

/**
 * One contact in one playbook, as plain JSON-safe data (epoch-ms times). The database assigns
 * `id`. `steps` is a snapshot already adjusted for the lead source, so later edits of the
 * playbook never reshuffle a running enrolment.
 */
export interface Enrolment {
  id?: number;
  contactId: number;
  playbookId: string;
  source: LeadSource;
  steps: CadenceStep[];
  enrolledAt: number;
  timeZone: string;
  /** Contact window; DEFAULT_WINDOW when absent. */
  window?: ContactWindow;
  state: EnrolmentState;
  /** Set only while `state` is 'paused'. */
  pauseReason?: PauseReason;
  stateChangedAt: number;
  /** The steps behind us, in step order (a prefix of `steps`). */
  done: DoneTouch[];
  /** The next step is due no earlier than this (set by resume and snooze, cleared when it is done). */
  notBefore?: number;
  /** Latest reply from the contact. */
  lastReplyAt?: number;
  /** Days from the last touch to the re-engage touch of a completed enrolment (60-90, default 60). */
  reengageDays?: number;
  /** The after-meeting or re-engage touch, once booked or completed. */
  followUp?: FollowUpTouch;
  /** Snapshot of the playbook's rules at enrolment; absent means the built-in rules. */
  rules?: CadenceRule[];
  /** Touches a rule added outside the steps (meeting reminders, a requested call). */
  extras?: ExtraTouch[];
  /** What rules proposed and the rep has not yet confirmed or dismissed. */
  proposals?: Proposal[];
  /** The booked meeting's start, when the rep entered one. */
  meetingAt?: number;
  /**
   * Touches sent outside the steps while the sequence ran (value and break-up emails), oldest
   * first: they fill no step but space the steps after them and date the re-engage touch.
   */
  extraTouches?: EnrolmentExtraTouch[];
}

/** A touch a rule scheduled outside the playbook's steps. Times are epoch ms. */
export interface ExtraTouch {
  /** Unique within the enrolment, from 1. */
  key: number;
  channel: Channel;
  purpose: Purpose;
  dueAt: number;
  deadlineAt: number;
  /** The rule that scheduled it. */
  rule: string;
  note?: string;
  doneAt?: number;
  skipped?: boolean;
}

/** What a reply-keyword rule proposes; nothing happens until the rep confirms. */
export type ProposalAction = 'opt-out' | 'finish' | 'call-now';

export interface Proposal {
  /** Unique within the enrolment, from 1. */
  id: number;
  action: ProposalAction;
  rule: string;
  /** When it was proposed (epoch ms). */
  at: number;
  /** The words of the reply that matched, for the rep to check. */
  matched?: string;
  /** For call-now: the call is due within this many minutes once confirmed. */
  withinMinutes?: number;
}

/** One touch sent outside an enrolment's steps (a value or break-up email). Times are epoch ms. */
export interface EnrolmentExtraTouch {
  channel: Channel;
  purpose: Purpose;
  at: number;
}

/** An entry of the append-only activity log, id-less (the database assigns ids). */
export interface Activity {
  kind: ActivityKind;
  /** Epoch ms. */
  at: number;
  enrolmentId?: number;
  contactId?: number;
  /** 1-based step number; 0 for a follow-up touch outside the steps. */
  step?: number;
  channel?: Channel;
  purpose?: Purpose;
  outcome?: CallOutcome | string;
  /** What the rep typed, or the English of `msg` when there is one (older builds and exports read it). */
  text?: string;
  /** What Touchbase itself wrote, as a message: each reader sees it in their language. */
  msg?: Msg;
  /** Where it came from: sidebar, popup, gmail (auto-detected), import, dashboard. */
  source?: string;
  /** rule-fired and proposal activities: the id of the playbook rule. */
  rule?: string;
}
