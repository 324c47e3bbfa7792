/**
 * Playbook rules: "when EVENT [if CONDITION] then ACTION" (seed 002: "start with the trigger,
 * then define the branch"). Plain JSON data, so a rep can edit them next to the steps and an
 * enrolment can keep a snapshot. `applyTrigger` (triggers.ts) carries them out.
 */
import { CHANNELS, type Channel, type LeadSource, PURPOSES, type Purpose } from './types';

/** What Touchbase sees happen to an enrolment. */
export type TriggerEventType =
  | 'call-no-answer'
  | 'call-voicemail'
  | 'meeting-booked'
  | 'appointment-missed'
  | 'reply'
  | 'no-reply-after-last-step';

export const TRIGGER_EVENTS: readonly TriggerEventType[] = [
  'call-no-answer',
  'call-voicemail',
  'meeting-booked',
  'appointment-missed',
  'reply',
  'no-reply-after-last-step',
];

/** What a reply says, as far as the keyword tables can tell (keywords.ts). */
export type ReplyIntent = 'opt-out' | 'not-interested' | 'call-me';

export const REPLY_INTENTS: readonly ReplyIntent[] = ['opt-out', 'not-interested', 'call-me'];

/** Every field is optional; all given fields must hold. */
export interface RuleCondition {
  /** Reply rules: what the reply asks for. */
  replyIntent?: ReplyIntent;
  /** Only for enrolments from these lead sources. */
  sources?: LeadSource[];
}

/** One touch of a mini-sequence, `dayOffset` whole days after the event (0 = the same day). */
export interface MiniStep {
  channel: Channel;
  dayOffset: number;
  withinMinutes?: number;
  purpose: Purpose;
}

/** One reminder before a meeting. Whole days (1440, 2880 ...) keep the local time across DST. */
export interface MeetingReminder {
  channel: Channel;
  beforeMinutes: number;
}

export type RuleAction =
  /** Add one touch right after the event, due within `withinMinutes`. */
  | { kind: 'touch-within'; channel: Channel; purpose: Purpose; withinMinutes: number }
  /** The next text of the sequence refers to the voicemail just left. */
  | { kind: 'reference-voicemail' }
  /** Reminders before a booked meeting and the recap after it; the sequence stops. */
  | { kind: 'meeting-reminders'; reminders: MeetingReminder[]; recapWithinHours: number }
  /** Replace what is left of the sequence with these touches (re-book after a no-show). */
  | { kind: 'mini-sequence'; steps: MiniStep[] }
  /** Propose to the rep (never done silently). */
  | { kind: 'propose-opt-out' }
  | { kind: 'propose-finish' }
  | { kind: 'propose-call-now'; withinMinutes: number }
  /** The slower nurture path: a re-engage touch `days` after the last touch (else the enrolment's delay). */
  | { kind: 're-nurture'; days?: number };

export type RuleActionKind = RuleAction['kind'];

/** One rule of a playbook. */
export interface CadenceRule {
  id: string;
  name: string;
  when: TriggerEventType;
  condition?: RuleCondition;
  action: RuleAction;
  /** A rule the rep switched off stays listed but never fires. */
  enabled?: boolean;
}

/** Which actions make sense after which events. */
export const ACTIONS_FOR_EVENT: Record<TriggerEventType, readonly RuleActionKind[]> = {
  'call-no-answer': ['touch-within', 'reference-voicemail'],
  'call-voicemail': ['touch-within', 'reference-voicemail'],
  'meeting-booked': ['meeting-reminders'],
  'appointment-missed': ['mini-sequence', 'touch-within'],
  reply: ['propose-opt-out', 'propose-finish', 'propose-call-now'],
  'no-reply-after-last-step': ['re-nurture'],
};

/** Re-nurture delay bounds (seed 003: 60-90 days; seed 001: Day 90). */
export const MIN_RENURTURE_DAYS = 60;
export const MAX_RENURTURE_DAYS = 90;

/** The rules every playbook starts with (seeds 001-004); a rep may edit or switch them off. */
export const BUILT_IN_RULES: readonly CadenceRule[] = [
  {
    id: 'no-answer-text',
    name: 'Call not answered: text within 10 minutes',
    when: 'call-no-answer',
    action: { kind: 'touch-within', channel: 'sms', purpose: 'voicemail-nudge', withinMinutes: 10 },
  },
  {
    id: 'voicemail-reference',
    name: 'Voicemail left: the next text refers to it',
    when: 'call-voicemail',
    action: { kind: 'reference-voicemail' },
  },
  {
    id: 'booked-reminders',
    name: 'Meeting booked: reminders the day before and an hour before, recap within 24 h',
    when: 'meeting-booked',
    action: {
      kind: 'meeting-reminders',
      reminders: [
        { channel: 'email', beforeMinutes: 1440 },
        { channel: 'sms', beforeMinutes: 60 },
      ],
      recapWithinHours: 24,
    },
  },
  {
    id: 'missed-rebook',
    name: 'Missed appointment: re-book with a text, an email the same day, a call the next day',
    when: 'appointment-missed',
    action: {
      kind: 'mini-sequence',
      steps: [
        { channel: 'sms', dayOffset: 0, withinMinutes: 10, purpose: 'meeting-ask' },
        { channel: 'email', dayOffset: 0, purpose: 'meeting-ask' },
        { channel: 'call', dayOffset: 1, purpose: 'call' },
      ],
    },
  },
  {
    id: 'reply-opt-out',
    name: 'Reply asks to stop: propose an opt-out',
    when: 'reply',
    condition: { replyIntent: 'opt-out' },
    action: { kind: 'propose-opt-out' },
  },
  {
    id: 'reply-not-interested',
    name: 'Reply says not interested: propose finishing with no re-nurture',
    when: 'reply',
    condition: { replyIntent: 'not-interested' },
    action: { kind: 'propose-finish' },
  },
  {
    id: 'reply-call-me',
    name: 'Reply asks for a call: propose a call due now',
    when: 'reply',
    condition: { replyIntent: 'call-me' },
    action: { kind: 'propose-call-now', withinMinutes: 5 },
  },
  {
    id: 'no-reply-renurture',
    name: 'No reply after the last step: slower nurture path',
    when: 'no-reply-after-last-step',
    action: { kind: 're-nurture' },
  },
];

/** A deep copy of the built-in rules, for a new playbook or an enrolment snapshot. */
export function builtInRules(): CadenceRule[] {
  return structuredClone(BUILT_IN_RULES) as CadenceRule[];
}

/** One finding about a playbook's rules, shaped like the step findings of validate.ts. */
export interface RuleIssue {
  code:
    | 'bad-rule-id'
    | 'duplicate-rule-id'
    | 'bad-rule-name'
    | 'unknown-event'
    | 'action-not-for-event'
    | 'unknown-channel'
    | 'unknown-purpose'
    | 'bad-within-minutes'
    | 'bad-days'
    | 'bad-reminder'
    | 'bad-mini-sequence'
    | 'bad-condition'
    | 'two-sms-one-day'
    | 'emails-too-close'
    | 'slow-speed-to-lead'
    | 'reply-without-intent';
  message: string;
  /** 1-based rule number. */
  rule: number;
}

const isPositive = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;

/**
 * Checks a playbook's rules with the same strictness as its steps: errors block saving
 * (unknown events, channels or purposes, actions that make no sense after the event, bad
 * numbers), warnings flag what the planner will correct (two texts on one day, emails under
 * 48 h apart) or what defeats the rule's point (a "within minutes" text an hour later).
 */
export function validateRules(rules: readonly CadenceRule[]): { errors: RuleIssue[]; warnings: RuleIssue[] } {
  const errors: RuleIssue[] = [];
  const warnings: RuleIssue[] = [];
  const ids = new Set<string>();
  const list: readonly CadenceRule[] = Array.isArray(rules) ? rules : [];
  list.forEach((r, i) => {
    const rule = i + 1;
    const where = `Rule ${rule}`;
    const err = (code: RuleIssue['code'], message: string) =>
      errors.push({ code, rule, message: `${where}: ${message}` });
    const warn = (code: RuleIssue['code'], message: string) =>
      warnings.push({ code, rule, message: `${where}: ${message}` });
    if (typeof r?.id !== 'string' || r.id.trim() === '') err('bad-rule-id', 'it needs an id.');
    else if (ids.has(r.id)) err('duplicate-rule-id', `the id "${r.id}" is used twice.`);
    else ids.add(r.id);
    if (typeof r?.name !== 'string' || r.name.trim() === '') err('bad-rule-name', 'give it a name.');
    if (!TRIGGER_EVENTS.includes(r?.when)) {
      err('unknown-event', `unknown event "${String(r?.when)}".`);
      return;
    }
    const action = r.action;
    if (!action || !ACTIONS_FOR_EVENT[r.when].includes(action.kind)) {
      err('action-not-for-event', `"${String(action?.kind)}" cannot follow "${r.when}".`);
      return;
    }
    const cond = r.condition;
    if (cond !== undefined) {
      if (cond.replyIntent !== undefined && !REPLY_INTENTS.includes(cond.replyIntent))
        err('bad-condition', `unknown reply intent "${String(cond.replyIntent)}".`);
      if (cond.replyIntent !== undefined && r.when !== 'reply')
        err('bad-condition', 'a reply condition only fits the "reply" event.');
      if (cond.sources !== undefined && !Array.isArray(cond.sources))
        err('bad-condition', 'lead sources must be a list.');
    }
    if (r.when === 'reply' && cond?.replyIntent === undefined)
      warn('reply-without-intent', 'it fires on every reply, whatever it says.');
    const checkTouch = (channel: Channel, purpose: Purpose, what: string) => {
      if (!CHANNELS.includes(channel))
        err('unknown-channel', `${what}: unknown channel "${String(channel)}".`);
      if (!PURPOSES.includes(purpose))
        err('unknown-purpose', `${what}: unknown purpose "${String(purpose)}".`);
    };
    switch (action.kind) {
      case 'touch-within':
        checkTouch(action.channel, action.purpose, 'the touch');
        if (!isPositive(action.withinMinutes))
          err('bad-within-minutes', '"within minutes" must be a positive number.');
        else if (action.withinMinutes > 60)
          warn(
            'slow-speed-to-lead',
            `a follow-up ${action.withinMinutes} minutes later has lost the moment.`,
          );
        break;
      case 'propose-call-now':
        if (!isPositive(action.withinMinutes))
          err('bad-within-minutes', '"within minutes" must be a positive number.');
        break;
      case 're-nurture':
        if (
          action.days !== undefined &&
          (!Number.isInteger(action.days) ||
            action.days < MIN_RENURTURE_DAYS ||
            action.days > MAX_RENURTURE_DAYS)
        )
          err('bad-days', `re-nurture after ${MIN_RENURTURE_DAYS} to ${MAX_RENURTURE_DAYS} days.`);
        break;
      case 'meeting-reminders': {
        if (!Array.isArray(action.reminders)) {
          err('bad-reminder', 'reminders must be a list.');
          break;
        }
        action.reminders.forEach((m, k) => {
          checkTouch(m?.channel, 'meeting-reminder', `reminder ${k + 1}`);
          if (!Number.isInteger(m?.beforeMinutes) || m.beforeMinutes <= 0)
            err(
              'bad-reminder',
              `reminder ${k + 1}: minutes before the meeting must be a whole number above 0.`,
            );
        });
        if (!isPositive(action.recapWithinHours))
          err('bad-within-minutes', 'the recap needs a positive number of hours.');
        break;
      }
      case 'mini-sequence': {
        if (!Array.isArray(action.steps) || action.steps.length === 0) {
          err('bad-mini-sequence', 'the mini-sequence needs at least one touch.');
          break;
        }
        let prev = 0;
        const smsDays = new Set<number>();
        let lastEmail: number | undefined;
        action.steps.forEach((s, k) => {
          const what = `touch ${k + 1}`;
          checkTouch(s?.channel, s?.purpose, what);
          if (!Number.isInteger(s?.dayOffset) || s.dayOffset < 0 || s.dayOffset < prev) {
            err('bad-mini-sequence', `${what}: the day must be a whole number, 0 or more, in order.`);
            return;
          }
          if (s.withinMinutes !== undefined && !isPositive(s.withinMinutes))
            err('bad-within-minutes', `${what}: "within minutes" must be a positive number.`);
          prev = s.dayOffset;
          if (s.channel === 'sms') {
            if (smsDays.has(s.dayOffset))
              warn(
                'two-sms-one-day',
                `${what}: a second text on day ${s.dayOffset}; it will move to the next day.`,
              );
            smsDays.add(s.dayOffset);
          }
          if (s.channel === 'email') {
            if (lastEmail !== undefined && s.dayOffset - lastEmail < 2)
              warn('emails-too-close', `${what}: emails less than 48 h apart; it will be pushed back.`);
            lastEmail = s.dayOffset;
          }
        });
        break;
      }
      default:
        break;
    }
  });
  return { errors, warnings };
}
