/**
 * The weekly review's additions for cadences that react (issue #13): which rules fired and what
 * came of them, whether a text after an unanswered call draws more replies than no text, how the
 * week's new leads score per lead source, and what re-nurture brings back. Pure: the activity log
 * (time order not required) and the scores come in; loading them is someone else's job.
 */
import type { Activity, LeadSource } from '@/lib/cadence/types';
import { LEAD_SOURCES } from '@/lib/cadence/types';
import type { Priority } from '@/lib/scoring';

const HOUR = 3_600_000;
/** A text this soon after an unanswered call counts as "the no-answer text". */
export const NO_ANSWER_TEXT_WINDOW_MS = 24 * HOUR;
/** How long after an event a reply or booking still counts as what came of it. */
export const FOLLOW_WINDOW_MS = 7 * 24 * HOUR;

type Act = Pick<
  Activity,
  'kind' | 'at' | 'contactId' | 'enrolmentId' | 'channel' | 'purpose' | 'outcome' | 'rule'
>;

/** The person an activity concerns: the contact, else the bare enrolment (negated). */
function personOf(a: Act): number | undefined {
  if (a.contactId !== undefined) return a.contactId;
  if (a.enrolmentId !== undefined) return -1 - a.enrolmentId;
  return undefined;
}

const rate = (n: number, d: number) => (d === 0 ? 0 : n / d);

/** Per person, the times they replied and booked, sorted, for "did anything come after t". */
function responses(activities: readonly Act[]): {
  replies: Map<number, number[]>;
  bookings: Map<number, number[]>;
} {
  const replies = new Map<number, number[]>();
  const bookings = new Map<number, number[]>();
  for (const a of activities) {
    const m = a.kind === 'reply' ? replies : a.kind === 'booked' ? bookings : undefined;
    const p = personOf(a);
    if (!m || p === undefined) continue;
    const list = m.get(p);
    if (list) list.push(a.at);
    else m.set(p, [a.at]);
  }
  for (const list of [...replies.values(), ...bookings.values()]) list.sort((x, y) => x - y);
  return { replies, bookings };
}

/** Whether `times` holds one in (after, before]. */
function anyBetween(times: number[] | undefined, after: number, before: number): boolean {
  if (!times) return false;
  for (const t of times) if (t > after && t <= before) return true;
  return false;
}

export interface Outcome {
  /** How many events (fired rules, unanswered calls, re-engage touches) the row counts. */
  count: number;
  replied: number;
  booked: number;
  replyRate: number;
  bookRate: number;
}

function outcome(count: number, replied: number, booked: number): Outcome {
  return { count, replied, booked, replyRate: rate(replied, count), bookRate: rate(booked, count) };
}

export interface RuleOutcomeRow extends Outcome {
  rule: string;
}

/**
 * Rules that fired in [from, to), each with the replies and bookings of the same person within
 * `FOLLOW_WINDOW_MS` after it (and before `to`: later ones are not known yet). Most fired first.
 */
export function ruleOutcomes(input: {
  from: number;
  to: number;
  activities: readonly Act[];
}): RuleOutcomeRow[] {
  const { from, to } = input;
  const { replies, bookings } = responses(input.activities);
  const rows = new Map<string, { count: number; replied: number; booked: number }>();
  for (const a of input.activities) {
    if (a.kind !== 'rule-fired' || a.at < from || a.at >= to || !a.rule) continue;
    const p = personOf(a);
    const row = rows.get(a.rule) ?? { count: 0, replied: 0, booked: 0 };
    rows.set(a.rule, row);
    row.count++;
    if (p === undefined) continue;
    const until = Math.min(to, a.at + FOLLOW_WINDOW_MS);
    if (anyBetween(replies.get(p), a.at, until)) row.replied++;
    if (anyBetween(bookings.get(p), a.at, until)) row.booked++;
  }
  return [...rows.entries()]
    .map(([rule, r]) => ({ rule, ...outcome(r.count, r.replied, r.booked) }))
    .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
}

export interface NoAnswerComparison {
  /** Unanswered calls followed by a text to the same person within a day (before any reply). */
  texted: Outcome;
  /** Unanswered calls with no text after them. */
  notTexted: Outcome;
}

/**
 * Unanswered calls logged in [from, to), split by whether a text followed within
 * `NO_ANSWER_TEXT_WINDOW_MS` (seed 003's companion text), with the replies and bookings each
 * group drew within `FOLLOW_WINDOW_MS` (and before `to`). The same window for both groups, so a
 * call late in the week weighs the same either way.
 */
export function noAnswerComparison(input: {
  from: number;
  to: number;
  activities: readonly Act[];
}): NoAnswerComparison {
  const { from, to } = input;
  const { replies, bookings } = responses(input.activities);
  const texts = new Map<number, number[]>();
  for (const a of input.activities) {
    if (a.channel !== 'sms' || (a.kind !== 'touch-done' && a.kind !== 'sent-from-gmail')) continue;
    const p = personOf(a);
    if (p === undefined) continue;
    const list = texts.get(p);
    if (list) list.push(a.at);
    else texts.set(p, [a.at]);
  }
  const acc = { texted: [0, 0, 0], notTexted: [0, 0, 0] };
  for (const a of input.activities) {
    if (a.kind !== 'call-outcome' || a.outcome !== 'no-answer' || a.at < from || a.at >= to) continue;
    const p = personOf(a);
    if (p === undefined) continue;
    const until = Math.min(to, a.at + FOLLOW_WINDOW_MS);
    const textWindowEnd = Math.min(until, a.at + NO_ANSWER_TEXT_WINDOW_MS);
    // A text after they already replied is a conversation, not the no-answer text.
    const firstReply = (replies.get(p) ?? []).find((t) => t > a.at);
    const textedBy = Math.min(textWindowEnd, firstReply ?? Number.POSITIVE_INFINITY);
    const texted = (texts.get(p) ?? []).some((t) => t >= a.at && t <= textedBy);
    const row = texted ? acc.texted : acc.notTexted;
    row[0]!++;
    if (anyBetween(replies.get(p), a.at, until)) row[1]!++;
    if (anyBetween(bookings.get(p), a.at, until)) row[2]!++;
  }
  return {
    texted: outcome(acc.texted[0]!, acc.texted[1]!, acc.texted[2]!),
    notTexted: outcome(acc.notTexted[0]!, acc.notTexted[1]!, acc.notTexted[2]!),
  };
}

/** Re-engage touches done in [from, to) and the replies to them (before the next touch to that person). */
export function renurtureReplies(input: { from: number; to: number; activities: readonly Act[] }): Outcome {
  const { from, to } = input;
  const sorted = [...input.activities].sort((a, b) => a.at - b.at);
  const last = new Map<number, { renurture: boolean; inPeriod: boolean; answered: boolean }>();
  let count = 0;
  let replied = 0;
  let booked = 0;
  for (const a of sorted) {
    if (a.at >= to) break;
    const p = personOf(a);
    if (p === undefined) continue;
    if ((a.kind === 'touch-done' || a.kind === 'sent-from-gmail') && a.channel !== 'task') {
      const renurture = a.purpose === 're-engage';
      const inPeriod = a.at >= from;
      if (renurture && inPeriod) count++;
      last.set(p, { renurture, inPeriod, answered: false });
    } else if (a.kind === 'reply' || a.kind === 'booked') {
      const t = last.get(p);
      if (!t?.renurture || !t.inPeriod) continue;
      if (a.kind === 'reply' && !t.answered) {
        t.answered = true;
        replied++;
      }
      if (a.kind === 'booked') booked++;
    }
  }
  return outcome(count, replied, booked);
}

export interface ScoreDistributionRow {
  source: LeadSource;
  leads: number;
  high: number;
  medium: number;
  low: number;
  /** The middle score (the lower middle for an even count). */
  median: number;
}

/** The week's new leads per lead source: how many High / Medium / Low, and the median score. */
export function scoreDistribution(
  leads: readonly { source: LeadSource; score: number; priority: Priority }[],
): ScoreDistributionRow[] {
  const by = new Map<LeadSource, { scores: number[]; high: number; medium: number; low: number }>();
  for (const l of leads) {
    const row = by.get(l.source) ?? { scores: [], high: 0, medium: 0, low: 0 };
    by.set(l.source, row);
    row.scores.push(l.score);
    if (l.priority === 'High') row.high++;
    else if (l.priority === 'Medium') row.medium++;
    else row.low++;
  }
  return LEAD_SOURCES.filter((s) => by.has(s))
    .map((source) => {
      const r = by.get(source)!;
      const sorted = [...r.scores].sort((a, b) => a - b);
      return {
        source,
        leads: sorted.length,
        high: r.high,
        medium: r.medium,
        low: r.low,
        median: sorted[Math.floor((sorted.length - 1) / 2)]!,
      };
    })
    .sort((a, b) => b.median - a.median || b.leads - a.leads);
}
