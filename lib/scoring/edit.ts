/**
 * What the scoring settings form needs beyond scoring itself: the stored settings of a rep who
 * never edited them, a copy of a message's settings with only the fields scoring knows, new rules
 * with unique ids, and conditions in a rep's words. Pure.
 */
import type { LeadSource } from '@/lib/cadence/types';
import { LEAD_SOURCE_LABELS } from '@/lib/labels';
import {
  CUSTOM_OPS,
  type CustomOp,
  DEFAULT_SCORING,
  type EngagementSignal,
  type ScoreCondition,
  type ScoreRule,
  type ScoringSettings,
} from './index';

/** The rep's scoring, or the built-in defaults when they never changed it. */
export function scoringOf(settings: { scoring?: ScoringSettings } | undefined): ScoringSettings {
  return settings?.scoring ?? DEFAULT_SCORING;
}

const pickNumber = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
const pickText = (v: unknown): string => (typeof v === 'string' ? v : '');

function cleanCondition(w: unknown): ScoreCondition {
  const c = (w && typeof w === 'object' ? w : {}) as Record<string, unknown>;
  if (c.kind === 'source')
    return {
      kind: 'source',
      sources: Array.isArray(c.sources)
        ? (c.sources.filter((s) => typeof s === 'string') as LeadSource[])
        : [],
    };
  if (c.kind === 'engagement') return { kind: 'engagement', signal: pickText(c.signal) as EngagementSignal };
  if (c.kind === 'custom') {
    const out: ScoreCondition = { kind: 'custom', field: pickText(c.field), op: pickText(c.op) as CustomOp };
    if (typeof c.value === 'string') out.value = c.value;
    return out;
  }
  // Unknown kinds stay unknown so validateScoring names them instead of something being guessed.
  return { kind: pickText(c.kind) } as unknown as ScoreCondition;
}

/**
 * Only the fields scoring knows, with wrong types turned into values validation refuses (NaN,
 * ''), so nothing else a message carries is stored and nothing malformed slips through as valid.
 */
export function cleanScoring(input: unknown): ScoringSettings {
  const s = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const rules = Array.isArray(s.rules) ? s.rules : [];
  return {
    base: pickNumber(s.base),
    decayPerDay: pickNumber(s.decayPerDay),
    maxDecay: pickNumber(s.maxDecay),
    high: pickNumber(s.high),
    medium: pickNumber(s.medium),
    notifyAt: pickNumber(s.notifyAt),
    rules: rules.map((raw) => {
      const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
      const rule: ScoreRule = {
        id: pickText(r.id),
        label: pickText(r.label).trim(),
        when: cleanCondition(r.when),
        points: pickNumber(r.points),
      };
      if (r.enabled === false) rule.enabled = false;
      return rule;
    }),
  };
}

/** A condition a new rule starts with, per kind. */
export function starterCondition(kind: ScoreCondition['kind']): ScoreCondition {
  if (kind === 'source') return { kind: 'source', sources: ['referral'] };
  if (kind === 'engagement') return { kind: 'engagement', signal: 'replied' };
  return { kind: 'custom', field: 'location', op: 'equals', value: '' };
}

const OP_WORDS: Record<CustomOp, string> = {
  'at-least': 'at least',
  'at-most': 'at most',
  equals: 'is',
  contains: 'contains',
  present: 'is filled in',
};

export const CUSTOM_OP_LABELS: Record<CustomOp, string> = OP_WORDS;
export const ENGAGEMENT_LABELS: Record<EngagementSignal, string> = {
  replied: 'replied',
  'answered-call': 'answered a call',
  booked: 'booked a meeting',
};

/** "referral or web form", "budget at least 10000", "replied": a label to start from. */
export function suggestLabel(c: ScoreCondition): string {
  if (c.kind === 'source')
    return (c.sources ?? []).map((s) => LEAD_SOURCE_LABELS[s] ?? s).join(' or ') || 'lead source';
  if (c.kind === 'engagement') return ENGAGEMENT_LABELS[c.signal] ?? 'engagement';
  if (c.kind === 'custom') {
    const op = CUSTOM_OPS.includes(c.op) ? OP_WORDS[c.op] : c.op;
    return [c.field.trim() || 'custom field', op, c.op === 'present' ? '' : (c.value ?? '').trim()]
      .filter(Boolean)
      .join(' ');
  }
  return 'rule';
}

/** A new enabled rule of `kind` with an id no other rule has. */
export function newScoreRule(kind: ScoreCondition['kind'], rules: readonly ScoreRule[]): ScoreRule {
  const ids = new Set(rules.map((r) => r.id));
  let n = rules.length + 1;
  while (ids.has(`rule-${n}`)) n++;
  const when = starterCondition(kind);
  return { id: `rule-${n}`, label: suggestLabel(when), when, points: 10 };
}
