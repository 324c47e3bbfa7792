import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CadenceStep,
  CHANNELS,
  type CompletedStep,
  type ContactWindow,
  type PlannedTouch,
  planTouches,
} from '@/lib/cadence';

const ZONES = [
  'America/New_York',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
  'Europe/London',
  'America/Los_Angeles',
  'UTC',
];

// DST changes of the zones above (UTC), so plans straddle both directions of every kind of shift.
const TRANSITIONS = [
  '2026-03-29T01:00:00Z', // London forward
  '2026-10-25T01:00:00Z', // London back
  '2026-03-08T07:00:00Z', // New York forward
  '2026-11-01T06:00:00Z', // New York back
  '2026-03-08T05:30:00Z', // St John's forward
  '2026-11-01T04:30:00Z', // St John's back
  '2026-04-04T15:00:00Z', // Lord Howe back (30 min)
  '2026-10-03T15:30:00Z', // Lord Howe forward (30 min)
  '2026-04-04T14:00:00Z', // Chatham back
  '2026-09-26T14:00:00Z', // Chatham forward
].map((s) => Date.parse(s));

const DAY = 86_400_000;
const HOUR = 3_600_000;

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const arbWindow: fc.Arbitrary<ContactWindow | undefined> = fc.option(
  fc
    .record({
      days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
      start: fc.integer({ min: 0, max: 1439 }),
      len: fc.integer({ min: 1, max: 1440 }),
    })
    .map(({ days, start, len }) => ({ days, start: hhmm(start), end: hhmm(Math.min(1440, start + len)) })),
  { nil: undefined, freq: 4 },
);

const arbSteps: fc.Arbitrary<CadenceStep[]> = fc
  .array(
    fc.record({
      channel: fc.constantFrom(...CHANNELS, 'sms', 'call', 'email'),
      gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 6 })),
      withinMinutes: fc.option(fc.integer({ min: 1, max: 180 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((raw) => {
    let day = 0;
    return raw.map((r) => {
      day += r.gap;
      const s: CadenceStep = { channel: r.channel, day, purpose: 'value' };
      if (r.withinMinutes !== undefined) s.withinMinutes = r.withinMinutes;
      return s;
    });
  });

const arbEnrolledAt = fc.oneof(
  fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2035-12-31T00:00:00Z') }),
  fc
    .tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -20 * DAY, max: 3 * DAY }))
    .map(([t, d]) => t + d),
);

const arbCase = fc
  .record({
    steps: arbSteps,
    enrolledAt: arbEnrolledAt,
    timeZone: fc.constantFrom(...ZONES),
    window: arbWindow,
    doneCount: fc.nat(),
    gaps: fc.array(fc.integer({ min: 0, max: 3 * DAY }), { minLength: 10, maxLength: 10 }),
    skips: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
  })
  .map(({ steps, enrolledAt, timeZone, window, doneCount, gaps, skips }) => {
    const k = doneCount % (steps.length + 1);
    let t = enrolledAt;
    const completed: CompletedStep[] = steps.slice(0, k).map((s, i) => {
      t += gaps[i] ?? 0;
      const c: CompletedStep = { channel: s.channel, at: new Date(t) };
      if (skips[i] && i % 3 === 2) c.skipped = true;
      return c;
    });
    return { steps, enrolledAt: new Date(enrolledAt), timeZone, window, completed };
  });

const DEFAULT: ContactWindow = { days: [0, 1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00' };
const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
const part = (minutes: number) => (minutes < 720 ? 0 : minutes < 1020 ? 1 : 2);

/** Local calendar fields via @date-fns/tz, independent of the engine's own offset arithmetic. */
function local(ms: number, tz: string) {
  const d = new TZDate(ms, tz);
  return {
    dayKey: `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`,
    weekday: d.getDay(),
    minutes: d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60 + d.getMilliseconds() / 60000,
  };
}

const actualOf = (t: PlannedTouch) => (t.completedAt ?? t.dueAt).getTime();

function check(c: {
  steps: CadenceStep[];
  enrolledAt: Date;
  timeZone: string;
  window?: ContactWindow;
  completed: CompletedStep[];
}) {
  const plan = planTouches(c);
  const win = c.window ?? DEFAULT;
  const start = toMin(win.start);
  const end = toMin(win.end);
  const onePart = part(start) === part(end - 1);
  const k = c.completed.length;
  expect(plan.map((t) => t.step)).toEqual(c.steps.map((_, i) => i + 1));

  for (let i = k; i < plan.length; i++) {
    const t = plan[i]!;
    const due = t.dueAt.getTime();
    const earlier = plan.slice(0, i).filter((e) => !e.skipped);
    // Order preserved: never before the step ahead of it.
    if (i > 0) expect(due).toBeGreaterThanOrEqual(actualOf(plan[i - 1]!));
    expect(t.deadlineAt.getTime()).toBeGreaterThan(due);
    const l = local(due, c.timeZone);
    if (t.channel === 'sms' || t.channel === 'call' || t.channel === 'voicemail') {
      expect(win.days).toContain(l.weekday);
      expect(l.minutes).toBeGreaterThanOrEqual(start);
      expect(l.minutes).toBeLessThan(end);
    }
    if (t.channel === 'sms') {
      for (const e of earlier.filter((x) => x.channel === 'sms')) {
        expect(local(actualOf(e), c.timeZone).dayKey).not.toBe(l.dayKey);
      }
    }
    if (t.channel === 'email') {
      for (const e of earlier.filter((x) => x.channel === 'email')) {
        expect(due - actualOf(e)).toBeGreaterThanOrEqual(48 * HOUR);
      }
    }
    if (t.channel === 'call' && !onePart) {
      const calls = earlier.filter((x) => x.channel === 'call').map(actualOf);
      if (calls.length > 0) {
        const last = Math.max(...calls);
        expect(part(l.minutes)).not.toBe(part(local(last, c.timeZone).minutes));
      }
    }
  }
  return plan;
}

describe('planTouches properties', () => {
  it('holds every rule for random playbooks, zones, windows and histories', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        check(c);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        expect(planTouches(c)).toEqual(planTouches(c));
      }),
      { numRuns: 100 },
    );
  });

  it('holds the rules around DST changes in every listed zone with the seven-touch shape', () => {
    const steps: CadenceStep[] = [
      { channel: 'sms', day: 0, withinMinutes: 5, purpose: 'acknowledge' },
      { channel: 'email', day: 0, withinMinutes: 60, purpose: 'confirm' },
      { channel: 'call', day: 1, purpose: 'call' },
      { channel: 'sms', day: 2, purpose: 'voicemail-nudge' },
      { channel: 'email', day: 4, purpose: 'value' },
      { channel: 'call', day: 7, purpose: 'call' },
      { channel: 'sms', day: 14, purpose: 'breakup' },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...TRANSITIONS),
        fc.integer({ min: -16 * DAY, max: 2 * DAY }),
        arbWindow,
        (timeZone, t, d, window) => {
          check({ steps, enrolledAt: new Date(t + d), timeZone, window, completed: [] });
        },
      ),
      { numRuns: 200 },
    );
  });
});
