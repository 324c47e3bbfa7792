/**
 * The weekly review as a rep reads it: this week's figures from `computeMetrics`, each set
 * against the week before. Pure.
 */
import {
  CHANNELS,
  type CadenceMetrics,
  type Channel,
  LEAD_SOURCES,
  type LeadSource,
  SMS_OPT_OUT_FLAG,
} from '@/lib/cadence';

/** Which way a figure moved, and whether that is good news. */
export interface Delta {
  /** this − previous (percentage points for rates); null when either side has no data. */
  value: number | null;
  /** "+12 pts", "−3", "no change", "" when there is nothing to compare. */
  text: string;
  /** 'good' / 'bad' for the rep, 'flat' for no change, 'none' when there is no comparison. */
  tone: 'good' | 'bad' | 'flat' | 'none';
}

export type DeltaKind = 'rate' | 'count' | 'minutes';

/**
 * Change from `prev` to `cur`. Rates are fractions (0.25) and the change is in percentage
 * points; `lowerIsBetter` flips the tone (opt-outs, time to first touch).
 */
export function delta(
  cur: number | null,
  prev: number | null,
  kind: DeltaKind,
  lowerIsBetter = false,
): Delta {
  if (cur === null || prev === null || !Number.isFinite(cur) || !Number.isFinite(prev)) {
    return { value: null, text: '', tone: 'none' };
  }
  const raw = kind === 'rate' ? (cur - prev) * 100 : cur - prev;
  const value = Math.round(raw * 10) / 10;
  if (value === 0) return { value: 0, text: 'no change', tone: 'flat' };
  const sign = value > 0 ? '+' : '−';
  const abs = Math.abs(value);
  const unit = kind === 'rate' ? ' pts' : kind === 'minutes' ? ' min' : '';
  const num = kind === 'count' ? String(abs) : abs.toFixed(abs >= 10 ? 0 : 1).replace(/\.0$/, '');
  const better = lowerIsBetter ? value < 0 : value > 0;
  return { value, text: `${sign}${num}${unit}`, tone: better ? 'good' : 'bad' };
}

/** "42 %" for a fraction; "–" when nothing was measured. */
export function percent(rate: number, measured = true): string {
  if (!measured || !Number.isFinite(rate)) return '–';
  const p = rate * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : Math.round(p * 10) / 10} %`;
}

/** "45 s", "3 min", "2 h 5 min", "3 d 4 h" for a duration in ms; "–" for null. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

export interface RateRow<K> {
  key: K;
  sent: number;
  responded: number;
  rate: number;
  prevSent: number;
  prevRate: number;
}

export interface SourceRow {
  source: LeadSource;
  enrolled: number;
  completedNoResponse: number;
  share: number;
  prevShare: number;
  prevEnrolled: number;
}

export interface WeeklyReview {
  /** Nothing sent and nobody enrolled this week: show a calm message, not empty charts. */
  empty: boolean;
  byTouch: RateRow<number>[];
  byChannel: RateRow<Channel>[];
  booked: CadenceMetrics['booked'] & { delta: Delta };
  optOut: CadenceMetrics['smsOptOut'] & { delta: Delta; threshold: number };
  firstTouch: CadenceMetrics['timeToFirstTouch'] & { medianDelta: Delta; shareDelta: Delta };
  sources: SourceRow[];
}

/** True when the week had neither touches nor new enrolments. */
export function isEmptyWeek(m: CadenceMetrics): boolean {
  return m.byTouchNumber.length === 0 && Object.keys(m.byChannel).length === 0 && m.booked.enrolled === 0;
}

/** Builds the review of `cur` against `prev` (the week before). */
export function buildWeeklyReview(cur: CadenceMetrics, prev: CadenceMetrics): WeeklyReview {
  const steps = [
    ...new Set([...cur.byTouchNumber.map((r) => r.step), ...prev.byTouchNumber.map((r) => r.step)]),
  ].sort((a, b) => a - b);
  const byTouch = steps.map((step) => {
    const c = cur.byTouchNumber.find((r) => r.step === step);
    const p = prev.byTouchNumber.find((r) => r.step === step);
    return {
      key: step,
      sent: c?.sent ?? 0,
      responded: c?.responded ?? 0,
      rate: c?.rate ?? 0,
      prevSent: p?.sent ?? 0,
      prevRate: p?.rate ?? 0,
    };
  });
  const byChannel = CHANNELS.filter((ch) => cur.byChannel[ch] || prev.byChannel[ch]).map((ch) => {
    const c = cur.byChannel[ch];
    const p = prev.byChannel[ch];
    return {
      key: ch,
      sent: c?.sent ?? 0,
      responded: c?.responded ?? 0,
      rate: c?.rate ?? 0,
      prevSent: p?.sent ?? 0,
      prevRate: p?.rate ?? 0,
    };
  });
  const sources = LEAD_SOURCES.filter((s) => cur.completedWithoutResponse[s]).map((source) => {
    const c = cur.completedWithoutResponse[source]!;
    const p = prev.completedWithoutResponse[source];
    return {
      source,
      enrolled: c.enrolled,
      completedNoResponse: c.completedNoResponse,
      share: c.share,
      prevShare: p?.share ?? 0,
      prevEnrolled: p?.enrolled ?? 0,
    };
  });
  sources.sort((a, b) => b.share - a.share || b.enrolled - a.enrolled);

  const rateOrNull = (rate: number, n: number) => (n > 0 ? rate : null);
  const ft = cur.timeToFirstTouch;
  const pft = prev.timeToFirstTouch;
  const toMin = (ms: number | null) => (ms === null ? null : ms / 60_000);
  return {
    empty: isEmptyWeek(cur),
    byTouch,
    byChannel,
    booked: {
      ...cur.booked,
      delta: delta(
        rateOrNull(cur.booked.rate, cur.booked.enrolled),
        rateOrNull(prev.booked.rate, prev.booked.enrolled),
        'rate',
      ),
    },
    optOut: {
      ...cur.smsOptOut,
      threshold: SMS_OPT_OUT_FLAG,
      delta: delta(
        rateOrNull(cur.smsOptOut.rate, cur.smsOptOut.recipients),
        rateOrNull(prev.smsOptOut.rate, prev.smsOptOut.recipients),
        'rate',
        true,
      ),
    },
    firstTouch: {
      ...ft,
      medianDelta: delta(toMin(ft.medianMs), toMin(pft.medianMs), 'minutes', true),
      shareDelta: delta(
        rateOrNull(ft.shareWithinFiveMinutes, ft.touched),
        rateOrNull(pft.shareWithinFiveMinutes, pft.touched),
        'rate',
      ),
    },
    sources,
  };
}
