/**
 * The weekly review rep by rep (team sync): the same figures as `computeMetrics`, each credited to
 * the rep who earned it, plus the team's totals. Pure, one pass like `computeMetrics`, with the
 * same rules, so the totals are the review's own figures:
 * - a touch counts for the rep who logged it; a reply for the rep whose touch it answers (the
 *   latest contact-facing touch to that person at or before it, whoever logged the reply);
 * - an enrolment, the meeting it booked and the wait for its first touch, for the rep who
 *   enrolled the lead;
 * - a texted person (and their opt-out) for the rep who texted them last in the week, so a lead
 *   two reps texted counts once.
 * Activities logged before team sync named the rep (or with sync off) go to an "unknown rep" row.
 */
import type { MetricsInput } from '@/lib/cadence/metrics';
import type { Activity, Channel } from '@/lib/cadence/types';
import { type Delta, delta } from './review';

/** A rep as activities name them. */
export interface RepRef {
  id: string;
  name: string;
}

/** An activity as team metrics read it: the engine's, plus who logged it (absent: unknown). */
export type RepActivity = Activity & { rep?: RepRef };

/** The additive figures of one rep (or the team). */
export interface RepFigures {
  /** Contact-facing touches done in the week. */
  sent: number;
  /** Of those, how many drew a reply. */
  replied: number;
  /** Leads enrolled in the week. */
  enrolled: number;
  /** Of those, how many booked a meeting before the week ended. */
  booked: number;
  /** People texted in the week. */
  texted: number;
  /** Of those, how many opted out in the week. */
  optedOut: number;
  /** Of the leads enrolled in the week, how many had their first touch (by anyone). */
  firstTouched: number;
  /** Of those, how many within five minutes of enrolling. */
  withinFiveMinutes: number;
}

export interface TeamRow extends RepFigures {
  /** Absent on the row of activities that name no rep (logged before team sync said who). */
  rep?: RepRef;
  replyRate: number;
  bookedRate: number;
  optOutRate: number;
  /** Median time from enrolling to the first touch, for the leads enrolled; null when none. */
  firstTouchMedianMs: number | null;
}

export interface TeamMetrics {
  from: number;
  to: number;
  /** Reps with anything in the week, busiest first; the unknown-rep row last. */
  rows: TeamRow[];
  total: TeamRow;
}

export const FIGURES: readonly (keyof RepFigures)[] = [
  'sent',
  'replied',
  'enrolled',
  'booked',
  'texted',
  'optedOut',
  'firstTouched',
  'withinFiveMinutes',
];

const FIVE_MINUTES = 5 * 60_000;

/** Median of ascending-sorted numbers; null when empty (as the weekly review computes it). */
function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const UNKNOWN = '';
const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);

function withRates(f: RepFigures, delays: number[], rep?: RepRef): TeamRow {
  const row: TeamRow = {
    ...f,
    replyRate: ratio(f.replied, f.sent),
    bookedRate: ratio(f.booked, f.enrolled),
    optOutRate: ratio(f.optedOut, f.texted),
    firstTouchMedianMs: median([...delays].sort((a, b) => a - b)),
  };
  if (rep) row.rep = rep;
  return row;
}

const zero = (): RepFigures => ({
  sent: 0,
  replied: 0,
  enrolled: 0,
  booked: 0,
  texted: 0,
  optedOut: 0,
  firstTouched: 0,
  withinFiveMinutes: 0,
});

/** Same person key as `computeMetrics`: the contact, else the bare enrolment (negated). */
function keyOf(a: Activity): number | undefined {
  if (a.contactId !== undefined) return a.contactId;
  if (a.enrolmentId !== undefined) return -1 - a.enrolmentId;
  return undefined;
}

interface LastTouch {
  rep: string;
  inPeriod: boolean;
  responded: boolean;
}

/** The week's figures per rep and for the team, over [from, to). */
export function computeTeamMetrics(
  input: Omit<MetricsInput, 'activities'> & { activities: readonly RepActivity[] },
): TeamMetrics {
  const { from, to } = input;
  const activities = [...input.activities].sort((a, b) => a.at - b.at);
  const figures = new Map<string, RepFigures>();
  const names = new Map<string, string>();
  const of = (rep: string) => {
    let f = figures.get(rep);
    if (!f) {
      f = zero();
      figures.set(rep, f);
    }
    return f;
  };
  const lastTouch = new Map<number, LastTouch>();
  const textedBy = new Map<number, string>();
  const optedOut = new Set<number>();
  const enrolledBy = new Map<number, string>();
  const booked = new Set<number>();
  const firstTouch = new Map<number, number>();
  const delays = new Map<string, number[]>();

  for (const a of activities) {
    if (a.at >= to) break;
    const rep = a.rep && typeof a.rep.id === 'string' && a.rep.id ? a.rep.id : UNKNOWN;
    if (rep !== UNKNOWN && typeof a.rep?.name === 'string') names.set(rep, a.rep.name);
    const inPeriod = a.at >= from;
    switch (a.kind) {
      case 'touch-done':
      case 'sent-from-gmail': {
        const channel: Channel | undefined = a.channel;
        if (channel === undefined || channel === 'task') break;
        // Whoever makes it: the lead's wait ends with the team's first touch.
        if (a.enrolmentId !== undefined && !firstTouch.has(a.enrolmentId))
          firstTouch.set(a.enrolmentId, a.at);
        const key = keyOf(a);
        if (key === undefined) break;
        lastTouch.set(key, { rep, inPeriod, responded: false });
        if (!inPeriod) break;
        of(rep).sent++;
        if (channel === 'sms') textedBy.set(key, rep);
        break;
      }
      case 'reply': {
        const key = keyOf(a);
        const t = key === undefined ? undefined : lastTouch.get(key);
        if (!t || t.responded) break;
        t.responded = true;
        if (t.inPeriod) of(t.rep).replied++;
        break;
      }
      case 'opted-out': {
        const key = keyOf(a);
        if (inPeriod && key !== undefined && (a.channel === undefined || a.channel === 'sms'))
          optedOut.add(key);
        break;
      }
      case 'enrolled':
        if (a.enrolmentId !== undefined && !enrolledBy.has(a.enrolmentId)) enrolledBy.set(a.enrolmentId, rep);
        break;
      case 'booked':
        if (a.enrolmentId !== undefined) booked.add(a.enrolmentId);
        break;
      default:
        break;
    }
  }

  for (const [key, rep] of textedBy) {
    const f = of(rep);
    f.texted++;
    if (optedOut.has(key)) f.optedOut++;
  }
  for (const e of input.enrolments) {
    if (e.enrolledAt < from || e.enrolledAt >= to) continue;
    const rep = e.id === undefined ? UNKNOWN : (enrolledBy.get(e.id) ?? UNKNOWN);
    const f = of(rep);
    f.enrolled++;
    if (e.id === undefined) continue;
    if (booked.has(e.id)) f.booked++;
    const first = firstTouch.get(e.id);
    if (first === undefined) continue;
    const delay = Math.max(0, first - e.enrolledAt);
    f.firstTouched++;
    if (delay <= FIVE_MINUTES) f.withinFiveMinutes++;
    const list = delays.get(rep) ?? [];
    list.push(delay);
    delays.set(rep, list);
  }

  const total = zero();
  const rows: TeamRow[] = [];
  for (const [rep, f] of figures) {
    for (const k of FIGURES) total[k] += f[k];
    const d = delays.get(rep) ?? [];
    rows.push(withRates(f, d, rep === UNKNOWN ? undefined : { id: rep, name: names.get(rep) ?? rep }));
  }
  rows.sort(busiestFirst);
  return { from, to, rows, total: withRates(total, [...delays.values()].flat()) };
}

/** Reps busiest first (sent, then new leads, then by name), the unknown-rep row last. */
function busiestFirst(x: TeamRow, y: TeamRow): number {
  return (
    Number(!x.rep) - Number(!y.rep) ||
    y.sent - x.sent ||
    y.enrolled - x.enrolled ||
    (x.rep?.name ?? '').localeCompare(y.rep?.name ?? '') ||
    (x.rep?.id ?? '').localeCompare(y.rep?.id ?? '')
  );
}

/** Each figure's change from the week before, as the weekly review reads its own. */
export interface TeamChange {
  sent: Delta;
  /** In percentage points; none when either week sent nothing. */
  replyRate: Delta;
  enrolled: Delta;
  bookedRate: Delta;
  /** In minutes, lower is better; none when either week had no first touch. */
  firstTouch: Delta;
  texted: Delta;
  /** Lower is better. */
  optOutRate: Delta;
}

export interface TeamReviewRow {
  /** This week's row (all zero for a rep busy only the week before). */
  row: TeamRow;
  /** The same rep's row the week before (all zero when they did nothing then). */
  prev: TeamRow;
  change: TeamChange;
}

export interface TeamReview {
  /** Every rep busy in either week, in this week's order; the unknown-rep row last. */
  rows: TeamReviewRow[];
  total: TeamReviewRow;
}

function changeOf(cur: TeamRow, prev: TeamRow): TeamChange {
  const rate = (r: number, n: number) => (n > 0 ? r : null);
  const minutes = (ms: number | null) => (ms === null ? null : ms / 60_000);
  // Nothing either week: nothing to compare (a "0" under every idle figure is noise).
  const count = (c: number, p: number) =>
    c === 0 && p === 0 ? delta(null, null, 'count') : delta(c, p, 'count');
  return {
    sent: count(cur.sent, prev.sent),
    replyRate: delta(rate(cur.replyRate, cur.sent), rate(prev.replyRate, prev.sent), 'rate'),
    enrolled: count(cur.enrolled, prev.enrolled),
    bookedRate: delta(rate(cur.bookedRate, cur.enrolled), rate(prev.bookedRate, prev.enrolled), 'rate'),
    firstTouch: delta(minutes(cur.firstTouchMedianMs), minutes(prev.firstTouchMedianMs), 'minutes', true),
    texted: count(cur.texted, prev.texted),
    optOutRate: delta(rate(cur.optOutRate, cur.texted), rate(prev.optOutRate, prev.texted), 'rate', true),
  };
}

/**
 * The Team view's week-on-week: each rep's week set against their own week before, and the
 * team's against the team's, with the same `delta` as the weekly review. A rep busy in only one
 * of the two weeks gets a zero row for the other, so the reps' count changes add up to the
 * team's (fast-check in tests/unit/metrics/team.test.ts).
 */
export function buildTeamReview(cur: TeamMetrics, prev: TeamMetrics): TeamReview {
  const key = (r: TeamRow) => r.rep?.id ?? UNKNOWN;
  const before = new Map(prev.rows.map((r) => [key(r), r]));
  const now = new Map(cur.rows.map((r) => [key(r), r]));
  const rows: TeamReviewRow[] = [];
  const empty = (rep?: RepRef) => withRates(zero(), [], rep);
  for (const r of cur.rows) {
    const p = before.get(key(r)) ?? empty(r.rep);
    rows.push({ row: r, prev: p, change: changeOf(r, p) });
  }
  for (const p of prev.rows) {
    if (now.has(key(p))) continue;
    const r = empty(p.rep);
    rows.push({ row: r, prev: p, change: changeOf(r, p) });
  }
  // This week's order; a rep idle this week sorts by last week's work among the idle ones.
  rows.sort((x, y) => busiestFirst(x.row, y.row) || busiestFirst(x.prev, y.prev));
  return { rows, total: { row: cur.total, prev: prev.total, change: changeOf(cur.total, prev.total) } };
}
