import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CadenceError,
  type Enrolment,
  type EnrolmentEvent,
  enrol,
  getBuiltInPlaybook,
  multiThreadDecision,
  pendingTouches,
  planEnrolment,
  type Transition,
  type TransitionResult,
  transition,
  unansweredStreak,
} from '@/lib/cadence';

const NY = 'America/New_York';
const fmt = (ms: number | Date) =>
  format(new TZDate(typeof ms === 'number' ? ms : ms.getTime(), NY), 'EEE yyyy-MM-dd HH:mm');
const at = (y: number, mo: number, d: number, h: number, mi: number) =>
  new TZDate(y, mo - 1, d, h, mi, NY).getTime();
const T0 = at(2026, 3, 3, 10, 0);
const HOUR = 3_600_000;

function ok(r: TransitionResult): Transition {
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r;
}

function fresh(playbookId = 'seven-touch-14-day'): Enrolment {
  const r = ok(
    enrol({ contactId: 7, playbook: getBuiltInPlaybook(playbookId)!, source: 'web-form', timeZone: NY }, T0, {
      via: 'sidebar',
    }),
  );
  return { ...r.enrolment, id: 42 };
}

function run(e: Enrolment, events: [EnrolmentEvent, number][]): Enrolment {
  let cur = e;
  for (const [ev, now] of events) cur = ok(transition(cur, ev, now)).enrolment;
  return cur;
}

describe('enrol', () => {
  it('starts active with an enrolled activity and adjusted steps', () => {
    const r = ok(
      enrol(
        {
          contactId: 7,
          playbook: getBuiltInPlaybook('seven-touch-14-day')!,
          source: 'web-form',
          timeZone: NY,
        },
        T0,
        { via: 'popup' },
      ),
    );
    expect(r.enrolment.state).toBe('active');
    expect(r.enrolment.steps[0]!.withinMinutes).toBe(2);
    expect(r.activities).toEqual([
      { kind: 'enrolled', at: T0, contactId: 7, text: 'seven-touch-14-day', source: 'popup' },
    ]);
  });

  it('refuses an opted-out contact until the opt-out is withdrawn', () => {
    const e = fresh();
    const out = ok(transition(e, { type: 'opt-out', channel: 'sms' }, T0 + HOUR)).enrolment;
    const input = {
      contactId: 7,
      playbook: getBuiltInPlaybook('speed-to-lead-90')!,
      source: 'other' as const,
      timeZone: NY,
    };
    const refused = enrol({ ...input, existing: [out] }, T0 + 2 * HOUR);
    expect(refused).toMatchObject({ ok: false, code: 'opted-out' });
    expect(enrol({ ...input, contactOptedOut: true }, T0)).toMatchObject({ ok: false, code: 'opted-out' });
    const withdrawn = ok(transition(out, { type: 'withdraw-opt-out' }, T0 + 3 * HOUR));
    expect(withdrawn.activities[0]!.kind).toBe('opt-out-withdrawn');
    expect(withdrawn.enrolment).toMatchObject({ state: 'paused', pauseReason: 'manual' });
    // Still running (paused), so a second overlapping sequence is refused; removing it frees the contact.
    expect(enrol({ ...input, existing: [withdrawn.enrolment] }, T0)).toMatchObject({
      ok: false,
      code: 'already-enrolled',
    });
    const removed = ok(transition(withdrawn.enrolment, { type: 'remove' }, T0)).enrolment;
    expect(enrol({ ...input, existing: [removed] }, T0).ok).toBe(true);
  });

  it('throws on malformed input', () => {
    const base = {
      contactId: 1,
      playbook: getBuiltInPlaybook('seven-touch-14-day')!,
      source: 'web-form' as const,
      timeZone: NY,
    };
    expect(() => enrol({ ...base, timeZone: 'Nowhere/Land' }, T0)).toThrow(CadenceError);
    expect(() => enrol({ ...base, source: 'fax' as never }, T0)).toThrow(/lead source/);
    expect(() => enrol({ ...base, reengageDays: 30 }, T0)).toThrow(/60 to 90/);
    expect(() => enrol({ ...base, playbook: { id: 'x', steps: [] } }, T0)).toThrow(/no steps/);
    expect(() => enrol({ ...base, window: { days: [], start: '08:00', end: '09:00' } }, T0)).toThrow(
      /no days/,
    );
  });
});

describe('transitions', () => {
  it('logs a touch and plans the rest from its actual time', () => {
    const e = fresh();
    const r = ok(transition(e, { type: 'touch-done', step: 1 }, T0 + 60_000));
    expect(r.activities).toEqual([
      {
        kind: 'touch-done',
        at: T0 + 60_000,
        contactId: 7,
        enrolmentId: 42,
        step: 1,
        channel: 'sms',
        purpose: 'acknowledge',
      },
    ]);
    expect(r.enrolment.done).toEqual([{ step: 1, channel: 'sms', at: T0 + 60_000 }]);
    expect(pendingTouches(r.enrolment)[0]).toMatchObject({ step: 2, channel: 'email' });
  });

  it('refuses out-of-order steps and steps while not active', () => {
    const e = fresh();
    expect(transition(e, { type: 'touch-done', step: 3 }, T0)).toMatchObject({
      ok: false,
      code: 'wrong-step',
    });
    const paused = ok(transition(e, { type: 'pause' }, T0)).enrolment;
    expect(transition(paused, { type: 'touch-done' }, T0)).toMatchObject({ ok: false, code: 'not-active' });
    expect(transition(paused, { type: 'pause' }, T0)).toMatchObject({ ok: false, code: 'not-active' });
    expect(transition(e, { type: 'resume' }, T0)).toMatchObject({ ok: false, code: 'invalid-transition' });
  });

  it('pauses on a reply and logs both the reply and the pause', () => {
    const e = fresh();
    const r = ok(transition(e, { type: 'reply', at: T0 + 5 * 60_000, channel: 'sms' }, T0 + 6 * 60_000));
    expect(r.enrolment).toMatchObject({
      state: 'paused',
      pauseReason: 'replied',
      lastReplyAt: T0 + 5 * 60_000,
    });
    expect(r.activities.map((a) => a.kind)).toEqual(['reply', 'paused']);
    expect(pendingTouches(r.enrolment)).toEqual([]);
  });

  it('resuming replans from now without bunching overdue steps', () => {
    let e = fresh();
    e = run(e, [
      [{ type: 'touch-done' }, T0],
      [{ type: 'touch-done' }, T0],
      [{ type: 'pause' }, T0 + HOUR],
    ]);
    const now = at(2026, 3, 20, 9, 30);
    const r = ok(transition(e, { type: 'resume' }, now));
    expect(r.activities.map((a) => a.kind)).toEqual(['resumed']);
    const pending = pendingTouches(r.enrolment);
    expect(pending.map((t) => `${t.channel} ${fmt(t.dueAt)}`)).toEqual([
      'call Fri 2026-03-20 09:30',
      'sms Sat 2026-03-21 09:30',
      'email Mon 2026-03-23 09:30',
      'call Thu 2026-03-26 12:00',
      'sms Thu 2026-04-02 12:00',
    ]);
    expect(pending[0]!.dueAt.getTime()).toBeGreaterThanOrEqual(now);
    // Once that step is done, the anchor goes away.
    const after = ok(transition(r.enrolment, { type: 'touch-done' }, now + HOUR)).enrolment;
    expect(after.notBefore).toBeUndefined();
  });

  it('booked -> an after-meeting touch due within 24 h', () => {
    const now = T0 + 2 * HOUR;
    const r = ok(transition(fresh(), { type: 'book' }, now));
    expect(r.enrolment.state).toBe('booked');
    expect(r.activities.map((a) => a.kind)).toEqual(['booked']);
    const [f] = pendingTouches(r.enrolment);
    expect(f).toMatchObject({ step: 0, purpose: 'after-meeting', channel: 'email' });
    expect(f!.dueAt.getTime()).toBe(now);
    expect(f!.deadlineAt.getTime()).toBe(now + 24 * HOUR);
    const done = ok(transition(r.enrolment, { type: 'follow-up-done' }, now + HOUR));
    expect(done.activities[0]).toMatchObject({ kind: 'touch-done', step: 0, purpose: 'after-meeting' });
    expect(pendingTouches(done.enrolment)).toEqual([]);
    expect(transition(done.enrolment, { type: 'follow-up-done' }, now)).toMatchObject({
      ok: false,
      code: 'no-follow-up',
    });
    expect(transition(r.enrolment, { type: 'book' }, now)).toMatchObject({ ok: false });
  });

  it('completed -> re-engage 60 days (or the chosen 60-90) after the last touch', () => {
    let e = fresh();
    const plan = planEnrolment(e);
    const events: [EnrolmentEvent, number][] = plan.map((t) => [{ type: 'touch-done' }, t.dueAt.getTime()]);
    const last = events.pop()!;
    e = run(e, events);
    const r = ok(transition(e, last[0], last[1]));
    expect(r.enrolment.state).toBe('completed');
    // The re-nurture rule (issue #13) fires on completion and says what it scheduled.
    expect(r.activities.map((a) => a.kind)).toEqual(['touch-done', 'completed', 'rule-fired']);
    expect(fmt(last[1])).toBe('Tue 2026-03-17 12:00');
    expect(fmt(r.enrolment.followUp!.dueAt)).toBe('Sat 2026-05-16 12:00');
    expect(pendingTouches(r.enrolment)[0]).toMatchObject({ step: 0, purpose: 're-engage' });
    const ninety = ok(transition(r.enrolment, { type: 'set-reengage-days', days: 90 }, last[1]));
    expect(fmt(ninety.enrolment.followUp!.dueAt)).toBe('Mon 2026-06-15 12:00');
    expect(ninety.activities).toHaveLength(1);
    expect(transition(r.enrolment, { type: 'set-reengage-days', days: 91 }, last[1])).toMatchObject({
      ok: false,
      code: 'bad-input',
    });
    expect(transition(r.enrolment, { type: 'set-reengage-days', days: 59 }, last[1])).toMatchObject({
      ok: false,
    });
  });

  it('opted-out stops every touch; removed is final', () => {
    const out = ok(transition(fresh(), { type: 'opt-out' }, T0)).enrolment;
    expect(pendingTouches(out)).toEqual([]);
    expect(transition(out, { type: 'resume' }, T0)).toMatchObject({ ok: false });
    expect(transition(out, { type: 'book' }, T0)).toMatchObject({ ok: false });
    const removed = ok(transition(out, { type: 'remove' }, T0));
    expect(removed.activities[0]!.kind).toBe('removed');
    const events: EnrolmentEvent[] = [
      { type: 'resume' },
      { type: 'touch-done' },
      { type: 'reply' },
      { type: 'withdraw-opt-out' },
      { type: 'remove' },
      { type: 'book' },
    ];
    for (const ev of events)
      expect(transition(removed.enrolment, ev, T0)).toMatchObject({ ok: false, code: 'removed' });
  });

  it('every accepted event yields at least one activity and never mutates its input', () => {
    const e = fresh();
    const frozen = JSON.stringify(e);
    const events: EnrolmentEvent[] = [
      { type: 'touch-done' },
      { type: 'touch-skipped' },
      { type: 'snooze', until: T0 + 5 * HOUR },
      { type: 'reply' },
      { type: 'pause' },
      { type: 'book' },
      { type: 'opt-out' },
      { type: 'remove' },
      { type: 'set-reengage-days', days: 75 },
      { type: 'set-schedule', timeZone: 'Europe/London' },
      { type: 'extra-sent', channel: 'email', purpose: 'value' },
      { type: 'breakup-sent' },
    ];
    for (const ev of events) {
      const r = transition(e, ev, T0);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.activities.length).toBeGreaterThan(0);
    }
    expect(JSON.stringify(e)).toBe(frozen);
  });

  it('set-schedule replans the steps not done in the new zone and window; done steps keep their time', () => {
    const e = run(fresh(), [[{ type: 'touch-done' }, T0 + 60_000]]);
    const before = planEnrolment(e);
    const r = ok(
      transition(
        e,
        {
          type: 'set-schedule',
          timeZone: 'Europe/London',
          window: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
        },
        T0 + HOUR,
      ),
    );
    expect(r.enrolment).toMatchObject({ timeZone: 'Europe/London', window: { start: '09:00' } });
    expect(r.activities).toMatchObject([{ kind: 'note', text: 'Replanned in Europe/London.' }]);
    const after = planEnrolment(r.enrolment);
    expect(after[0]!.completedAt?.getTime()).toBe(before[0]!.completedAt?.getTime());
    // Every interruptive step not done now sits inside 09:00-17:00 London time on a weekday.
    for (const t of after.filter((x) => !x.completedAt && ['sms', 'call', 'voicemail'].includes(x.channel))) {
      const london = new TZDate(t.dueAt.getTime(), 'Europe/London');
      expect(london.getHours()).toBeGreaterThanOrEqual(9);
      expect(london.getHours()).toBeLessThan(17);
      expect([1, 2, 3, 4, 5]).toContain(london.getDay());
    }
    expect(after.map((t) => t.dueAt.getTime())).not.toEqual(before.map((t) => t.dueAt.getTime()));
    // Back to the default window: the window disappears from the enrolment.
    const back = ok(transition(r.enrolment, { type: 'set-schedule', timeZone: NY }, T0 + HOUR));
    expect(back.enrolment.window).toBeUndefined();
    expect(transition(e, { type: 'set-schedule', timeZone: 'Mars/Olympus' }, T0)).toMatchObject({
      ok: false,
      code: 'bad-input',
    });
  });

  it('snooze pushes the next step', () => {
    const r = ok(transition(fresh(), { type: 'snooze', until: T0 + 3 * HOUR }, T0));
    expect(r.activities[0]).toMatchObject({ kind: 'touch-snoozed', step: 1 });
    expect(pendingTouches(r.enrolment)[0]!.dueAt.getTime()).toBe(T0 + 3 * HOUR);
  });
});

describe('emails outside the steps', () => {
  /** Steps 1-4 of the web-form schedule, done on time (the golden table of cadence.md). */
  function afterFourSteps(): Enrolment {
    let e = fresh();
    for (const t of [T0, T0, at(2026, 3, 4, 10, 0), at(2026, 3, 5, 10, 0)]) {
      e = ok(transition(e, { type: 'touch-done', at: t }, t)).enrolment;
    }
    return e;
  }
  const pendingRows = (e: Enrolment) =>
    pendingTouches(e).map((t) => [t.step, t.channel, t.purpose, fmt(t.dueAt), fmt(t.deadlineAt)]);

  it('a value email fills no step: the next step stays next, the next email keeps 48 h from it', () => {
    const e = afterFourSteps();
    expect(pendingRows(e)).toEqual([
      [5, 'email', 'value', 'Sat 2026-03-07 10:00', 'Sun 2026-03-08 00:00'],
      [6, 'call', 'call', 'Tue 2026-03-10 12:00', 'Wed 2026-03-11 00:00'],
      [7, 'sms', 'breakup', 'Tue 2026-03-17 12:00', 'Wed 2026-03-18 00:00'],
    ]);
    const sentAt = at(2026, 3, 6, 9, 0);
    const r = ok(
      transition(e, { type: 'extra-sent', channel: 'email', purpose: 'value', text: 'A guide' }, sentAt, {
        via: 'gmail',
      }),
    );
    expect(r.activities).toEqual([
      {
        kind: 'sent-from-gmail',
        at: sentAt,
        contactId: 7,
        enrolmentId: 42,
        channel: 'email',
        purpose: 'value',
        text: 'A guide',
        source: 'gmail',
      },
    ]);
    expect(r.enrolment.done).toEqual(e.done);
    expect(r.enrolment.state).toBe('active');
    // Fri 09:00 EST + 48 h is Sun 10:00 EDT (DST began that night); the call and text follow it.
    expect(pendingRows(r.enrolment)).toEqual([
      [5, 'email', 'value', 'Sun 2026-03-08 10:00', 'Mon 2026-03-09 00:00'],
      [6, 'call', 'call', 'Wed 2026-03-11 12:00', 'Thu 2026-03-12 00:00'],
      [7, 'sms', 'breakup', 'Wed 2026-03-18 12:00', 'Thu 2026-03-19 00:00'],
    ]);
  });

  it('a value email more than 48 h before the next email changes nothing', () => {
    const e = afterFourSteps();
    const r = ok(
      transition(e, { type: 'extra-sent', channel: 'email', purpose: 'value' }, at(2026, 3, 5, 9, 0)),
    );
    expect(pendingRows(r.enrolment)).toEqual(pendingRows(e));
  });

  it('the break-up ends the sequence and plans the re-engage touch from it', () => {
    const e = afterFourSteps();
    const sentAt = at(2026, 3, 6, 15, 0);
    const r = ok(transition(e, { type: 'breakup-sent', text: 'Closing the loop' }, sentAt, { via: 'gmail' }));
    // Completing fires the playbook's nurture rule, which plans the re-engage touch.
    expect(r.activities.map((a) => [a.kind, a.purpose])).toEqual([
      ['sent-from-gmail', 'breakup'],
      ['completed', undefined],
      ['rule-fired', undefined],
    ]);
    expect(r.enrolment.state).toBe('completed');
    expect(r.enrolment.done).toEqual(e.done);
    expect(r.enrolment.followUp).toMatchObject({ purpose: 're-engage', channel: 'email' });
    expect(fmt(r.enrolment.followUp!.dueAt)).toBe('Tue 2026-05-05 15:00');
    expect(pendingTouches(r.enrolment).map((t) => t.purpose)).toEqual(['re-engage']);
  });

  it('a break-up to a paused contact also ends the sequence; to a finished one it is only logged', () => {
    const paused = ok(transition(afterFourSteps(), { type: 'pause' }, T0 + 80 * HOUR)).enrolment;
    expect(ok(transition(paused, { type: 'breakup-sent' }, T0 + 90 * HOUR)).enrolment.state).toBe(
      'completed',
    );
    const booked = ok(transition(fresh(), { type: 'book' }, T0)).enrolment;
    const r = ok(transition(booked, { type: 'breakup-sent' }, T0 + HOUR));
    expect(r.enrolment).toEqual(booked);
    expect(r.activities.map((a) => a.kind)).toEqual(['sent-from-gmail']);
  });
});

describe('multi-threading', () => {
  it('unansweredStreak counts contact-facing touches after the last reply', () => {
    const done = [
      { step: 1, channel: 'task' as const, at: 1 },
      { step: 2, channel: 'email' as const, at: 2 },
      { step: 3, channel: 'call' as const, at: 3, outcome: 'answered' as const },
      { step: 4, channel: 'sms' as const, at: 4 },
      { step: 5, channel: 'email' as const, at: 5, skipped: true },
      { step: 6, channel: 'email' as const, at: 6 },
    ];
    expect(unansweredStreak(done, [])).toBe(2);
    expect(unansweredStreak(done, [4.5])).toBe(1);
    expect(unansweredStreak(done, [], 5)).toBe(1);
    const plan = [{}, {}, {}, {}, {}, {}, { requiresTwoUnanswered: true }];
    expect(multiThreadDecision({ plan, step: 7, done, replies: [] })).toBe('due');
    expect(multiThreadDecision({ plan, step: 7, done, replies: [5.5] })).toBe('skip');
    expect(multiThreadDecision({ plan, step: 6, done, replies: [] })).toBe('not-gated');
  });

  it('the ten-touchpoints multi-thread step is due when the primary stayed silent', () => {
    let e = fresh('ten-touchpoints');
    for (let i = 0; i < 6; i++) e = ok(transition(e, { type: 'touch-done' }, T0 + i * HOUR)).enrolment;
    expect(pendingTouches(e)[0]).toMatchObject({
      step: 7,
      purpose: 'multi-thread',
      requiresTwoUnanswered: true,
    });
  });

  it('is skipped automatically after a reply and a resume left fewer than two unanswered touches', () => {
    let e = fresh('ten-touchpoints');
    for (let i = 0; i < 5; i++) e = ok(transition(e, { type: 'touch-done' }, T0 + i * HOUR)).enrolment;
    e = run(e, [
      [{ type: 'reply' }, T0 + 6 * HOUR],
      [{ type: 'resume' }, T0 + 7 * HOUR],
    ]);
    const r = ok(transition(e, { type: 'touch-done' }, T0 + 8 * HOUR));
    expect(r.activities.map((a) => `${a.kind} ${a.step}`)).toEqual(['touch-done 6', 'touch-skipped 7']);
    expect(pendingTouches(r.enrolment)[0]).toMatchObject({ step: 8, purpose: 'meeting-ask' });
  });
});

describe('state machine properties', () => {
  const arbEvent: fc.Arbitrary<EnrolmentEvent> = fc.oneof(
    fc.constant<EnrolmentEvent>({ type: 'touch-done' }),
    fc.constant<EnrolmentEvent>({ type: 'touch-done', outcome: 'answered' }),
    fc.constant<EnrolmentEvent>({ type: 'touch-skipped' }),
    fc.constant<EnrolmentEvent>({ type: 'reply' }),
    fc.constant<EnrolmentEvent>({ type: 'pause' }),
    fc.constant<EnrolmentEvent>({ type: 'resume' }),
    fc.constant<EnrolmentEvent>({ type: 'book' }),
    fc.constant<EnrolmentEvent>({ type: 'follow-up-done' }),
    fc.constant<EnrolmentEvent>({ type: 'opt-out' }),
    fc.constant<EnrolmentEvent>({ type: 'withdraw-opt-out' }),
    fc.constant<EnrolmentEvent>({ type: 'remove' }),
    fc.constant<EnrolmentEvent>({ type: 'extra-sent', channel: 'email', purpose: 'value' }),
    fc.constant<EnrolmentEvent>({ type: 'breakup-sent' }),
    fc.integer({ min: 55, max: 95 }).map((days): EnrolmentEvent => ({ type: 'set-reengage-days', days })),
    fc
      .integer({ min: 0, max: 10 * 24 })
      .map((h): EnrolmentEvent => ({ type: 'snooze', until: T0 + h * HOUR })),
  );

  it('accepted events always log, refusals change nothing, removed is terminal, plans stay valid', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('seven-touch-14-day', 'ten-touchpoints', 'speed-to-lead-90'),
        fc.array(fc.tuple(arbEvent, fc.integer({ min: 0, max: 48 })), { maxLength: 30 }),
        (playbookId, events) => {
          let e = fresh(playbookId);
          let now = T0;
          for (const [ev, dh] of events) {
            now += dh * HOUR;
            const before = JSON.stringify(e);
            const r = transition(e, ev, now);
            expect(JSON.stringify(e)).toBe(before);
            if (!r.ok) {
              if (e.state === 'removed') expect(r.code).toBe('removed');
              continue;
            }
            expect(r.activities.length).toBeGreaterThan(0);
            for (const a of r.activities) expect(a.contactId).toBe(7);
            e = r.enrolment;
            expect(e.done.length).toBeLessThanOrEqual(e.steps.length);
            if (e.state !== 'paused') expect(e.pauseReason).toBeUndefined();
            const pending = pendingTouches(e);
            if (e.state === 'active') expect(pending.length).toBe(e.steps.length - e.done.length);
            if (['paused', 'opted-out', 'removed'].includes(e.state)) expect(pending).toEqual([]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
