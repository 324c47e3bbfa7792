import { describe, expect, it } from 'vitest';
import { type Activity, computeMetrics, type Enrolment } from '@/lib/cadence';

const MIN = 60_000;
const from = 1_000 * MIN;
const to = 2_000 * MIN;

type E = Pick<Enrolment, 'id' | 'contactId' | 'source' | 'enrolledAt'>;
const enrolments: E[] = [
  { id: 1, contactId: 11, source: 'web-form', enrolledAt: from + 0 },
  { id: 2, contactId: 12, source: 'web-form', enrolledAt: from + 10 * MIN },
  { id: 3, contactId: 13, source: 'google-lsa', enrolledAt: from + 20 * MIN },
  { id: 4, contactId: 14, source: 'google-lsa', enrolledAt: from - 100 * MIN }, // before the period
];

const touch = (e: E, step: number, channel: Activity['channel'], at: number): Activity => ({
  kind: 'touch-done',
  at,
  enrolmentId: e.id,
  contactId: e.contactId,
  step,
  channel,
});
const [e1, e2, e3, e4] = enrolments as [E, E, E, E];

const activities: Activity[] = [
  // Enrolment 4 (older): its touch is before the period; its reply in the period is credited to
  // that old touch, which is outside the period's counts.
  touch(e4, 1, 'sms', from - 90 * MIN),
  { kind: 'reply', at: from + 1 * MIN, contactId: 14, enrolmentId: 4 },
  // Enrolment 1: sms at +2 min, email at +3, reply at +4 -> credited to the email (touch 2).
  touch(e1, 1, 'sms', from + 2 * MIN),
  touch(e1, 2, 'email', from + 3 * MIN),
  { kind: 'reply', at: from + 4 * MIN, contactId: 11 },
  { kind: 'reply', at: from + 5 * MIN, contactId: 11 }, // second reply: same touch, counted once
  { kind: 'booked', at: from + 6 * MIN, enrolmentId: 1, contactId: 11 },
  // Enrolment 2: first touch 20 min after enrolment (a task first, which does not count), never replies, completes.
  { kind: 'touch-done', at: from + 11 * MIN, enrolmentId: 2, contactId: 12, step: 1, channel: 'task' },
  touch(e2, 2, 'sms', from + 30 * MIN),
  touch(e2, 3, 'call', from + 40 * MIN),
  { kind: 'opted-out', at: from + 41 * MIN, enrolmentId: 2, contactId: 12, channel: 'sms' },
  { kind: 'completed', at: from + 50 * MIN, enrolmentId: 2, contactId: 12 },
  // Enrolment 3: sms within 1 min, replies, completes anyway (so not "without response").
  touch(e3, 1, 'sms', from + 21 * MIN),
  { kind: 'reply', at: from + 22 * MIN, contactId: 13 },
  { kind: 'completed', at: from + 60 * MIN, enrolmentId: 3, contactId: 13 },
  // After the period: ignored.
  touch(e3, 2, 'email', to + MIN),
  { kind: 'booked', at: to, enrolmentId: 3, contactId: 13 },
];

describe('computeMetrics', () => {
  const m = computeMetrics({ from, to, activities, enrolments });

  it('response rate by touch number', () => {
    expect(m.byTouchNumber).toEqual([
      { step: 1, sent: 2, responded: 1, rate: 0.5 },
      { step: 2, sent: 2, responded: 1, rate: 0.5 },
      { step: 3, sent: 1, responded: 0, rate: 0 },
    ]);
  });

  it('response rate by channel, crediting the latest touch before the reply', () => {
    expect(m.byChannel).toEqual({
      sms: { sent: 3, responded: 1, rate: 1 / 3 },
      email: { sent: 1, responded: 1, rate: 1 },
      call: { sent: 1, responded: 0, rate: 0 },
    });
  });

  it('conversion to booked among enrolments started in the period', () => {
    expect(m.booked).toEqual({ enrolled: 3, booked: 1, rate: 1 / 3 });
  });

  it('SMS opt-out rate with the 3 % flag', () => {
    expect(m.smsOptOut).toEqual({ recipients: 3, optedOut: 1, rate: 1 / 3, flag: true });
    const calm = computeMetrics({
      from,
      to,
      activities: activities.filter((a) => a.kind !== 'opted-out'),
      enrolments,
    });
    expect(calm.smsOptOut.flag).toBe(false);
  });

  it('time to first contact-facing touch', () => {
    // delays: e1 2 min, e2 20 min, e3 1 min -> median 2 min, 2 of 3 within 5 minutes.
    expect(m.timeToFirstTouch).toEqual({
      enrolled: 3,
      touched: 3,
      medianMs: 2 * MIN,
      withinFiveMinutes: 2,
      shareWithinFiveMinutes: 2 / 3,
    });
  });

  it('per lead source, completed with no response', () => {
    expect(m.completedWithoutResponse).toEqual({
      'web-form': { enrolled: 2, completedNoResponse: 1, share: 0.5 },
      'google-lsa': { enrolled: 1, completedNoResponse: 0, share: 0 },
    });
  });

  it('does not depend on input order', () => {
    const shuffled = [...activities].reverse();
    // Same-instant entries are none here, so any order gives the same figures.
    expect(computeMetrics({ from, to, activities: shuffled, enrolments })).toEqual(m);
  });

  it('handles an empty period', () => {
    const empty = computeMetrics({ from, to, activities: [], enrolments: [] });
    expect(empty.byTouchNumber).toEqual([]);
    expect(empty.timeToFirstTouch.medianMs).toBeNull();
    expect(empty.smsOptOut).toEqual({ recipients: 0, optedOut: 0, rate: 0, flag: false });
  });
});
