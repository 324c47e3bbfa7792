/**
 * Golden tables for the built-in rules (issue #13), in the spec's style: an event at a given
 * local time -> the touches scheduled, in several zones and across DST changes. Every row was
 * worked out by hand from spec/cadence.md and docs/rules.md, not copied from the engine.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  builtInRules,
  type Enrolment,
  type EnrolmentEvent,
  enrol,
  getBuiltInPlaybook,
  type LeadSource,
  pendingTouches,
  planEnrolment,
  type Transition,
  type TransitionResult,
  transition,
} from '@/lib/cadence';

const NY = 'America/New_York';
const at = (tz: string, y: number, mo: number, d: number, h: number, mi: number) =>
  new TZDate(y, mo - 1, d, h, mi, tz).getTime();
const fmt = (tz: string, ms: number | Date) =>
  format(new TZDate(typeof ms === 'number' ? ms : ms.getTime(), tz), 'EEE yyyy-MM-dd HH:mm');

function ok(r: TransitionResult): Transition {
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r;
}

function enrolled(
  tz: string,
  enrolledAt: number,
  source: LeadSource = 'web-form',
  playbook = 'seven-touch-14-day',
) {
  const r = ok(
    enrol({ contactId: 1, playbook: getBuiltInPlaybook(playbook)!, source, timeZone: tz }, enrolledAt),
  );
  return { ...r.enrolment, id: 9 } as Enrolment;
}

/** Marks the next steps done at the given times (as the rep would). */
function doSteps(e: Enrolment, times: number[], outcome?: 'no-answer' | 'voicemail'): Enrolment {
  let cur = e;
  times.forEach((t, i) => {
    const ev: EnrolmentEvent = { type: 'touch-done', at: t };
    if (outcome && i === times.length - 1) ev.outcome = outcome;
    cur = ok(transition(cur, ev, t)).enrolment;
  });
  return cur;
}

type Row = [channel: string, purpose: string, due: string, deadline: string];
const rows = (tz: string, e: Enrolment): Row[] =>
  pendingTouches(e).map((t) => [t.channel, t.purpose, fmt(tz, t.dueAt), fmt(tz, t.deadlineAt)]);

describe('call not answered -> a text within 10 minutes (seed 003)', () => {
  const CASES: {
    name: string;
    tz: string;
    source?: LeadSource;
    enrolledAt: [number, number, number, number, number];
    /** Local times the steps before the call (and the call itself, last) were done. */
    done: [number, number, number, number, number][];
    text: Row;
    warning?: RegExp;
  }[] = [
    {
      name: 'New York, call on time: text due at once',
      tz: NY,
      enrolledAt: [2026, 3, 3, 10, 0],
      done: [
        [2026, 3, 3, 10, 0],
        [2026, 3, 3, 10, 5],
        [2026, 3, 4, 10, 0],
      ],
      text: ['sms', 'voicemail-nudge', 'Wed 2026-03-04 10:00', 'Wed 2026-03-04 10:10'],
    },
    {
      name: 'New York, call made the same day as the first text: one text a day wins',
      tz: NY,
      enrolledAt: [2026, 3, 3, 10, 0],
      done: [
        [2026, 3, 3, 10, 0],
        [2026, 3, 3, 10, 5],
        [2026, 3, 3, 15, 0],
      ],
      text: ['sms', 'voicemail-nudge', 'Wed 2026-03-04 08:00', 'Wed 2026-03-04 08:10'],
      warning: /One text a day/,
    },
    {
      name: 'New York, call logged after hours the night before DST starts: text Sunday 08:00 EDT',
      tz: NY,
      enrolledAt: [2026, 3, 6, 10, 0],
      done: [
        [2026, 3, 6, 10, 0],
        [2026, 3, 6, 10, 5],
        [2026, 3, 7, 20, 30],
      ],
      text: ['sms', 'voicemail-nudge', 'Sun 2026-03-08 08:00', 'Sun 2026-03-08 08:10'],
      warning: /Outside the contact's hours \(08:00-20:00\)/,
    },
    {
      name: 'Kolkata (+05:30), call at 19:55: due at once, the deadline may run past the window',
      tz: 'Asia/Kolkata',
      enrolledAt: [2026, 3, 3, 10, 0],
      done: [
        [2026, 3, 3, 10, 0],
        [2026, 3, 3, 10, 5],
        [2026, 3, 4, 19, 55],
      ],
      text: ['sms', 'voicemail-nudge', 'Wed 2026-03-04 19:55', 'Wed 2026-03-04 20:05'],
    },
    {
      name: 'Berlin, call the evening DST starts (Sun 2026-03-29)',
      tz: 'Europe/Berlin',
      enrolledAt: [2026, 3, 28, 9, 0],
      done: [
        [2026, 3, 28, 9, 0],
        [2026, 3, 28, 9, 30],
        [2026, 3, 29, 21, 0],
      ],
      text: ['sms', 'voicemail-nudge', 'Mon 2026-03-30 08:00', 'Mon 2026-03-30 08:10'],
      warning: /Outside the contact's hours/,
    },
    {
      name: 'Lord Howe (30-minute DST ends Sun 2026-04-05 02:00): call Saturday night',
      tz: 'Australia/Lord_Howe',
      enrolledAt: [2026, 4, 3, 9, 0],
      done: [
        [2026, 4, 3, 9, 0],
        [2026, 4, 3, 9, 10],
        [2026, 4, 4, 23, 0],
      ],
      text: ['sms', 'voicemail-nudge', 'Sun 2026-04-05 08:00', 'Sun 2026-04-05 08:10'],
      warning: /Outside the contact's hours/,
    },
    {
      name: 'Cold outbound: no texting without consent, an email instead (48 h after the last email)',
      tz: NY,
      source: 'cold-outbound',
      enrolledAt: [2026, 3, 3, 10, 0],
      // cold-outbound: email Wed 03-04, email Fri 03-06, call Sun 03-08
      done: [
        [2026, 3, 4, 10, 0],
        [2026, 3, 6, 10, 0],
        [2026, 3, 7, 11, 0],
      ],
      // 48 h after Fri 10:00 EST is Sun 11:00 EDT: the spacing is in hours, and DST started.
      text: ['email', 'voicemail-nudge', 'Sun 2026-03-08 11:00', 'Sun 2026-03-08 11:10'],
      warning: /no texting without consent.*48 h between emails: the email moves to Sun 2026-03-08 11:00/,
    },
  ];

  for (const c of CASES) {
    it(c.name, () => {
      const e0 = enrolled(c.tz, at(c.tz, ...c.enrolledAt), c.source);
      const times = c.done.map((d) => at(c.tz, ...d));
      const before = e0.steps.length;
      let cur = doSteps(e0, times.slice(0, -1));
      const r = ok(
        transition(cur, { type: 'touch-done', at: times.at(-1), outcome: 'no-answer' }, times.at(-1)!),
      );
      cur = r.enrolment;
      expect(cur.steps).toHaveLength(before + 1);
      expect(cur.steps[3]).toMatchObject({ rule: 'no-answer-text', day: cur.steps[2]!.day });
      expect(rows(c.tz, cur)[0]).toEqual(c.text);
      const fired = r.activities.filter((a) => a.kind === 'rule-fired');
      expect(fired).toHaveLength(1);
      expect(fired[0]).toMatchObject({ rule: 'no-answer-text', enrolmentId: 9 });
      expect(fired[0]!.text).toContain(`due ${c.text[2]}`);
      if (c.warning) {
        expect(r.warnings?.map((w) => w.message).join(' ')).toMatch(c.warning);
        expect(fired[0]!.text).toMatch(c.warning);
      } else expect(r.warnings ?? []).toEqual([]);
    });
  }

  it('the steps after the text keep their spacing from it (seven-touch, web-form, NY)', () => {
    const e0 = enrolled(NY, at(NY, 2026, 3, 3, 10, 0));
    const cur = doSteps(
      e0,
      [at(NY, 2026, 3, 3, 10, 0), at(NY, 2026, 3, 3, 10, 5), at(NY, 2026, 3, 4, 10, 0)],
      'no-answer',
    );
    // Same as the spec's plain table from step 4 on, one step later: the text sits at day 1.
    expect(rows(NY, cur)).toEqual([
      ['sms', 'voicemail-nudge', 'Wed 2026-03-04 10:00', 'Wed 2026-03-04 10:10'],
      ['sms', 'voicemail-nudge', 'Thu 2026-03-05 10:00', 'Fri 2026-03-06 00:00'],
      ['email', 'value', 'Sat 2026-03-07 10:00', 'Sun 2026-03-08 00:00'],
      ['call', 'call', 'Tue 2026-03-10 12:00', 'Wed 2026-03-11 00:00'],
      ['sms', 'breakup', 'Tue 2026-03-17 12:00', 'Wed 2026-03-18 00:00'],
    ]);
  });

  it('the last step unanswered: the text comes first, then the sequence completes', () => {
    const playbook = {
      id: 'call-last',
      steps: [
        { channel: 'email' as const, day: 0, purpose: 'confirm' as const },
        { channel: 'call' as const, day: 2, purpose: 'call' as const },
      ],
    };
    const r0 = ok(
      enrol({ contactId: 1, playbook, source: 'other', timeZone: NY }, at(NY, 2026, 3, 3, 10, 0)),
    );
    let e = doSteps(r0.enrolment, [at(NY, 2026, 3, 3, 10, 0)]);
    e = doSteps(e, [at(NY, 2026, 3, 5, 15, 0)], 'no-answer');
    expect(e.state).toBe('active');
    expect(rows(NY, e)).toEqual([['sms', 'voicemail-nudge', 'Thu 2026-03-05 15:00', 'Thu 2026-03-05 15:10']]);
    const done = ok(
      transition(e, { type: 'touch-done', at: at(NY, 2026, 3, 5, 15, 5) }, at(NY, 2026, 3, 5, 15, 5)),
    );
    expect(done.enrolment.state).toBe('completed');
    expect(rows(NY, done.enrolment)).toEqual([
      ['email', 're-engage', 'Mon 2026-05-04 15:05', 'Tue 2026-05-05 00:00'],
    ]);
  });

  it('a switched-off rule does nothing', () => {
    const e0 = enrolled(NY, at(NY, 2026, 3, 3, 10, 0));
    const rules = builtInRules().map((r) => (r.id === 'no-answer-text' ? { ...r, enabled: false } : r));
    const cur = doSteps(
      { ...e0, rules },
      [at(NY, 2026, 3, 3, 10, 0), at(NY, 2026, 3, 3, 10, 5), at(NY, 2026, 3, 4, 10, 0)],
      'no-answer',
    );
    expect(cur.steps).toHaveLength(7);
  });
});

describe('voicemail left -> the next text refers to it (seed 002)', () => {
  it('the next text becomes the voicemail companion; its time does not move', () => {
    const e0 = enrolled(NY, at(NY, 2026, 3, 3, 10, 0));
    const before = rows(
      NY,
      doSteps(e0, [at(NY, 2026, 3, 3, 10, 0), at(NY, 2026, 3, 3, 10, 5), at(NY, 2026, 3, 4, 10, 0)]),
    );
    const e1 = doSteps(e0, [at(NY, 2026, 3, 3, 10, 0), at(NY, 2026, 3, 3, 10, 5)]);
    const r = ok(
      transition(
        e1,
        { type: 'touch-done', at: at(NY, 2026, 3, 4, 10, 0), outcome: 'voicemail' },
        at(NY, 2026, 3, 4, 10, 0),
      ),
    );
    expect(r.enrolment.steps[3]).toMatchObject({
      channel: 'sms',
      purpose: 'voicemail-nudge',
      afterVoicemail: true,
    });
    expect(rows(NY, r.enrolment)).toEqual(before);
    const fired = r.activities.find((a) => a.kind === 'rule-fired');
    expect(fired?.text).toContain('step 4 (due Thu 2026-03-05 10:00) now refers to the voicemail');
  });

  it('a breakup text keeps its purpose and only gains the reference', () => {
    let e = enrolled(NY, at(NY, 2026, 3, 3, 10, 0));
    const plan = planEnrolment(e);
    e = doSteps(
      e,
      plan.slice(0, 5).map((t) => t.dueAt.getTime()),
    );
    e = doSteps(e, [plan[5]!.dueAt.getTime()], 'voicemail');
    expect(e.steps[6]).toMatchObject({ purpose: 'breakup', afterVoicemail: true });
  });

  it('no text left: the rule says so', () => {
    let e = enrolled(NY, at(NY, 2026, 3, 3, 10, 0), 'web-form', 'linkedin-14-day');
    const plan = planEnrolment(e);
    e = doSteps(
      e,
      plan.slice(0, 3).map((t) => t.dueAt.getTime()),
    );
    const r = ok(
      transition(
        e,
        { type: 'touch-done', outcome: 'voicemail', at: plan[3]!.dueAt.getTime() },
        plan[3]!.dueAt.getTime(),
      ),
    );
    expect(r.warnings?.[0]?.code).toBe('nothing-to-reference');
  });
});

describe('meeting booked -> reminders the day before and an hour before, recap within 24 h (seed 004)', () => {
  const CASES: {
    name: string;
    tz: string;
    source?: LeadSource;
    bookedAt: [number, number, number, number, number];
    meeting: [number, number, number, number, number];
    rows: Row[];
    warning?: RegExp;
  }[] = [
    {
      name: 'New York, meeting Wed 10:00',
      tz: NY,
      bookedAt: [2026, 3, 9, 15, 0],
      meeting: [2026, 3, 11, 10, 0],
      rows: [
        ['email', 'after-meeting', 'Wed 2026-03-11 10:00', 'Thu 2026-03-12 10:00'],
        ['email', 'meeting-reminder', 'Tue 2026-03-10 10:00', 'Wed 2026-03-11 10:00'],
        ['sms', 'meeting-reminder', 'Wed 2026-03-11 09:00', 'Wed 2026-03-11 10:00'],
      ],
    },
    {
      name: 'New York across the DST start: the day-before reminder keeps 10:00 local',
      tz: NY,
      bookedAt: [2026, 3, 6, 15, 0],
      meeting: [2026, 3, 9, 10, 0],
      rows: [
        ['email', 'after-meeting', 'Mon 2026-03-09 10:00', 'Tue 2026-03-10 10:00'],
        ['email', 'meeting-reminder', 'Sun 2026-03-08 10:00', 'Mon 2026-03-09 10:00'],
        ['sms', 'meeting-reminder', 'Mon 2026-03-09 09:00', 'Mon 2026-03-09 10:00'],
      ],
    },
    {
      name: 'meeting at 08:30: the hour-before text waits for the window (08:00)',
      tz: NY,
      bookedAt: [2026, 3, 9, 15, 0],
      meeting: [2026, 3, 11, 8, 30],
      rows: [
        ['email', 'after-meeting', 'Wed 2026-03-11 08:30', 'Thu 2026-03-12 08:30'],
        ['email', 'meeting-reminder', 'Tue 2026-03-10 08:30', 'Wed 2026-03-11 08:30'],
        ['sms', 'meeting-reminder', 'Wed 2026-03-11 08:00', 'Wed 2026-03-11 08:30'],
      ],
      warning: /Outside the contact's hours \(08:00-20:00\): the text moves to Wed 2026-03-11 08:00/,
    },
    {
      name: 'meeting at 08:00: a text would land at the meeting, so an email at 07:00',
      tz: NY,
      bookedAt: [2026, 3, 9, 15, 0],
      meeting: [2026, 3, 11, 8, 0],
      rows: [
        ['email', 'after-meeting', 'Wed 2026-03-11 08:00', 'Thu 2026-03-12 08:00'],
        ['email', 'meeting-reminder', 'Tue 2026-03-10 08:00', 'Wed 2026-03-11 08:00'],
        ['email', 'meeting-reminder', 'Wed 2026-03-11 07:00', 'Wed 2026-03-11 08:00'],
      ],
      warning: /text reminder 60 min before falls outside the contact's hours: an email instead/,
    },
    {
      name: 'Berlin, meeting the day after DST starts',
      tz: 'Europe/Berlin',
      bookedAt: [2026, 3, 27, 11, 0],
      meeting: [2026, 3, 30, 14, 0],
      rows: [
        ['email', 'after-meeting', 'Mon 2026-03-30 14:00', 'Tue 2026-03-31 14:00'],
        ['email', 'meeting-reminder', 'Sun 2026-03-29 14:00', 'Mon 2026-03-30 14:00'],
        ['sms', 'meeting-reminder', 'Mon 2026-03-30 13:00', 'Mon 2026-03-30 14:00'],
      ],
    },
    {
      name: 'meeting in 40 minutes: no reminder fits, the recap stands',
      tz: 'Asia/Kolkata',
      bookedAt: [2026, 3, 9, 15, 0],
      meeting: [2026, 3, 9, 15, 40],
      rows: [['email', 'after-meeting', 'Mon 2026-03-09 15:40', 'Tue 2026-03-10 15:40']],
      warning: /too close for the reminder 1 day before/,
    },
  ];
  for (const c of CASES) {
    it(c.name, () => {
      const e0 = enrolled(c.tz, at(c.tz, 2026, 3, 2, 10, 0), c.source);
      const now = at(c.tz, ...c.bookedAt);
      const r = ok(transition(e0, { type: 'book', meetingAt: at(c.tz, ...c.meeting) }, now));
      expect(r.enrolment.state).toBe('booked');
      expect(rows(c.tz, r.enrolment)).toEqual(c.rows);
      expect(r.activities.map((a) => a.kind)).toEqual(['booked', 'rule-fired']);
      expect(r.activities[1]!.text).toContain('the sequence stops');
      if (c.warning) expect(r.warnings?.map((w) => w.message).join(' ')).toMatch(c.warning);
      else expect(r.warnings ?? []).toEqual([]);
    });
  }

  it('booked with no time: the plain recap within 24 h and no rule', () => {
    const e0 = enrolled(NY, at(NY, 2026, 3, 2, 10, 0));
    const now = at(NY, 2026, 3, 4, 9, 0);
    const r = ok(transition(e0, { type: 'book' }, now));
    expect(rows(NY, r.enrolment)).toEqual([
      ['email', 'after-meeting', 'Wed 2026-03-04 09:00', 'Thu 2026-03-05 09:00'],
    ]);
    expect(r.activities.map((a) => a.kind)).toEqual(['booked']);
  });
});

describe('missed appointment -> re-book: text within 10 min, email the same day, call the next day (seed 002)', () => {
  it('New York, nothing sent that day: all three as written', () => {
    let e = enrolled(NY, at(NY, 2026, 3, 2, 10, 0));
    e = doSteps(e, [at(NY, 2026, 3, 2, 10, 0), at(NY, 2026, 3, 2, 10, 5)]);
    e = ok(
      transition(e, { type: 'book', meetingAt: at(NY, 2026, 3, 11, 10, 0) }, at(NY, 2026, 3, 2, 12, 0)),
    ).enrolment;
    const r = ok(transition(e, { type: 'missed-appointment' }, at(NY, 2026, 3, 11, 10, 30)));
    expect(r.enrolment.state).toBe('active');
    expect(r.enrolment.meetingAt).toBeUndefined();
    expect(rows(NY, r.enrolment)).toEqual([
      ['sms', 'meeting-ask', 'Wed 2026-03-11 10:30', 'Wed 2026-03-11 10:40'],
      ['email', 'meeting-ask', 'Wed 2026-03-11 10:30', 'Thu 2026-03-12 00:00'],
      ['call', 'call', 'Thu 2026-03-12 10:30', 'Fri 2026-03-13 00:00'],
    ]);
    expect(r.activities.map((a) => a.kind)).toEqual(['note', 'rule-fired']);
  });

  it('after the reminders went out: one text a day and 48 h between emails win, with warnings', () => {
    let e = enrolled(NY, at(NY, 2026, 3, 2, 10, 0));
    e = doSteps(e, [at(NY, 2026, 3, 2, 10, 0), at(NY, 2026, 3, 2, 10, 5)]);
    e = ok(
      transition(e, { type: 'book', meetingAt: at(NY, 2026, 3, 11, 10, 0) }, at(NY, 2026, 3, 2, 12, 0)),
    ).enrolment;
    // The reminders go out as planned: email Tue 10:00, text Wed 09:00.
    for (const x of e.extras ?? [])
      e = ok(transition(e, { type: 'extra-done', key: x.key }, x.dueAt)).enrolment;
    const r = ok(transition(e, { type: 'missed-appointment' }, at(NY, 2026, 3, 11, 10, 30)));
    expect(rows(NY, r.enrolment)).toEqual([
      ['sms', 'meeting-ask', 'Thu 2026-03-12 08:00', 'Thu 2026-03-12 08:10'],
      ['email', 'meeting-ask', 'Thu 2026-03-12 10:00', 'Fri 2026-03-13 00:00'],
      ['call', 'call', 'Fri 2026-03-13 10:00', 'Sat 2026-03-14 00:00'],
    ]);
    const msgs = (r.warnings ?? []).map((w) => w.code);
    expect(msgs).toEqual(['one-sms-a-day', 'email-spacing']);
  });

  it('only a booked meeting can be missed', () => {
    const e = enrolled(NY, at(NY, 2026, 3, 2, 10, 0));
    expect(transition(e, { type: 'missed-appointment' }, at(NY, 2026, 3, 3, 10, 0))).toMatchObject({
      ok: false,
    });
  });
});

describe('no reply after the last step -> the slower nurture path (seeds 001, 003)', () => {
  it('re-engage 60 days after the last touch by default, the rule says so', () => {
    let e = enrolled(NY, at(NY, 2026, 3, 3, 10, 0));
    const plan = planEnrolment(e);
    e = doSteps(
      e,
      plan.slice(0, 6).map((t) => t.dueAt.getTime()),
    );
    const r = ok(
      transition(e, { type: 'touch-done', at: plan[6]!.dueAt.getTime() }, plan[6]!.dueAt.getTime()),
    );
    expect(r.enrolment.state).toBe('completed');
    expect(rows(NY, r.enrolment)).toEqual([
      ['email', 're-engage', 'Sat 2026-05-16 12:00', 'Sun 2026-05-17 00:00'],
    ]);
    expect(r.activities.at(-1)).toMatchObject({ kind: 'rule-fired', rule: 'no-reply-renurture' });
    expect(r.activities.at(-1)!.text).toContain(
      're-engage email due Sat 2026-05-16 12:00 (60 days after the last touch)',
    );
  });

  it('a rule set to Day 90 (seed 001) wins over the default', () => {
    const rules = builtInRules().map((r) =>
      r.id === 'no-reply-renurture' ? { ...r, action: { kind: 're-nurture' as const, days: 90 } } : r,
    );
    let e: Enrolment = { ...enrolled(NY, at(NY, 2026, 3, 3, 10, 0)), rules };
    const plan = planEnrolment(e);
    e = doSteps(
      e,
      plan.map((t) => t.dueAt.getTime()),
    );
    expect(rows(NY, e)).toEqual([['email', 're-engage', 'Mon 2026-06-15 12:00', 'Tue 2026-06-16 00:00']]);
  });

  it('switched off: the contact leaves the sequence with nothing planned', () => {
    const rules = builtInRules().map((r) => (r.id === 'no-reply-renurture' ? { ...r, enabled: false } : r));
    let e: Enrolment = { ...enrolled(NY, at(NY, 2026, 3, 3, 10, 0)), rules };
    const plan = planEnrolment(e);
    e = doSteps(
      e,
      plan.map((t) => t.dueAt.getTime()),
    );
    expect(e.state).toBe('completed');
    expect(pendingTouches(e)).toEqual([]);
  });
});

describe('reply keywords -> proposals the rep confirms (nothing silent)', () => {
  const replyAt = at(NY, 2026, 3, 4, 14, 0);
  const replied = (text: string) => {
    const e = enrolled(NY, at(NY, 2026, 3, 3, 10, 0));
    return ok(transition(e, { type: 'reply', at: replyAt, text }, replyAt));
  };

  it('"Please remove me from your list" proposes an opt-out; confirming opts out', () => {
    const r = replied('Please remove me from your list.');
    expect(r.enrolment.state).toBe('paused');
    expect(r.enrolment.proposals).toEqual([
      { id: 1, action: 'opt-out', rule: 'reply-opt-out', at: replyAt, matched: 'remove me' },
    ]);
    expect(r.activities.map((a) => a.kind)).toEqual(['reply', 'paused', 'rule-fired']);
    const c = ok(transition(r.enrolment, { type: 'confirm-proposal', id: 1 }, replyAt + 60_000));
    expect(c.enrolment.state).toBe('opted-out');
    expect(c.enrolment.proposals).toBeUndefined();
    expect(c.activities.map((a) => a.kind)).toEqual(['proposal-confirmed', 'opted-out']);
  });

  it('"No me interesa, gracias" proposes finishing; confirming completes with no re-nurture', () => {
    const r = replied('No me interesa, gracias');
    expect(r.enrolment.proposals?.[0]).toMatchObject({ action: 'finish', matched: 'no me interesa' });
    const c = ok(transition(r.enrolment, { type: 'confirm-proposal', id: 1 }, replyAt + 60_000));
    expect(c.enrolment.state).toBe('completed');
    expect(pendingTouches(c.enrolment)).toEqual([]);
  });

  it('"Ruf mich an: +49 30 1234567" proposes a call; confirming puts a call due now', () => {
    const r = replied('Ruf mich an: +49 30 1234567');
    expect(r.enrolment.proposals?.[0]).toMatchObject({
      action: 'call-now',
      matched: 'ruf mich an',
      withinMinutes: 5,
    });
    const now = replyAt + 60_000;
    const c = ok(transition(r.enrolment, { type: 'confirm-proposal', id: 1 }, now));
    expect(c.enrolment.state).toBe('paused');
    expect(rows(NY, c.enrolment)).toEqual([['call', 'call', 'Wed 2026-03-04 14:01', 'Wed 2026-03-04 14:06']]);
    // Done from the due list, it closes.
    const d = ok(transition(c.enrolment, { type: 'extra-done', key: 1 }, now + 120_000));
    expect(pendingTouches(d.enrolment)).toEqual([]);
  });

  it('a call-me confirmed at 22:00 waits for the window, with a warning', () => {
    const r = replied('yes');
    const late = at(NY, 2026, 3, 4, 22, 0);
    const c = ok(transition(r.enrolment, { type: 'confirm-proposal', id: 1 }, late));
    expect(rows(NY, c.enrolment)).toEqual([['call', 'call', 'Thu 2026-03-05 08:00', 'Thu 2026-03-05 08:05']]);
    expect(c.warnings?.[0]?.code).toBe('contact-window');
  });

  it('dismissing changes nothing else', () => {
    const r = replied('unsubscribe');
    const c = ok(transition(r.enrolment, { type: 'dismiss-proposal', id: 1 }, replyAt + 1));
    expect(c.enrolment.state).toBe('paused');
    expect(c.enrolment.proposals).toBeUndefined();
    expect(c.activities.map((a) => a.kind)).toEqual(['proposal-dismissed']);
    expect(transition(c.enrolment, { type: 'confirm-proposal', id: 1 }, replyAt + 2)).toMatchObject({
      ok: false,
    });
  });

  it('a plain reply proposes nothing', () => {
    const r = replied('Thanks, I will look at it next week.');
    expect(r.enrolment.proposals).toBeUndefined();
    expect(r.activities.map((a) => a.kind)).toEqual(['reply', 'paused']);
  });
});
