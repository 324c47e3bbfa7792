// The weekly review's issue-#13 additions, as tables: activity logs in, figures out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Activity } from '@/lib/cadence/types';
import {
  FOLLOW_WINDOW_MS,
  noAnswerComparison,
  renurtureReplies,
  ruleOutcomes,
  scoreDistribution,
} from '@/lib/metrics/reactions';

const FROM = Date.parse('2026-03-02T05:00:00Z'); // Mon 00:00 New York
const TO = FROM + 7 * 86_400_000;
const H = 3_600_000;
const at = (hours: number) => FROM + hours * H;

const fired = (c: number, h: number, rule: string): Activity => ({
  kind: 'rule-fired',
  at: at(h),
  contactId: c,
  rule,
});
const reply = (c: number, h: number): Activity => ({ kind: 'reply', at: at(h), contactId: c });
const booked = (c: number, h: number): Activity => ({ kind: 'booked', at: at(h), contactId: c });
const noAnswer = (c: number, h: number): Activity => ({
  kind: 'call-outcome',
  at: at(h),
  contactId: c,
  channel: 'call',
  outcome: 'no-answer',
});
const done = (
  c: number,
  h: number,
  channel: Activity['channel'],
  purpose?: Activity['purpose'],
): Activity => ({
  kind: 'touch-done',
  at: at(h),
  contactId: c,
  channel,
  ...(purpose ? { purpose } : {}),
});

describe('ruleOutcomes', () => {
  it.each([
    ['nothing fired', [reply(1, 5)], []],
    [
      'fired, then a reply and a booking from the same person',
      [fired(1, 1, 'no-answer-text'), reply(1, 3), booked(1, 20)],
      [{ rule: 'no-answer-text', count: 1, replied: 1, booked: 1, replyRate: 1, bookRate: 1 }],
    ],
    [
      'a reply before the rule fired, or from someone else, does not count',
      [reply(1, 0), fired(1, 1, 'no-answer-text'), reply(2, 3)],
      [{ rule: 'no-answer-text', count: 1, replied: 0, booked: 0, replyRate: 0, bookRate: 0 }],
    ],
    [
      'two rules, most fired first; one person replying twice counts once per firing',
      [fired(1, 1, 'b'), fired(2, 2, 'a'), fired(3, 2, 'a'), reply(2, 4), reply(2, 5)],
      [
        { rule: 'a', count: 2, replied: 1, booked: 0, replyRate: 0.5, bookRate: 0 },
        { rule: 'b', count: 1, replied: 0, booked: 0, replyRate: 0, bookRate: 0 },
      ],
    ],
    [
      'fired outside the week: not counted; a reply after the week is not known yet',
      [fired(1, -2, 'a'), fired(2, 160, 'a'), reply(2, 170)],
      [{ rule: 'a', count: 1, replied: 0, booked: 0, replyRate: 0, bookRate: 0 }],
    ],
  ] as const)('%s', (_name, activities, expected) => {
    expect(ruleOutcomes({ from: FROM, to: TO, activities: [...activities] })).toEqual(expected);
  });

  it('a reply more than a week after the rule is not its outcome', () => {
    const long = { from: FROM, to: FROM + 30 * 86_400_000 };
    const acts = [fired(1, 1, 'a'), { ...reply(1, 0), at: at(1) + FOLLOW_WINDOW_MS + 1 }];
    expect(ruleOutcomes({ ...long, activities: acts })[0]?.replied).toBe(0);
  });
});

describe('noAnswerComparison: replies and bookings after a no-answer text vs after none', () => {
  it.each([
    ['no unanswered calls', [done(1, 1, 'email')], [0, 0, 0], [0, 0, 0]],
    [
      'texted within the day and replied; not texted and silent',
      [noAnswer(1, 1), done(1, 1.2, 'sms'), reply(1, 5), noAnswer(2, 2)],
      [1, 1, 0],
      [1, 0, 0],
    ],
    [
      'a text two days later is not the no-answer text; the reply still counts for "no text"',
      [noAnswer(1, 1), done(1, 49, 'sms'), reply(1, 50)],
      [0, 0, 0],
      [1, 1, 0],
    ],
    [
      'a text after they already replied is a conversation, not the no-answer text',
      [noAnswer(1, 1), reply(1, 2), done(1, 3, 'sms')],
      [0, 0, 0],
      [1, 1, 0],
    ],
    [
      'bookings count too; an answered call or voicemail is not in either group',
      [
        noAnswer(1, 1),
        done(1, 1.1, 'sms'),
        booked(1, 30),
        { ...noAnswer(2, 1), outcome: 'answered' },
        { ...noAnswer(3, 1), outcome: 'voicemail' },
      ],
      [1, 0, 1],
      [0, 0, 0],
    ],
  ] as const)('%s', (_name, activities, texted, none) => {
    const r = noAnswerComparison({ from: FROM, to: TO, activities: [...activities] });
    expect([r.texted.count, r.texted.replied, r.texted.booked]).toEqual(texted);
    expect([r.notTexted.count, r.notTexted.replied, r.notTexted.booked]).toEqual(none);
  });

  it('property: every unanswered call in the week is in exactly one group; rates within 0..1', () => {
    const act = fc.record({
      c: fc.integer({ min: 1, max: 4 }),
      h: fc.integer({ min: -48, max: 200 }),
      k: fc.constantFrom('na', 'sms', 'reply', 'booked', 'email'),
    });
    fc.assert(
      fc.property(fc.array(act, { maxLength: 40 }), (list) => {
        const acts = list.map(({ c, h, k }) =>
          k === 'na'
            ? noAnswer(c, h)
            : k === 'reply'
              ? reply(c, h)
              : k === 'booked'
                ? booked(c, h)
                : done(c, h, k === 'sms' ? 'sms' : 'email'),
        );
        const r = noAnswerComparison({ from: FROM, to: TO, activities: acts });
        const calls = list.filter((x) => x.k === 'na' && at(x.h) >= FROM && at(x.h) < TO).length;
        expect(r.texted.count + r.notTexted.count).toBe(calls);
        for (const o of [r.texted, r.notTexted]) {
          expect(o.replyRate).toBeGreaterThanOrEqual(0);
          expect(o.replyRate).toBeLessThanOrEqual(1);
          expect(o.bookRate).toBeLessThanOrEqual(1);
        }
        // Order of the log does not matter.
        expect(noAnswerComparison({ from: FROM, to: TO, activities: [...acts].reverse() })).toEqual(r);
      }),
    );
  });
});

describe('renurtureReplies', () => {
  it.each([
    ['no re-engage touch', [done(1, 1, 'email', 'follow-up'), reply(1, 2)], [0, 0, 0]],
    ['a re-engage email answered', [done(1, 1, 'email', 're-engage'), reply(1, 30), reply(1, 31)], [1, 1, 0]],
    [
      'answered a later touch instead',
      [done(1, 1, 'email', 're-engage'), done(1, 2, 'sms', 'follow-up'), reply(1, 3)],
      [1, 0, 0],
    ],
    [
      'sent last week, answered this week: last week’s figure',
      [done(1, -20, 'email', 're-engage'), reply(1, 5)],
      [0, 0, 0],
    ],
    [
      'two re-engaged, one booked',
      [done(1, 1, 'email', 're-engage'), done(2, 2, 'email', 're-engage'), booked(2, 9)],
      [2, 0, 1],
    ],
  ] as const)('%s', (_name, activities, expected) => {
    const r = renurtureReplies({ from: FROM, to: TO, activities: [...activities] });
    expect([r.count, r.replied, r.booked]).toEqual(expected);
  });
});

describe('scoreDistribution', () => {
  it('per lead source: High/Medium/Low and the median, best median first', () => {
    expect(
      scoreDistribution([
        { source: 'referral', score: 80, priority: 'High' },
        { source: 'referral', score: 50, priority: 'Medium' },
        { source: 'referral', score: 90, priority: 'High' },
        { source: 'web-form', score: 35, priority: 'Low' },
        { source: 'web-form', score: 45, priority: 'Medium' },
        { source: 'cold-outbound', score: 0, priority: 'Low' },
      ]),
    ).toEqual([
      { source: 'referral', leads: 3, high: 2, medium: 1, low: 0, median: 80 },
      { source: 'web-form', leads: 2, high: 0, medium: 1, low: 1, median: 35 },
      { source: 'cold-outbound', leads: 1, high: 0, medium: 0, low: 1, median: 0 },
    ]);
    expect(scoreDistribution([])).toEqual([]);
  });
});
