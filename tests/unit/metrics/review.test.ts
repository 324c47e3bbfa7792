import { describe, expect, it } from 'vitest';
import { type Activity, computeMetrics } from '@/lib/cadence';
import { buildWeeklyReview, delta, formatDuration, isEmptyWeek, percent } from '@/lib/metrics/review';

const D = 86_400_000;
const FROM = Date.parse('2026-03-02T05:00:00Z');
const TO = FROM + 7 * D;
const PREV = FROM - 7 * D;

describe('delta', () => {
  it('gives rates in percentage points and tones by direction', () => {
    expect(delta(0.3, 0.2, 'rate')).toEqual({ value: 10, text: '+10 pts', tone: 'good' });
    expect(delta(0.05, 0.02, 'rate', true)).toEqual({ value: 3, text: '+3 pts', tone: 'bad' });
    expect(delta(0.2, 0.2, 'rate')).toEqual({ value: 0, text: 'no change', tone: 'flat' });
    expect(delta(2, 5, 'count')).toEqual({ value: -3, text: '−3', tone: 'bad' });
    expect(delta(1.5, 4, 'minutes', true)).toEqual({ value: -2.5, text: '−2.5 min', tone: 'good' });
    expect(delta(null, 0.2, 'rate').tone).toBe('none');
    expect(delta(0.1, Number.NaN, 'rate').text).toBe('');
  });

  it('formats percents and durations', () => {
    expect(percent(0.25)).toBe('25 %');
    expect(percent(0.045)).toBe('4.5 %');
    expect(percent(0)).toBe('0 %');
    expect(percent(0.5, false)).toBe('–');
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(3 * 60_000)).toBe('3 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(28 * 3_600_000)).toBe('1 d 4 h');
  });
});

function touch(
  at: number,
  contactId: number,
  enrolmentId: number,
  step: number,
  channel: Activity['channel'],
) {
  return { kind: 'touch-done', at, contactId, enrolmentId, step, channel } as Activity;
}

describe('buildWeeklyReview', () => {
  const enrolments = [
    { id: 1, contactId: 1, source: 'web-form' as const, enrolledAt: FROM + D },
    { id: 2, contactId: 2, source: 'google-lsa' as const, enrolledAt: FROM + D },
    { id: 3, contactId: 3, source: 'web-form' as const, enrolledAt: PREV + D },
  ];
  const activities: Activity[] = [
    touch(PREV + D + 60_000, 3, 3, 1, 'sms'),
    { kind: 'reply', at: PREV + D + 120_000, contactId: 3, enrolmentId: 3 },
    touch(FROM + D + 2 * 60_000, 1, 1, 1, 'sms'),
    touch(FROM + D + 20 * 60_000, 2, 2, 1, 'sms'),
    { kind: 'reply', at: FROM + D + 3 * 60_000, contactId: 1, enrolmentId: 1 },
    touch(FROM + 2 * D, 2, 2, 2, 'email'),
    { kind: 'opted-out', at: FROM + 2 * D + 1, contactId: 2, enrolmentId: 2, channel: 'sms' },
    { kind: 'booked', at: FROM + 3 * D, contactId: 1, enrolmentId: 1 },
    { kind: 'completed', at: FROM + 4 * D, contactId: 2, enrolmentId: 2 },
  ];
  const cur = computeMetrics({ from: FROM, to: TO, activities, enrolments });
  const prev = computeMetrics({ from: PREV, to: FROM, activities, enrolments });
  const review = buildWeeklyReview(cur, prev);

  it('pairs each touch number and channel with the week before', () => {
    expect(review.empty).toBe(false);
    expect(review.byTouch).toEqual([
      { key: 1, sent: 2, responded: 1, rate: 0.5, prevSent: 1, prevRate: 1 },
      { key: 2, sent: 1, responded: 0, rate: 0, prevSent: 0, prevRate: 0 },
    ]);
    expect(review.byChannel.map((r) => [r.key, r.sent, r.rate, r.prevRate])).toEqual([
      ['email', 1, 0, 0],
      ['sms', 2, 0.5, 1],
    ]);
  });

  it('compares booked, opt-outs and first touch', () => {
    expect(review.booked).toMatchObject({ enrolled: 2, booked: 1, rate: 0.5 });
    expect(review.booked.delta).toEqual({ value: 50, text: '+50 pts', tone: 'good' });
    expect(review.optOut).toMatchObject({ recipients: 2, optedOut: 1, flag: true, threshold: 0.03 });
    expect(review.optOut.delta.tone).toBe('bad');
    expect(review.firstTouch).toMatchObject({
      touched: 2,
      withinFiveMinutes: 1,
      shareWithinFiveMinutes: 0.5,
    });
    expect(review.firstTouch.medianMs).toBe(11 * 60_000);
    expect(review.firstTouch.medianDelta.text).toBe('+10 min');
    expect(review.firstTouch.medianDelta.tone).toBe('bad');
  });

  it('ranks lead sources by the share that finished without a response', () => {
    expect(review.sources.map((s) => [s.source, s.enrolled, s.completedNoResponse, s.share])).toEqual([
      ['google-lsa', 1, 1, 1],
      ['web-form', 1, 0, 0],
    ]);
  });

  it('calls a week with no touches and no enrolments empty', () => {
    const empty = computeMetrics({ from: TO, to: TO + 7 * D, activities, enrolments });
    expect(isEmptyWeek(empty)).toBe(true);
    expect(buildWeeklyReview(empty, cur).empty).toBe(true);
  });
});
