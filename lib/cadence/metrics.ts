import type { Activity, Channel, Enrolment, LeadSource } from './types';

/** Touches sent and how many of them drew a reply. `rate` is 0 when nothing was sent. */
export interface ResponseCell {
  sent: number;
  responded: number;
  rate: number;
}

export interface CadenceMetrics {
  from: number;
  to: number;
  /** By 1-based step number, ascending. */
  byTouchNumber: ({ step: number } & ResponseCell)[];
  /** Contact-facing channels that had touches in the period. */
  byChannel: Partial<Record<Channel, ResponseCell>>;
  /** Of the enrolments started in the period, how many reached a booked meeting before `to`. */
  booked: { enrolled: number; booked: number; rate: number };
  /** Of the contacts texted in the period, how many opted out in it. Flag above 3 % (seed 000). */
  smsOptOut: { recipients: number; optedOut: number; rate: number; flag: boolean };
  /** From enrolment to the first contact-facing touch, for enrolments started in the period. */
  timeToFirstTouch: {
    enrolled: number;
    touched: number;
    medianMs: number | null;
    withinFiveMinutes: number;
    shareWithinFiveMinutes: number;
  };
  /** Per lead source: enrolments started in the period that completed with no reply before `to`. */
  completedWithoutResponse: Partial<
    Record<LeadSource, { enrolled: number; completedNoResponse: number; share: number }>
  >;
}

/** The SMS opt-out rate above which the metrics raise a flag. */
export const SMS_OPT_OUT_FLAG = 0.03;
const FIVE_MINUTES = 5 * 60_000;

export interface MetricsInput {
  /** Period start (inclusive), epoch ms. */
  from: number;
  /** Period end (exclusive), epoch ms. */
  to: number;
  /** The activity log; earlier entries matter (a reply in the period may answer an older touch). */
  activities: readonly Activity[];
  enrolments: readonly Pick<Enrolment, 'id' | 'contactId' | 'source' | 'enrolledAt'>[];
}

const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);

interface LastTouch {
  step: number;
  channel: Channel;
  inPeriod: boolean;
  responded: boolean;
}

/**
 * The person a touch or reply concerns (replies come from a person, not an enrolment). Numeric
 * keys keep the hot loop free of string building: contacts as is, bare enrolments negated.
 */
function keyOf(a: Activity): number | undefined {
  if (a.contactId !== undefined) return a.contactId;
  if (a.enrolmentId !== undefined) return -1 - a.enrolmentId;
  return undefined;
}

function sortedByTime(activities: readonly Activity[]): readonly Activity[] {
  for (let i = 1; i < activities.length; i++) {
    if (activities[i]!.at < activities[i - 1]!.at) {
      // Array.prototype.sort is stable, so same-instant entries keep their logged order.
      return [...activities].sort((a, b) => a.at - b.at);
    }
  }
  return activities;
}

/**
 * The weekly review figures of seed 000 over [from, to). One pass over the activities (plus a
 * sort when they are not already in time order). A reply is credited to the latest
 * contact-facing touch to the same contact at or before it; a touch counts as responded once.
 */
export function computeMetrics(input: MetricsInput): CadenceMetrics {
  const { from, to } = input;
  const activities = sortedByTime(input.activities);

  const sentByStep = new Map<number, number>();
  const respondedByStep = new Map<number, number>();
  const byChannel: Partial<Record<Channel, ResponseCell>> = {};
  const lastTouch = new Map<number, LastTouch>();
  const smsRecipients = new Set<number>();
  const smsOptOuts = new Set<number>();
  const bookedEnrolments = new Set<number>();
  const completedEnrolments = new Set<number>();
  const repliedEnrolments = new Set<number>();
  const latestReplyByContact = new Map<number, number>();
  const firstTouchByEnrolment = new Map<number, number>();

  for (const a of activities) {
    if (a.at >= to) break;
    const inPeriod = a.at >= from;
    switch (a.kind) {
      case 'touch-done':
      case 'sent-from-gmail': {
        if (a.channel === undefined || a.channel === 'task') break;
        const key = keyOf(a);
        if (a.enrolmentId !== undefined && !firstTouchByEnrolment.has(a.enrolmentId)) {
          firstTouchByEnrolment.set(a.enrolmentId, a.at);
        }
        if (key === undefined) break;
        const step = a.step ?? 0;
        lastTouch.set(key, { step, channel: a.channel, inPeriod, responded: false });
        if (!inPeriod) break;
        if (step >= 1) sentByStep.set(step, (sentByStep.get(step) ?? 0) + 1);
        let cell = byChannel[a.channel];
        if (!cell) {
          cell = { sent: 0, responded: 0, rate: 0 };
          byChannel[a.channel] = cell;
        }
        cell.sent++;
        if (a.channel === 'sms') smsRecipients.add(key);
        break;
      }
      case 'reply': {
        if (a.enrolmentId !== undefined) repliedEnrolments.add(a.enrolmentId);
        if (a.contactId !== undefined) latestReplyByContact.set(a.contactId, a.at);
        const key = keyOf(a);
        const t = key === undefined ? undefined : lastTouch.get(key);
        if (!t || t.responded) break;
        t.responded = true;
        if (!t.inPeriod) break;
        if (t.step >= 1) respondedByStep.set(t.step, (respondedByStep.get(t.step) ?? 0) + 1);
        const cell = byChannel[t.channel];
        if (cell) cell.responded++;
        break;
      }
      case 'opted-out': {
        const key = keyOf(a);
        if (inPeriod && key !== undefined && (a.channel === undefined || a.channel === 'sms'))
          smsOptOuts.add(key);
        break;
      }
      case 'booked':
        if (a.enrolmentId !== undefined) bookedEnrolments.add(a.enrolmentId);
        break;
      case 'completed':
        if (a.enrolmentId !== undefined) completedEnrolments.add(a.enrolmentId);
        break;
      default:
        break;
    }
  }

  const byTouchNumber = [...sentByStep.keys()]
    .sort((a, b) => a - b)
    .map((step) => {
      const sent = sentByStep.get(step) ?? 0;
      const responded = respondedByStep.get(step) ?? 0;
      return { step, sent, responded, rate: ratio(responded, sent) };
    });
  for (const cell of Object.values(byChannel)) cell.rate = ratio(cell.responded, cell.sent);

  let optedOut = 0;
  for (const k of smsOptOuts) if (smsRecipients.has(k)) optedOut++;
  const optRate = ratio(optedOut, smsRecipients.size);

  let enrolled = 0;
  let booked = 0;
  const delays: number[] = [];
  const perSource: CadenceMetrics['completedWithoutResponse'] = {};
  for (const e of input.enrolments) {
    if (e.enrolledAt < from || e.enrolledAt >= to) continue;
    enrolled++;
    let src = perSource[e.source];
    if (!src) {
      src = { enrolled: 0, completedNoResponse: 0, share: 0 };
      perSource[e.source] = src;
    }
    src.enrolled++;
    if (e.id === undefined) continue;
    if (bookedEnrolments.has(e.id)) booked++;
    const first = firstTouchByEnrolment.get(e.id);
    if (first !== undefined) delays.push(Math.max(0, first - e.enrolledAt));
    const replied =
      repliedEnrolments.has(e.id) ||
      (latestReplyByContact.get(e.contactId) ?? Number.NEGATIVE_INFINITY) >= e.enrolledAt;
    if (completedEnrolments.has(e.id) && !replied) src.completedNoResponse++;
  }
  for (const s of Object.values(perSource)) s.share = ratio(s.completedNoResponse, s.enrolled);

  delays.sort((a, b) => a - b);
  const within = delays.filter((d) => d <= FIVE_MINUTES).length;

  return {
    from,
    to,
    byTouchNumber,
    byChannel,
    booked: { enrolled, booked, rate: ratio(booked, enrolled) },
    smsOptOut: {
      recipients: smsRecipients.size,
      optedOut,
      rate: optRate,
      flag: optRate > SMS_OPT_OUT_FLAG,
    },
    timeToFirstTouch: {
      enrolled,
      touched: delays.length,
      medianMs: median(delays),
      withinFiveMinutes: within,
      shareWithinFiveMinutes: ratio(within, delays.length),
    },
    completedWithoutResponse: perSource,
  };
}

/** Median of ascending-sorted numbers; null when empty. */
function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
