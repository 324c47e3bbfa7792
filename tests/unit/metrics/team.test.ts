import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ActivityKind, CHANNELS, computeMetrics, type Enrolment } from '@/lib/cadence';
import { buildWeeklyReview } from '@/lib/metrics/review';
import {
  buildTeamReview,
  computeTeamMetrics,
  FIGURES,
  type RepActivity,
  type RepFigures,
} from '@/lib/metrics/team';

const MIN = 60_000;
const from = 10_000 * MIN;
const to = from + 7 * 1440 * MIN;
const ANA = { id: 'rep-ana', name: 'Ana' };
const BEN = { id: 'rep-ben', name: 'Ben' };
type En = Pick<Enrolment, 'id' | 'contactId' | 'source' | 'enrolledAt'>;

const figures = (r: RepFigures) => Object.fromEntries(FIGURES.map((k) => [k, r[k]]));

describe('computeTeamMetrics: who earned what', () => {
  it.each<{
    name: string;
    activities: RepActivity[];
    enrolments?: En[];
    want: Record<string, Partial<RepFigures>>;
  }>([
    {
      name: 'touches count for the rep who logged them; task touches and last week do not count',
      activities: [
        { kind: 'touch-done', at: from + MIN, contactId: 1, channel: 'email', step: 1, rep: ANA },
        { kind: 'touch-done', at: from + 2 * MIN, contactId: 2, channel: 'call', step: 1, rep: ANA },
        { kind: 'sent-from-gmail', at: from + 3 * MIN, contactId: 3, channel: 'email', rep: BEN },
        { kind: 'touch-done', at: from + 4 * MIN, contactId: 3, channel: 'task', step: 2, rep: BEN },
        { kind: 'touch-done', at: from - MIN, contactId: 4, channel: 'email', step: 1, rep: BEN },
      ],
      want: { Ana: { sent: 2 }, Ben: { sent: 1 } },
    },
    {
      name: 'a reply Ben logs to Ana’s touch is Ana’s reply, counted once',
      activities: [
        { kind: 'touch-done', at: from + MIN, contactId: 1, channel: 'email', step: 1, rep: ANA },
        { kind: 'reply', at: from + 5 * MIN, contactId: 1, rep: BEN },
        { kind: 'reply', at: from + 6 * MIN, contactId: 1, rep: BEN },
      ],
      want: { Ana: { sent: 1, replied: 1 } },
    },
    {
      name: 'a person texted by both reps counts once, for the last to text them, with the opt-out',
      activities: [
        { kind: 'touch-done', at: from + MIN, contactId: 1, channel: 'sms', step: 1, rep: ANA },
        { kind: 'touch-done', at: from + 2 * MIN, contactId: 1, channel: 'sms', step: 2, rep: BEN },
        { kind: 'opted-out', at: from + 3 * MIN, contactId: 1, rep: ANA },
      ],
      want: { Ana: { sent: 1, texted: 0 }, Ben: { sent: 1, texted: 1, optedOut: 1 } },
    },
    {
      name: 'an enrolment and its booking belong to the rep who enrolled the lead',
      activities: [
        { kind: 'enrolled', at: from + MIN, contactId: 1, enrolmentId: 7, rep: BEN },
        { kind: 'booked', at: from + 9 * MIN, contactId: 1, enrolmentId: 7, rep: ANA },
        { kind: 'enrolled', at: from + 2 * MIN, contactId: 2, enrolmentId: 8, rep: ANA },
      ],
      enrolments: [
        { id: 7, contactId: 1, source: 'web-form', enrolledAt: from + MIN },
        { id: 8, contactId: 2, source: 'web-form', enrolledAt: from + 2 * MIN },
      ],
      want: { Ana: { enrolled: 1, booked: 0 }, Ben: { enrolled: 1, booked: 1 } },
    },
    {
      name: 'the wait for a first touch is the enrolling rep’s, whoever touched the lead first',
      activities: [
        { kind: 'enrolled', at: from + MIN, contactId: 1, enrolmentId: 7, rep: BEN },
        {
          kind: 'touch-done',
          at: from + 3 * MIN,
          contactId: 1,
          enrolmentId: 7,
          channel: 'call',
          step: 1,
          rep: ANA,
        },
        { kind: 'enrolled', at: from + 2 * MIN, contactId: 2, enrolmentId: 8, rep: BEN },
        {
          kind: 'touch-done',
          at: from + 62 * MIN,
          contactId: 2,
          enrolmentId: 8,
          channel: 'email',
          step: 1,
          rep: BEN,
        },
      ],
      enrolments: [
        { id: 7, contactId: 1, source: 'web-form', enrolledAt: from + MIN },
        { id: 8, contactId: 2, source: 'web-form', enrolledAt: from + 2 * MIN },
      ],
      want: {
        Ben: { sent: 1, enrolled: 2, firstTouched: 2, withinFiveMinutes: 1 },
        Ana: { sent: 1, firstTouched: 0 },
      },
    },
    {
      name: 'activities from before team sync named the rep go to the unknown rep, listed last',
      activities: [
        { kind: 'touch-done', at: from + MIN, contactId: 1, channel: 'email', step: 1 },
        { kind: 'touch-done', at: from + 2 * MIN, contactId: 2, channel: 'email', step: 1 },
        { kind: 'touch-done', at: from + 3 * MIN, contactId: 3, channel: 'email', step: 1, rep: ANA },
      ],
      want: { Ana: { sent: 1 }, '?': { sent: 2 } },
    },
  ])('$name', ({ activities, enrolments = [], want }) => {
    const m = computeTeamMetrics({ from, to, activities, enrolments });
    const got = Object.fromEntries(m.rows.map((r) => [r.rep?.name ?? '?', figures(r)]));
    // Busiest first, then by name; the unknown rep last.
    expect(Object.keys(got)).toEqual(Object.keys(want));
    for (const [name, f] of Object.entries(want)) expect(got[name]).toMatchObject(f);
  });

  it('rates per row and for the team; an empty week has no rows and zero totals', () => {
    const m = computeTeamMetrics({
      from,
      to,
      activities: [
        { kind: 'touch-done', at: from + MIN, contactId: 1, channel: 'email', step: 1, rep: ANA },
        { kind: 'touch-done', at: from + 2 * MIN, contactId: 2, channel: 'email', step: 1, rep: ANA },
        { kind: 'reply', at: from + 3 * MIN, contactId: 2 },
      ],
      enrolments: [],
    });
    expect(m.rows[0]).toMatchObject({ rep: ANA, sent: 2, replied: 1, replyRate: 0.5, bookedRate: 0 });
    expect(m.total.replyRate).toBe(0.5);
    const empty = computeTeamMetrics({ from, to, activities: [], enrolments: [] });
    expect(empty.rows).toEqual([]);
    expect(figures(empty.total)).toEqual(Object.fromEntries(FIGURES.map((k) => [k, 0])));
  });
});

const KINDS: ActivityKind[] = [
  'touch-done',
  'sent-from-gmail',
  'reply',
  'opted-out',
  'booked',
  'completed',
  'enrolled',
];
const REPS = [ANA, BEN, { id: 'rep-cy', name: 'Cy' }, undefined];
const activity = fc.record(
  {
    kind: fc.constantFrom(...KINDS),
    at: fc.integer({ min: from - 10 * 1440 * MIN, max: to + 1440 * MIN }),
    contactId: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    enrolmentId: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    step: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    channel: fc.option(fc.constantFrom(...CHANNELS), { nil: undefined }),
    rep: fc.constantFrom(...REPS),
  },
  { requiredKeys: ['kind', 'at'] },
) as fc.Arbitrary<RepActivity>;
const enrolment = fc.record({
  id: fc.integer({ min: 1, max: 8 }),
  contactId: fc.integer({ min: 1, max: 6 }),
  source: fc.constantFrom('web-form', 'referral'),
  enrolledAt: fc.integer({ min: from - 5 * 1440 * MIN, max: to + 1440 * MIN }),
}) as fc.Arbitrary<En>;

describe('computeTeamMetrics: the rows add up', () => {
  it('the per-rep rows sum to the team total, and the total is the weekly review’s own figures', () => {
    fc.assert(
      fc.property(
        fc.array(activity, { maxLength: 60 }),
        fc.uniqueArray(enrolment, { maxLength: 8, selector: (e) => e.id }),
        (activities, enrolments) => {
          const m = computeTeamMetrics({ from, to, activities, enrolments });
          for (const k of FIGURES) expect(m.rows.reduce((n, r) => n + r[k], 0)).toBe(m.total[k]);
          const review = computeMetrics({ from, to, activities, enrolments });
          const cells = Object.values(review.byChannel);
          expect(m.total.sent).toBe(cells.reduce((n, c) => n + c.sent, 0));
          expect(m.total.replied).toBe(cells.reduce((n, c) => n + c.responded, 0));
          expect([m.total.enrolled, m.total.booked]).toEqual([review.booked.enrolled, review.booked.booked]);
          expect([m.total.firstTouched, m.total.withinFiveMinutes, m.total.firstTouchMedianMs]).toEqual([
            review.timeToFirstTouch.touched,
            review.timeToFirstTouch.withinFiveMinutes,
            review.timeToFirstTouch.medianMs,
          ]);
          expect([m.total.texted, m.total.optedOut]).toEqual([
            review.smsOptOut.recipients,
            review.smsOptOut.optedOut,
          ]);
          // One row per rep, never two.
          const ids = m.rows.map((r) => r.rep?.id ?? '');
          expect(new Set(ids).size).toBe(ids.length);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

const prevFrom = from - 7 * 1440 * MIN;
const weeks = (activities: RepActivity[], enrolments: En[] = []) =>
  buildTeamReview(
    computeTeamMetrics({ from, to, activities, enrolments }),
    computeTeamMetrics({ from: prevFrom, to: from, activities, enrolments }),
  );

describe('buildTeamReview: week on week, rep by rep', () => {
  it('sets each rep against their own week before; a rep idle this week keeps a zero row', () => {
    const review = weeks([
      { kind: 'touch-done', at: prevFrom + MIN, contactId: 1, channel: 'email', step: 1, rep: ANA },
      { kind: 'touch-done', at: prevFrom + 2 * MIN, contactId: 2, channel: 'email', step: 1, rep: ANA },
      { kind: 'reply', at: prevFrom + 3 * MIN, contactId: 2 },
      { kind: 'touch-done', at: prevFrom + 4 * MIN, contactId: 3, channel: 'sms', step: 1, rep: BEN },
      { kind: 'touch-done', at: from + MIN, contactId: 4, channel: 'email', step: 1, rep: ANA },
      { kind: 'touch-done', at: from + 2 * MIN, contactId: 5, channel: 'email', step: 1, rep: ANA },
      { kind: 'touch-done', at: from + 3 * MIN, contactId: 6, channel: 'email', step: 1, rep: ANA },
      { kind: 'reply', at: from + 4 * MIN, contactId: 6 },
      { kind: 'reply', at: from + 5 * MIN, contactId: 5 },
    ]);
    expect(review.rows.map((r) => r.row.rep?.name)).toEqual(['Ana', 'Ben']);
    const [ana, ben] = review.rows;
    expect(ana?.change.sent).toMatchObject({ value: 1, tone: 'good' });
    // 2 of 3 this week against 1 of 2: +16.7 points.
    expect(ana?.change.replyRate).toMatchObject({ value: 16.7, tone: 'good' });
    expect(ben?.row.sent).toBe(0);
    expect(ben?.change.sent).toMatchObject({ value: -1, tone: 'bad' });
    // Nothing sent this week: no rate to compare.
    expect(ben?.change.replyRate.tone).toBe('none');
    expect(review.total.change.sent).toMatchObject({ value: 0, tone: 'flat' });
  });

  it('a slower first touch and a higher opt-out rate are bad news', () => {
    const review = weeks(
      [
        {
          kind: 'touch-done',
          at: prevFrom + 2 * MIN,
          contactId: 1,
          enrolmentId: 1,
          channel: 'sms',
          step: 1,
          rep: ANA,
        },
        {
          kind: 'touch-done',
          at: from + 11 * MIN,
          contactId: 2,
          enrolmentId: 2,
          channel: 'sms',
          step: 1,
          rep: ANA,
        },
        { kind: 'opted-out', at: from + 12 * MIN, contactId: 2, rep: ANA },
      ],
      [
        { id: 1, contactId: 1, source: 'web-form', enrolledAt: prevFrom + MIN },
        { id: 2, contactId: 2, source: 'web-form', enrolledAt: from + MIN },
      ],
    );
    // No 'enrolled' activity names who enrolled them: the waits are the unknown rep's, listed last.
    const unknown = review.rows.at(-1);
    expect(unknown?.row.rep).toBeUndefined();
    expect(unknown?.change.firstTouch).toMatchObject({ value: 9, tone: 'bad' });
    const ana = review.rows.find((r) => r.row.rep?.id === ANA.id);
    expect(ana?.change.optOutRate).toMatchObject({ value: 100, tone: 'bad' });
  });

  it('the reps’ changes add up to the team’s, and the team’s is the weekly review’s own', () => {
    fc.assert(
      fc.property(
        fc.array(
          activity.map((a) => ({ ...a, at: a.at - 7 * 1440 * MIN })),
          { maxLength: 40 },
        ),
        fc.array(activity, { maxLength: 40 }),
        fc.uniqueArray(enrolment, { maxLength: 8, selector: (e) => e.id }),
        (earlier, later, enrolments) => {
          const activities = [...earlier, ...later];
          const review = weeks(activities, enrolments);
          const sum = (pick: (r: (typeof review.rows)[number]) => number) =>
            review.rows.reduce((n, r) => n + pick(r), 0);
          for (const k of ['sent', 'enrolled', 'texted'] as const)
            expect(sum((r) => r.change[k].value ?? 0)).toBe(review.total.change[k].value ?? 0);
          for (const k of FIGURES) {
            expect(sum((r) => r.row[k])).toBe(review.total.row[k]);
            expect(sum((r) => r.prev[k])).toBe(review.total.prev[k]);
          }
          const ids = review.rows.map((r) => r.row.rep?.id ?? '');
          expect(new Set(ids).size).toBe(ids.length);
          // The team's rate changes are the personal review's (same delta, same weeks).
          const own = buildWeeklyReview(
            computeMetrics({ from, to, activities, enrolments }),
            computeMetrics({ from: prevFrom, to: from, activities, enrolments }),
          );
          expect(review.total.change.bookedRate.value).toBe(own.booked.delta.value);
          expect(review.total.change.optOutRate.value).toBe(own.optOut.delta.value);
          expect(review.total.change.firstTouch.value).toBe(own.firstTouch.medianDelta.value);
        },
      ),
      { numRuns: 500 },
    );
  });
});
