/**
 * Pure helpers behind the playbook's rule editor: a new rule, switching a rule's event or action
 * (keeping what still fits, starting the rest from sensible values), the words for events and
 * actions and a rule's sentence (in the interface language), and a clean copy of a message's rules for storing.
 */
import {
  ACTIONS_FOR_EVENT,
  type CadenceRule,
  type ReplyIntent,
  type RuleAction,
  type RuleActionKind,
  type TriggerEventType,
} from '@/lib/cadence/rules';
import type { Channel } from '@/lib/cadence/types';
import { messageMap, nameList, t, tn, uiLocale } from '@/lib/i18n';
import { formatMinutes, LEAD_SOURCE_LABELS } from '@/lib/labels';

/** What starts a rule, as the end of "When …" (read at use, in the interface language). */
export const EVENT_LABELS: Record<TriggerEventType, string> = messageMap({
  'call-no-answer': 'pb_event_call_no_answer',
  'call-voicemail': 'pb_event_call_voicemail',
  'meeting-booked': 'pb_event_meeting_booked',
  'appointment-missed': 'pb_event_appointment_missed',
  reply: 'pb_event_reply',
  'no-reply-after-last-step': 'pb_event_no_reply_after_last_step',
});

/** What a rule does, for the "Then" picker. */
export const ACTION_LABELS: Record<RuleActionKind, string> = messageMap({
  'touch-within': 'pb_action_touch_within',
  'reference-voicemail': 'pb_action_reference_voicemail',
  'meeting-reminders': 'pb_action_meeting_reminders',
  'mini-sequence': 'pb_action_mini_sequence',
  'propose-opt-out': 'pb_action_propose_opt_out',
  'propose-finish': 'pb_action_propose_finish',
  'propose-call-now': 'pb_action_propose_call_now',
  're-nurture': 'pb_action_re_nurture',
});

/** What a reply says, for the "if it …" picker ("asks to stop"). */
export const INTENT_LABELS: Record<ReplyIntent, string> = messageMap({
  'opt-out': 'pb_intent_opt_out',
  'not-interested': 'pb_intent_not_interested',
  'call-me': 'pb_intent_call_me',
});

/** The same, inside the rule's sentence ("When the contact replies asking to stop"). */
const INTENT_IN_SENTENCE: Record<ReplyIntent, string> = messageMap({
  'opt-out': 'pb_rule_intent_opt_out',
  'not-interested': 'pb_rule_intent_not_interested',
  'call-me': 'pb_rule_intent_call_me',
});

/** One touch on a channel, inside a sentence ("a text", "an email"). */
const A_TOUCH: Record<Channel, string> = messageMap({
  sms: 'pb_rule_a_sms',
  email: 'pb_rule_a_email',
  call: 'pb_rule_a_call',
  voicemail: 'pb_rule_a_voicemail',
  linkedin: 'pb_rule_a_linkedin',
  task: 'pb_rule_a_task',
});

/** What the rule does, as the end of its sentence. */
function thenText(a: RuleAction, locale: string): string {
  switch (a.kind) {
    case 'touch-within':
      return t('pb_rule_then_touch', {
        touch: A_TOUCH[a.channel] ?? a.channel,
        duration: formatMinutes(a.withinMinutes, locale),
      });
    case 'meeting-reminders':
      return tn('pb_rule_then_reminders', a.reminders.length, {
        duration: formatMinutes(a.recapWithinHours * 60, locale),
      });
    case 'mini-sequence':
      return tn('pb_rule_then_mini_sequence', a.steps.length);
    case 're-nurture':
      return a.days ? tn('pb_rule_then_re_nurture_days', a.days) : t('pb_rule_then_re_nurture');
    default:
      return ACTION_LABELS[a.kind];
  }
}

/**
 * "When a call is not answered, then a text within 10 min.": a rule in the rep's words and
 * language, for the rule cards and the playbook's read-only list.
 */
export function describeRule(rule: CadenceRule, locale = uiLocale()): string {
  const cond = rule.condition;
  let event = EVENT_LABELS[rule.when] ?? rule.when;
  if (cond?.replyIntent)
    event = t('pb_rule_event_intent', { event, intent: INTENT_IN_SENTENCE[cond.replyIntent] });
  if (cond?.sources?.length)
    event = t('pb_rule_event_sources', {
      event,
      sources: nameList(
        cond.sources.map((s) => LEAD_SOURCE_LABELS[s] ?? s),
        cond.sources.length,
      ),
    });
  // "10 Min." ends the German sentence with one period, not two.
  return t('pb_rule_sentence', { event, action: thenText(rule.action, locale) }).replace(/\.\.$/, '.');
}

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
    name: t('pb_rule_new_name', { n }),
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
