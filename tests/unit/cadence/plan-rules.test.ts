import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  adjustForSource,
  BUILT_IN_PLAYBOOKS,
  CadenceError,
  type CadenceStep,
  getBuiltInPlaybook,
  isOverdue,
  type LeadSource,
  planTouches,
} from '@/lib/cadence';

const NY = 'America/New_York';
const fmt = (d: Date, tz = NY) => format(new TZDate(d.getTime(), tz), 'EEE yyyy-MM-dd HH:mm');
const at = (y: number, mo: number, d: number, h: number, mi: number, tz = NY) =>
  new Date(new TZDate(y, mo - 1, d, h, mi, tz).getTime());
const sms: CadenceStep = { channel: 'sms', day: 0, purpose: 'acknowledge' };

describe('planTouches input errors', () => {
  const base = { steps: [sms], enrolledAt: at(2026, 3, 3, 10, 0), timeZone: NY };
  const cases: [string, object, RegExp][] = [
    ['unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, /time zone/i],
    ['empty time zone', { timeZone: '' }, /time zone/i],
    ['window with no days', { window: { days: [], start: '08:00', end: '20:00' } }, /no days/],
    ['window day out of range', { window: { days: [7], start: '08:00', end: '20:00' } }, /weekday/],
    ['end equal to start', { window: { days: [1], start: '09:00', end: '09:00' } }, /not after/],
    ['end before start', { window: { days: [1], start: '18:00', end: '09:00' } }, /not after/],
    ['malformed start', { window: { days: [1], start: '9:00', end: '17:00' } }, /Malformed time/],
    ['hour 25', { window: { days: [1], start: '08:00', end: '25:00' } }, /Malformed time/],
    ['minute 60', { window: { days: [1], start: '08:60', end: '17:00' } }, /Malformed time/],
    ['24:00 as a start', { window: { days: [1], start: '24:00', end: '24:00' } }, /Malformed time/],
    ['invalid enrolledAt', { enrolledAt: new Date(Number.NaN) }, /not a valid date/],
    ['negative day', { steps: [{ ...sms, day: -1 }] }, /day must be/],
    ['fractional day', { steps: [{ ...sms, day: 1.5 }] }, /day must be/],
    ['unknown channel', { steps: [{ ...sms, channel: 'fax' }] }, /unknown channel/],
    ['bad withinMinutes', { steps: [{ ...sms, withinMinutes: 0 }] }, /withinMinutes/],
    [
      'too many completed',
      {
        completed: [
          { channel: 'sms', at: new Date(0) },
          { channel: 'sms', at: new Date(0) },
        ],
      },
      /completed/,
    ],
  ];
  for (const [name, patch, msg] of cases) {
    it(`rejects ${name}`, () => {
      const run = () => planTouches({ ...base, ...patch } as Parameters<typeof planTouches>[0]);
      expect(run).toThrow(CadenceError);
      expect(run).toThrow(msg);
    });
  }

  it('accepts 24:00 as a window end', () => {
    const plan = planTouches({
      ...base,
      enrolledAt: at(2026, 3, 3, 23, 30),
      window: { days: [2], start: '22:00', end: '24:00' },
    });
    expect(fmt(plan[0]!.dueAt)).toBe('Tue 2026-03-03 23:30');
  });

  it('rejects an unknown lead source', () => {
    expect(() => adjustForSource([sms], 'carrier-pigeon' as LeadSource)).toThrow(CadenceError);
    expect(() => adjustForSource([sms], 'carrier-pigeon' as LeadSource)).toThrow(/Unknown lead source/);
  });
});

describe('planTouches wall-clock details', () => {
  it('moves a window start inside the spring-forward gap forward by the gap', () => {
    // Sun 2026-03-08 02:30 does not exist in New York.
    const plan = planTouches({
      steps: [sms],
      enrolledAt: at(2026, 3, 7, 21, 0),
      timeZone: NY,
      window: { days: [0, 1, 2, 3, 4, 5, 6], start: '02:30', end: '20:00' },
    });
    expect(fmt(plan[0]!.dueAt)).toBe('Sun 2026-03-08 03:30');
  });

  it('keeps the local time across DST when adding days (23 h and 25 h days)', () => {
    const steps: CadenceStep[] = [
      { channel: 'email', day: 0, purpose: 'confirm' },
      { channel: 'linkedin', day: 1, purpose: 'linkedin-connect' },
    ];
    const spring = planTouches({ steps, enrolledAt: at(2026, 3, 7, 10, 0), timeZone: NY });
    expect(spring[1]!.dueAt.getTime() - spring[0]!.dueAt.getTime()).toBe(23 * 3_600_000);
    const fall = planTouches({ steps, enrolledAt: at(2026, 10, 31, 10, 0), timeZone: NY });
    expect(fall[1]!.dueAt.getTime() - fall[0]!.dueAt.getTime()).toBe(25 * 3_600_000);
    expect(fmt(fall[1]!.dueAt)).toBe('Sun 2026-11-01 10:00');
  });

  it('in the fall-back hour, "start the same day" never moves a touch earlier', () => {
    // 01:20 EST (the second 01:20) on Sun 2026-11-01; the window opens at 01:45.
    const secondPass = new Date(Date.parse('2026-11-01T06:20:00Z'));
    const plan = planTouches({
      steps: [sms],
      enrolledAt: secondPass,
      timeZone: NY,
      window: { days: [0, 1, 2, 3, 4, 5, 6], start: '01:45', end: '20:00' },
    });
    expect(plan[0]!.dueAt.toISOString()).toBe('2026-11-01T06:45:00.000Z');
  });

  it('handles quarter-hour zones and a 30-minute DST (Lord Howe)', () => {
    const plan = planTouches({
      steps: [
        { channel: 'sms', day: 0, purpose: 'acknowledge' },
        { channel: 'sms', day: 1, purpose: 'value' },
      ],
      // Lord Howe moves 02:00 -> 02:30 on Sun 2026-10-04.
      enrolledAt: at(2026, 10, 3, 2, 15, 'Australia/Lord_Howe'),
      timeZone: 'Australia/Lord_Howe',
      window: { days: [0, 1, 2, 3, 4, 5, 6], start: '02:00', end: '20:00' },
    });
    expect(fmt(plan[0]!.dueAt, 'Australia/Lord_Howe')).toBe('Sat 2026-10-03 02:15');
    // 02:15 on the 4th does not exist: moved forward by the 30-minute gap.
    expect(fmt(plan[1]!.dueAt, 'Australia/Lord_Howe')).toBe('Sun 2026-10-04 02:45');
    const kathmandu = planTouches({
      steps: [sms],
      enrolledAt: at(2026, 1, 1, 6, 0, 'Asia/Kathmandu'),
      timeZone: 'Asia/Kathmandu',
    });
    expect(fmt(kathmandu[0]!.dueAt, 'Asia/Kathmandu')).toBe('Thu 2026-01-01 08:00');
    expect(fmt(kathmandu[0]!.deadlineAt, 'Asia/Kathmandu')).toBe('Fri 2026-01-02 00:00');
  });

  it('runs delays from the actual time of a late completion', () => {
    const steps: CadenceStep[] = [
      { channel: 'call', day: 0, purpose: 'call' },
      { channel: 'email', day: 2, purpose: 'value' },
    ];
    const plan = planTouches({
      steps,
      enrolledAt: at(2026, 3, 3, 10, 0),
      timeZone: NY,
      completed: [{ channel: 'call', at: at(2026, 3, 5, 15, 0) }],
    });
    expect(plan[0]!.completedAt?.getTime()).toBe(at(2026, 3, 5, 15, 0).getTime());
    expect(fmt(plan[1]!.dueAt)).toBe('Sat 2026-03-07 15:00');
  });

  it('waives "vary call times" when the window lies inside one day part', () => {
    const steps: CadenceStep[] = [
      { channel: 'call', day: 0, purpose: 'call' },
      { channel: 'call', day: 1, purpose: 'call' },
    ];
    const plan = planTouches({
      steps,
      enrolledAt: at(2026, 3, 3, 9, 0),
      timeZone: NY,
      window: { days: [0, 1, 2, 3, 4, 5, 6], start: '08:00', end: '12:00' },
    });
    expect(fmt(plan[1]!.dueAt)).toBe('Wed 2026-03-04 09:00');
  });

  it('moves an evening call to the next day at window start and skips closed days', () => {
    const steps: CadenceStep[] = [
      { channel: 'call', day: 0, purpose: 'call' },
      { channel: 'call', day: 0, purpose: 'call' },
    ];
    const plan = planTouches({
      steps,
      enrolledAt: at(2026, 3, 6, 18, 0), // Friday evening
      timeZone: NY,
      window: { days: [1, 2, 3, 4, 5], start: '09:00', end: '20:00' },
    });
    expect(fmt(plan[0]!.dueAt)).toBe('Fri 2026-03-06 18:00');
    expect(fmt(plan[1]!.dueAt)).toBe('Mon 2026-03-09 09:00');
  });

  it('notBefore pushes the first open step and keeps the spacing of the rest', () => {
    const steps: CadenceStep[] = [
      { channel: 'email', day: 0, purpose: 'confirm' },
      { channel: 'email', day: 3, purpose: 'value' },
      { channel: 'linkedin', day: 5, purpose: 'linkedin-connect' },
    ];
    const plan = planTouches({
      steps,
      enrolledAt: at(2026, 3, 3, 10, 0),
      timeZone: NY,
      completed: [{ channel: 'email', at: at(2026, 3, 3, 10, 0) }],
      notBefore: at(2026, 3, 20, 9, 0),
    });
    expect(fmt(plan[1]!.dueAt)).toBe('Fri 2026-03-20 09:00');
    expect(fmt(plan[2]!.dueAt)).toBe('Sun 2026-03-22 09:00');
  });
});

describe('isOverdue', () => {
  const touch = { deadlineAt: new Date(1000) };
  it('is overdue only strictly after the deadline and while not completed', () => {
    expect(isOverdue(touch, new Date(1000))).toBe(false);
    expect(isOverdue(touch, new Date(1001))).toBe(true);
    expect(isOverdue({ ...touch, completedAt: new Date(5) }, new Date(5000))).toBe(false);
  });
});

describe('adjustForSource', () => {
  const steps = getBuiltInPlaybook('seven-touch-14-day')!.steps;
  it('is pure', () => {
    const before = JSON.stringify(steps);
    for (const s of [
      'google-lsa',
      'facebook-lead-ad',
      'referral',
      'web-form',
      'cold-outbound',
      'other',
    ] as const) {
      const out = adjustForSource(steps, s);
      expect(out).not.toBe(steps);
      for (const o of out) expect(steps).not.toContain(o);
    }
    expect(JSON.stringify(steps)).toBe(before);
  });
  it('applies the spec table', () => {
    expect(adjustForSource(steps, 'google-lsa').map((s) => s.day)).toEqual([0, 0, 1, 1, 2, 4, 7]);
    expect(adjustForSource(steps, 'facebook-lead-ad')).toEqual(steps);
    expect(adjustForSource(steps, 'other')).toEqual(steps);
    const referral = adjustForSource(steps, 'referral');
    expect(referral[0]).toEqual({ channel: 'call', day: 0, withinMinutes: 5, purpose: 'call' });
    expect(referral.some((s) => s.purpose === 'breakup')).toBe(false);
    expect(referral).toHaveLength(7);
    expect(adjustForSource(steps, 'web-form')[0]!.withinMinutes).toBe(2);
    const cold = adjustForSource(steps, 'cold-outbound');
    expect(cold.map((s) => s.day)).toEqual([1, 1, 3, 4, 7, 11, 21]);
    expect(cold.some((s) => s.channel === 'sms')).toBe(false);
    expect(cold.some((s) => s.withinMinutes !== undefined)).toBe(false);
  });
});

describe('built-in playbooks', () => {
  it('has the five seeds with purposes', () => {
    expect(BUILT_IN_PLAYBOOKS.map((p) => p.id)).toEqual([
      'seven-touch-14-day',
      'speed-to-lead-90',
      'multichannel-drip',
      'ten-touchpoints',
      'linkedin-14-day',
    ]);
    const speed = getBuiltInPlaybook('speed-to-lead-90')!.steps;
    expect(speed.map((s) => `${s.channel} d${s.day} ${s.purpose}`)).toEqual([
      'call d0 call',
      'email d0 confirm',
      'email d1 follow-up',
      'call d3 call',
      'sms d3 voicemail-nudge',
      'email d7 value',
      'email d14 final-check-in',
      'email d90 re-engage',
    ]);
    const ten = getBuiltInPlaybook('ten-touchpoints')!.steps;
    expect(ten[0]).toMatchObject({ channel: 'task', day: 0, withinMinutes: 2, purpose: 'assign' });
    expect(ten[3]).toMatchObject({ channel: 'sms', day: 0, withinMinutes: 10, purpose: 'acknowledge' });
    expect(ten[6]).toMatchObject({
      channel: 'email',
      day: 10,
      purpose: 'multi-thread',
      requiresTwoUnanswered: true,
    });
    expect(getBuiltInPlaybook('linkedin-14-day')!.steps[0]).toMatchObject({
      channel: 'email',
      day: 1,
      purpose: 'value',
    });
    expect(getBuiltInPlaybook('nope')).toBeUndefined();
  });
  it('returns copies', () => {
    const a = getBuiltInPlaybook('seven-touch-14-day')!;
    a.steps[0]!.day = 99;
    expect(getBuiltInPlaybook('seven-touch-14-day')!.steps[0]!.day).toBe(0);
  });
  it('plans every built-in for every source', () => {
    for (const p of BUILT_IN_PLAYBOOKS) {
      for (const s of [
        'google-lsa',
        'facebook-lead-ad',
        'referral',
        'web-form',
        'cold-outbound',
        'other',
      ] as const) {
        const plan = planTouches({
          steps: adjustForSource(p.steps, s),
          enrolledAt: at(2026, 3, 3, 10, 0),
          timeZone: NY,
        });
        expect(plan.length).toBeGreaterThan(0);
      }
    }
  });
});
