import fc from 'fast-check';
import { expect, it } from 'vitest';
import { type Activity, type ActivityKind, CHANNELS, computeMetrics, type Enrolment } from '@/lib/cadence';

/**
 * The metrics tab reads only the activities of the two weeks it shows (lib/db/metrics-data.ts):
 * nothing logged before a period changes that period's figures. A reply to a touch from before
 * the period is credited to that touch, which the period never counts, exactly as if the touch
 * had not been read at all.
 */
const MIN = 60_000;
const from = 10_000 * MIN;
const to = from + 7 * 1440 * MIN;
const KINDS: ActivityKind[] = [
  'touch-done',
  'sent-from-gmail',
  'reply',
  'opted-out',
  'booked',
  'completed',
  'enrolled',
  'touch-skipped',
];

const activity = fc.record(
  {
    kind: fc.constantFrom(...KINDS),
    at: fc.integer({ min: from - 40 * 1440 * MIN, max: to + 1440 * MIN }),
    contactId: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    enrolmentId: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    step: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    channel: fc.option(fc.constantFrom(...CHANNELS), { nil: undefined }),
  },
  { requiredKeys: ['kind', 'at'] },
) as fc.Arbitrary<Activity>;

const enrolment = fc.record({
  id: fc.integer({ min: 1, max: 8 }),
  contactId: fc.integer({ min: 1, max: 6 }),
  source: fc.constantFrom('web-form', 'referral', 'google-lsa'),
  enrolledAt: fc.integer({ min: from - 20 * 1440 * MIN, max: to + 1440 * MIN }),
}) as fc.Arbitrary<Pick<Enrolment, 'id' | 'contactId' | 'source' | 'enrolledAt'>>;

it("a period's figures depend only on what was logged from its start on", () => {
  fc.assert(
    fc.property(
      fc.array(activity, { maxLength: 80 }),
      fc.uniqueArray(enrolment, { maxLength: 8, selector: (e) => e.id }),
      (acts, ens) => {
        // What happens to an enrolment happens after it started.
        const started = new Map(ens.map((e) => [e.id, e.enrolledAt]));
        const sorted = acts
          .map((a) => ({ ...a, at: Math.max(a.at, started.get(a.enrolmentId ?? -1) ?? a.at) }))
          .sort((a, b) => a.at - b.at);
        const all = computeMetrics({ from, to, activities: sorted, enrolments: ens });
        const window = computeMetrics({
          from,
          to,
          activities: sorted.filter((a) => a.at >= from && a.at < to),
          enrolments: ens.filter((e) => e.enrolledAt >= from && e.enrolledAt < to),
        });
        expect(window).toEqual(all);
      },
    ),
    { numRuns: 2000 },
  );
});
