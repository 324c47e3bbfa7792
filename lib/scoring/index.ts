/**
 * Lead scoring (seed 003: "scoring rules around lead source, location, budget, product
 * interest, or any custom field"). Pure: the rep's rules and the contact's facts come in, a
 * score from 0 to 100 with its explanation comes out ("82: referral +30, replied +20 ...").
 * `now` is an argument because freshness decays with the days since the last response.
 */
import { LEAD_SOURCES, type LeadSource } from '@/lib/cadence/types';
import { type MessageKey, type Msg, msg, msgN } from '@/lib/i18n/msg';

const DAY_MS = 86_400_000;

export type EngagementSignal = 'replied' | 'answered-call' | 'booked';
export const ENGAGEMENT_SIGNALS: readonly EngagementSignal[] = ['replied', 'answered-call', 'booked'];

/** A comparison on one custom field (matched by name, case-insensitively). */
export type CustomOp = 'at-least' | 'at-most' | 'equals' | 'contains' | 'present';
export const CUSTOM_OPS: readonly CustomOp[] = ['at-least', 'at-most', 'equals', 'contains', 'present'];

export type ScoreCondition =
  | { kind: 'source'; sources: LeadSource[] }
  | { kind: 'custom'; field: string; op: CustomOp; value?: string }
  | { kind: 'engagement'; signal: EngagementSignal };

/** One scoring rule: when the condition holds, add `points` (negative to subtract). */
export interface ScoreRule {
  id: string;
  label: string;
  when: ScoreCondition;
  points: number;
  enabled?: boolean;
}

export interface ScoringSettings {
  /** Every lead starts here. */
  base: number;
  rules: ScoreRule[];
  /** Freshness: points lost per day since the last response (or since the lead came in)... */
  decayPerDay: number;
  /** ...up to this many. */
  maxDecay: number;
  /** Priority bands: High at or above `high`, Medium at or above `medium`, else Low. */
  high: number;
  medium: number;
  /** A new lead at or above this score raises the speed-to-lead notification. */
  notifyAt: number;
}

export type Priority = 'High' | 'Medium' | 'Low';

/** What scoring needs to know about a contact. Times are epoch ms. */
export interface ScoreFacts {
  leadSource: LeadSource;
  custom?: Record<string, string>;
  replied?: boolean;
  answeredCall?: boolean;
  booked?: boolean;
  /** The latest reply, answered call or booking. */
  lastResponseAt?: number;
  createdAt: number;
}

export interface ScorePart {
  id: string;
  /** As stored (a rule's label as the rep typed it), English for the base and freshness. */
  label: string;
  /** Set when the label is one Touchbase wrote (a default rule's, the base, freshness): read it in the rep's language. */
  msg?: Msg;
  points: number;
}

export interface Score {
  score: number;
  priority: Priority;
  /** The rules that applied, biggest effect first; the base and the freshness decay included. */
  parts: ScorePart[];
  /** "82: referral +30, replied +20, budget 10k or more +15, base 20, quiet 3 days -3". */
  explanation: string;
}

export const DEFAULT_SCORING: ScoringSettings = {
  base: 20,
  decayPerDay: 1,
  maxDecay: 30,
  high: 70,
  medium: 40,
  notifyAt: 70,
  rules: [
    { id: 'src-referral', label: 'referral', when: { kind: 'source', sources: ['referral'] }, points: 30 },
    {
      id: 'src-lsa',
      label: 'Google Local Services',
      when: { kind: 'source', sources: ['google-lsa'] },
      points: 20,
    },
    { id: 'src-web', label: 'web form', when: { kind: 'source', sources: ['web-form'] }, points: 15 },
    {
      id: 'src-fb',
      label: 'Facebook lead ad',
      when: { kind: 'source', sources: ['facebook-lead-ad'] },
      points: 10,
    },
    {
      id: 'budget-10k',
      label: 'budget 10k or more',
      when: { kind: 'custom', field: 'budget', op: 'at-least', value: '10000' },
      points: 15,
    },
    {
      id: 'interest',
      label: 'product interest given',
      when: { kind: 'custom', field: 'product interest', op: 'present' },
      points: 10,
    },
    { id: 'replied', label: 'replied', when: { kind: 'engagement', signal: 'replied' }, points: 20 },
    {
      id: 'answered',
      label: 'answered a call',
      when: { kind: 'engagement', signal: 'answered-call' },
      points: 15,
    },
    { id: 'booked', label: 'booked a meeting', when: { kind: 'engagement', signal: 'booked' }, points: 25 },
  ],
};

/**
 * A number as people type amounts: "$12,000", "10k", "1.5M", "12.000 €", "15000 USD".
 * Undefined when there is no number in it.
 */
export function parseAmount(text: string | undefined): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /(-?\d[\d.,\s]*)\s*([kKmM])?(?![\p{L}])/u.exec(text.replace(/\u00a0/g, ' '));
  if (!m) return undefined;
  let digits = (m[1] ?? '').replace(/\s+/g, '');
  if (/^-?\d{1,3}([.,]\d{3})+$/.test(digits)) digits = digits.replace(/[.,]/g, '');
  else if (/^-?\d+,\d{1,2}$/.test(digits)) digits = digits.replace(',', '.');
  else digits = digits.replace(/,/g, '');
  let n = Number(digits);
  if (!Number.isFinite(n)) return undefined;
  const unit = m[2]?.toLowerCase();
  if (unit === 'k') n *= 1_000;
  if (unit === 'm') n *= 1_000_000;
  return n;
}

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

/**
 * Field names repeat across thousands of contacts (the dashboard scores every one of them), so
 * each distinct name is normalised once. Bounded: past a few thousand names it starts over.
 */
const normalised = new Map<string, string>();
function normName(s: string): string {
  let n = normalised.get(s);
  if (n === undefined) {
    if (normalised.size > 5_000) normalised.clear();
    n = norm(s);
    normalised.set(s, n);
  }
  return n;
}

function customValue(custom: Record<string, string> | undefined, field: string): string | undefined {
  if (!custom) return undefined;
  const want = normName(field);
  for (const k in custom) if (Object.hasOwn(custom, k) && normName(k) === want) return custom[k];
  return undefined;
}

function holds(c: ScoreCondition, f: ScoreFacts): boolean {
  switch (c.kind) {
    case 'source':
      return Array.isArray(c.sources) && c.sources.includes(f.leadSource);
    case 'engagement':
      return c.signal === 'replied'
        ? !!f.replied
        : c.signal === 'answered-call'
          ? !!f.answeredCall
          : !!f.booked;
    case 'custom': {
      const v = customValue(f.custom, c.field);
      if (v === undefined || v.trim() === '') return false;
      if (c.op === 'present') return true;
      const want = c.value ?? '';
      if (c.op === 'equals') return norm(v) === norm(want);
      if (c.op === 'contains') return norm(v).includes(norm(want));
      const a = parseAmount(v);
      const b = parseAmount(want);
      if (a === undefined || b === undefined) return false;
      return c.op === 'at-least' ? a >= b : a <= b;
    }
    default:
      return false;
  }
}

const signed = (n: number) => (n >= 0 ? `+${n}` : `${n}`);

/** Scores one contact. Never throws: a malformed rule simply does not apply. */
export function scoreLead(facts: ScoreFacts, settings: ScoringSettings, now: number): Score {
  const parts: ScorePart[] = [];
  for (const r of settings.rules) {
    if (r.enabled === false || !Number.isFinite(r.points) || r.points === 0) continue;
    if (r.when && holds(r.when, facts)) {
      const own = DEFAULT_RULE_KEYS[r.id];
      // A default rule keeps its words in every language until the rep renames it.
      const shipped = own && DEFAULT_LABELS.get(r.id) === r.label ? { msg: { key: own } } : {};
      parts.push({ id: r.id, label: r.label, ...shipped, points: r.points });
    }
  }
  parts.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  const since = facts.lastResponseAt ?? facts.createdAt;
  const days = Number.isFinite(since) ? Math.max(0, Math.floor((now - since) / DAY_MS)) : 0;
  const decay = Math.min(Math.max(0, settings.maxDecay), days * Math.max(0, settings.decayPerDay));
  const all: ScorePart[] = [...parts];
  if (settings.base)
    all.push({ id: 'base', label: 'base', msg: msg('score_part_base'), points: settings.base });
  if (decay > 0)
    all.push({
      id: 'freshness',
      label: `${facts.lastResponseAt !== undefined ? 'no response for' : 'new'} ${days} day${days === 1 ? '' : 's'}`,
      msg: msgN(facts.lastResponseAt !== undefined ? 'score_part_quiet' : 'score_part_new', days),
      points: -decay,
    });
  const raw = all.reduce((s, p) => s + p.points, 0);
  const score = Math.max(0, Math.min(100, Math.round(raw)));
  return {
    score,
    priority: priorityOf(score, settings),
    parts: all,
    explanation: `${score}: ${all.map((p) => `${p.label} ${signed(p.points)}`).join(', ') || 'no rule applies'}`,
  };
}

/** Each default rule's message, by rule id. */
const DEFAULT_RULE_KEYS: Readonly<Record<string, MessageKey>> = {
  'src-referral': 'score_rule_src_referral',
  'src-lsa': 'score_rule_src_lsa',
  'src-web': 'score_rule_src_web',
  'src-fb': 'score_rule_src_fb',
  'budget-10k': 'score_rule_budget_10k',
  interest: 'score_rule_interest',
  replied: 'score_rule_replied',
  answered: 'score_rule_answered',
  booked: 'score_rule_booked',
};

const DEFAULT_LABELS = new Map(DEFAULT_SCORING.rules.map((r) => [r.id, r.label]));

/** `+30`, `-3`: the sign always shown. */
export const signedPoints = signed;

export function priorityOf(score: number, s: Pick<ScoringSettings, 'high' | 'medium'>): Priority {
  return score >= s.high ? 'High' : score >= s.medium ? 'Medium' : 'Low';
}

const MAX_RULES = 40;
const MAX_LABEL = 60;

/** One problem with the rep's scoring settings; `rule` is 1-based. */
export interface ScoringIssue {
  /** What to fix, rendered in the rep's language where it is shown. */
  msg: Msg;
  rule?: number;
}

/** Checks scoring settings before they are saved; an empty list means they are fine. */
export function validateScoring(s: ScoringSettings): ScoringIssue[] {
  const out: ScoringIssue[] = [];
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (!num(s?.base) || s.base < 0 || s.base > 100) out.push({ msg: msg('problem_score_base') });
  if (!num(s?.decayPerDay) || s.decayPerDay < 0) out.push({ msg: msg('problem_score_decay') });
  if (!num(s?.maxDecay) || s.maxDecay < 0) out.push({ msg: msg('problem_score_max_decay') });
  if (!num(s?.high) || !num(s?.medium) || s.medium < 0 || s.high > 100 || s.medium >= s.high)
    out.push({ msg: msg('problem_score_bands') });
  if (!num(s?.notifyAt) || s.notifyAt < 0 || s.notifyAt > 100)
    out.push({ msg: msg('problem_score_notify_at') });
  const ids = new Set<string>();
  if (!Array.isArray(s?.rules)) out.push({ msg: msg('problem_score_rules_list') });
  else if (s.rules.length > MAX_RULES) out.push({ msg: msg('problem_score_rules_max', { max: MAX_RULES }) });
  (Array.isArray(s?.rules) ? s.rules : []).forEach((r, i) => {
    const rule = i + 1;
    if (typeof r?.id !== 'string' || !r.id || ids.has(r.id))
      out.push({ rule, msg: msg('problem_score_rule_id', { rule }) });
    else ids.add(r.id);
    if (typeof r?.label !== 'string' || r.label.trim() === '')
      out.push({ rule, msg: msg('problem_score_rule_label', { rule }) });
    else if (r.label.length > MAX_LABEL)
      out.push({ rule, msg: msg('problem_score_rule_label_long', { rule, max: MAX_LABEL }) });
    if (!num(r?.points) || Math.abs(r.points) > 100)
      out.push({ rule, msg: msg('problem_score_rule_points', { rule }) });
    const w = r?.when;
    if (w?.kind === 'source') {
      if (!Array.isArray(w.sources) || !w.sources.length || w.sources.some((x) => !LEAD_SOURCES.includes(x)))
        out.push({ rule, msg: msg('problem_score_rule_sources', { rule }) });
    } else if (w?.kind === 'custom') {
      if (typeof w.field !== 'string' || !w.field.trim())
        out.push({ rule, msg: msg('problem_score_rule_field', { rule }) });
      if (!CUSTOM_OPS.includes(w.op)) out.push({ rule, msg: msg('problem_score_rule_op', { rule }) });
      else if ((w.op === 'at-least' || w.op === 'at-most') && parseAmount(w.value) === undefined)
        out.push({ rule, msg: msg('problem_score_rule_number', { rule, value: String(w.value) }) });
      else if ((w.op === 'equals' || w.op === 'contains') && !w.value?.trim())
        out.push({ rule, msg: msg('problem_score_rule_value', { rule }) });
    } else if (w?.kind === 'engagement') {
      if (!ENGAGEMENT_SIGNALS.includes(w.signal))
        out.push({ rule, msg: msg('problem_score_rule_signal', { rule }) });
    } else out.push({ rule, msg: msg('problem_score_rule_condition', { rule }) });
  });
  return out;
}

/**
 * Stored settings may be from an older release or hand-edited: anything invalid falls back to
 * the defaults rather than breaking every score.
 */
export function normaliseScoring(s: unknown): ScoringSettings {
  if (!s || typeof s !== 'object') return structuredClone(DEFAULT_SCORING);
  const merged = { ...structuredClone(DEFAULT_SCORING), ...(s as Partial<ScoringSettings>) };
  return validateScoring(merged).length ? structuredClone(DEFAULT_SCORING) : merged;
}

/** The shapes `factsOf` reads (a contact row and its enrolments), kept structural so this stays pure. */
export interface ScoredContact {
  leadSource: LeadSource;
  custom?: Record<string, string>;
  createdAt: number;
}
export interface ScoredEnrolment {
  state: string;
  lastReplyAt?: number;
  stateChangedAt: number;
  done: { outcome?: string; at: number }[];
}

/** Scoring facts from what Touchbase stores: replies, answered calls and bookings count as responses. */
export function factsOf(contact: ScoredContact, enrolments: readonly ScoredEnrolment[]): ScoreFacts {
  let last: number | undefined;
  const seen = (t: number | undefined) => {
    if (t !== undefined && Number.isFinite(t)) last = last === undefined ? t : Math.max(last, t);
  };
  let replied = false;
  let answeredCall = false;
  let booked = false;
  for (const e of enrolments) {
    if (e.lastReplyAt !== undefined) {
      replied = true;
      seen(e.lastReplyAt);
    }
    if (e.state === 'booked') {
      booked = true;
      seen(e.stateChangedAt);
    }
    for (const d of e.done)
      if (d.outcome === 'answered') {
        answeredCall = true;
        seen(d.at);
      }
  }
  const f: ScoreFacts = {
    leadSource: contact.leadSource,
    createdAt: contact.createdAt,
    replied,
    answeredCall,
    booked,
  };
  if (contact.custom) f.custom = contact.custom;
  if (last !== undefined) f.lastResponseAt = last;
  return f;
}

export * from './edit';
