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
  rows.sort(
    (x, y) =>
      Number(!x.rep) - Number(!y.rep) ||
      y.sent - x.sent ||
      y.enrolled - x.enrolled ||
      (x.rep?.name ?? '').localeCompare(y.rep?.name ?? '') ||
      (x.rep?.id ?? '').localeCompare(y.rep?.id ?? ''),
  );
  return { from, to, rows, total: withRates(total, [...delays.values()].flat()) };
}
