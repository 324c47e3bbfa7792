/**
 * Pure helpers behind the playbook's rule editor: a new rule, switching a rule's event or action
 * (keeping what still fits, starting the rest from sensible values), the words for events and
 * actions, and a clean copy of a message's rules for storing.
 */
import {
  ACTIONS_FOR_EVENT,
  type CadenceRule,
  type RuleAction,
  type RuleActionKind,
  type TriggerEventType,
} from '@/lib/cadence/rules';

export const EVENT_LABELS: Record<TriggerEventType, string> = {
  'call-no-answer': 'a call is not answered',
  'call-voicemail': 'a voicemail is left',
  'meeting-booked': 'a meeting is booked',
  'appointment-missed': 'the contact misses the appointment',
  reply: 'the contact replies',
  'no-reply-after-last-step': 'the last step gets no reply',
};

export const ACTION_LABELS: Record<RuleActionKind, string> = {
  'touch-within': 'a touch within minutes',
  'reference-voicemail': 'the next text refers to the voicemail',
  'meeting-reminders': 'reminders before the meeting and a recap',
  'mini-sequence': 'a short re-book sequence',
  'propose-opt-out': 'propose an opt-out',
  'propose-finish': 'propose finishing with no re-nurture',
  'propose-call-now': 'propose a call due now',
  're-nurture': 'the slower nurture path',
};

/** What an action starts with when the rep picks it (the seeds' values). */
export function starterAction(kind: RuleActionKind): RuleAction {
  switch (kind) {
    case 'touch-within':
      return { kind, channel: 'sms', purpose: 'voicemail-nudge', withinMinutes: 10 };
    case 'meeting-reminders':
      return {
        kind,
        reminders: [
          { channel: 'email', beforeMinutes: 1440 },
          { channel: 'sms', beforeMinutes: 60 },
        ],
        recapWithinHours: 24,
      };
    case 'mini-sequence':
      return {
        kind,
        steps: [
          { channel: 'sms', dayOffset: 0, withinMinutes: 10, purpose: 'meeting-ask' },
          { channel: 'email', dayOffset: 0, purpose: 'meeting-ask' },
          { channel: 'call', dayOffset: 1, purpose: 'call' },
        ],
      };
    case 'propose-call-now':
      return { kind, withinMinutes: 5 };
    case 're-nurture':
      return { kind };
    default:
      return { kind } as RuleAction;
  }
}

/** The rule after the rep picks another event: the action kept when it still fits, else the first that does. */
export function withEvent(rule: CadenceRule, when: TriggerEventType): CadenceRule {
  const allowed = ACTIONS_FOR_EVENT[when];
  const action = allowed.includes(rule.action.kind) ? rule.action : starterAction(allowed[0]!);
  const next: CadenceRule = { ...rule, when, action };
  const condition = { ...rule.condition };
  if (when !== 'reply') delete condition.replyIntent;
  else if (!condition.replyIntent) condition.replyIntent = 'call-me';
  if (Object.keys(condition).length) next.condition = condition;
  else delete next.condition;
  return next;
}

/** The rule after the rep picks another action (only the event's actions are offered). */
export function withAction(rule: CadenceRule, kind: RuleActionKind): CadenceRule {
  return rule.action.kind === kind ? rule : { ...rule, action: starterAction(kind) };
}

/** A new rule with an id no other rule has: a text within 10 minutes of an unanswered call. */
export function newRule(rules: readonly CadenceRule[]): CadenceRule {
  const ids = new Set(rules.map((r) => r.id));
  let n = rules.length + 1;
  while (ids.has(`my-rule-${n}`)) n++;
  return {
    id: `my-rule-${n}`,
    name: `My rule ${n}`,
    when: 'call-no-answer',
    action: starterAction('touch-within'),
  };
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

function cleanAction(raw: unknown): RuleAction {
  const a = obj(raw);
  const kind = text(a.kind) as RuleActionKind;
  switch (kind) {
    case 'touch-within':
      return {
        kind,
        channel: text(a.channel) as never,
        purpose: text(a.purpose) as never,
        withinMinutes: num(a.withinMinutes),
      };
    case 'meeting-reminders':
      return {
        kind,
        reminders: Array.isArray(a.reminders)
          ? a.reminders.map((m) => ({
              channel: text(obj(m).channel) as never,
              beforeMinutes: num(obj(m).beforeMinutes),
            }))
          : (a.reminders as never),
        recapWithinHours: num(a.recapWithinHours),
      };
    case 'mini-sequence':
      return {
        kind,
        steps: Array.isArray(a.steps)
          ? a.steps.map((raw) => {
              const s = obj(raw);
              const step = {
                channel: text(s.channel) as never,
                dayOffset: num(s.dayOffset),
                purpose: text(s.purpose) as never,
              } as { channel: never; dayOffset: number; purpose: never; withinMinutes?: number };
              if (s.withinMinutes !== undefined && s.withinMinutes !== null)
                step.withinMinutes = num(s.withinMinutes);
              return step;
            })
          : (a.steps as never),
      };
    case 'propose-call-now':
      return { kind, withinMinutes: num(a.withinMinutes) };
    case 're-nurture':
      return a.days === undefined || a.days === null ? { kind } : { kind, days: num(a.days) };
    default:
      return { kind } as RuleAction;
  }
}

/**
 * Only the fields a rule has, wrong types turned into values `validateRules` refuses, so nothing
 * else a message carries is stored and nothing malformed slips through as valid.
 */
export function cleanRules(raw: unknown): CadenceRule[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((item) => {
    const r = obj(item);
    const rule: CadenceRule = {
      id: text(r.id).trim(),
      name: text(r.name).trim(),
      when: text(r.when) as TriggerEventType,
      action: cleanAction(r.action),
    };
    const c = obj(r.condition);
    const condition: CadenceRule['condition'] = {};
    if (c.replyIntent !== undefined) condition.replyIntent = text(c.replyIntent) as never;
    if (c.sources !== undefined)
      condition.sources = (Array.isArray(c.sources) ? c.sources.map(text) : c.sources) as never;
    if (Object.keys(condition).length) rule.condition = condition;
    if (r.enabled === false) rule.enabled = false;
    return rule;
  });
}
