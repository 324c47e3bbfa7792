/**
 * Properties of the rules (issue #13): whatever the zone, window, history and event time, a
 * rule never schedules an interruptive touch outside the contact's window, and never breaks one
 * text a day or 48 h between emails without saying so in a warning.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ContactWindow,
  type Enrolment,
  enrol,
  getBuiltInPlaybook,
  HOUR_MS,
  LEAD_SOURCES,
  localDay,
  localTimeOfDay,
  parseHhMm,
  pendingTouches,
  planEnrolment,
  toLocal,
  transition,
  weekdayOf,
} from '@/lib/cadence';

const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
  'UTC',
];
const PLAYBOOKS = [
  'seven-touch-14-day',
  'speed-to-lead-90',
  'multichannel-drip',
  'ten-touchpoints',
  'linkedin-14-day',
];
const START = Date.UTC(2026, 0, 1);
const SPAN = 365 * 24 * HOUR_MS;

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const windowArb: fc.Arbitrary<ContactWindow> = fc
  .record({
    days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
    start: fc.integer({ min: 0, max: 22 * 60 }),
    len: fc.integer({ min: 60, max: 14 * 60 }),
  })
  .map(({ days, start, len }) => ({ days, start: hhmm(start), end: hhmm(Math.min(24 * 60, start + len)) }));

function inWindow(tz: string, w: ContactWindow, utc: number): boolean {
  const local = toLocal(tz, utc);
  const tod = localTimeOfDay(local) / 60_000;
  return (
    w.days.includes(weekdayOf(localDay(local))) && tod >= parseHhMm(w.start) && tod < parseHhMm(w.end, true)
  );
}

/** Every touch the contact had or will have: done steps, done extras, the pending plan. */
function allTouches(e: Enrolment) {
  const out: { channel: string; at: number; planned: boolean }[] = [];
  for (const d of e.done) if (!d.skipped) out.push({ channel: d.channel, at: d.at, planned: false });
  for (const x of e.extras ?? [])
    if (!x.skipped)
      out.push({ channel: x.channel, at: x.doneAt ?? x.dueAt, planned: x.doneAt === undefined });
  for (const t of pendingTouches(e))
    if (t.extraKey === undefined) out.push({ channel: t.channel, at: t.dueAt.getTime(), planned: true });
  return out;
}

const scenario = fc.record({
  tz: fc.constantFrom(...ZONES),
  playbook: fc.constantFrom(...PLAYBOOKS),
  source: fc.constantFrom(...LEAD_SOURCES),
  window: windowArb,
  enrolledAt: fc.integer({ min: START, max: START + SPAN }),
  /** Delays (minutes) after each due time at which the rep does the steps before the call. */
  lateness: fc.array(fc.integer({ min: -600, max: 3000 }), { minLength: 0, maxLength: 8 }),
  outcome: fc.constantFrom('no-answer' as const, 'voicemail' as const),
  callLate: fc.integer({ min: -600, max: 3000 }),
});

describe('rule properties', () => {
  it('a call outcome never puts a text outside the window, and one text a day / 48 h spacing hold or warn', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r0 = enrol(
          {
            contactId: 1,
            playbook: getBuiltInPlaybook(s.playbook)!,
            source: s.source,
            timeZone: s.tz,
            window: s.window,
          },
          s.enrolledAt,
        );
        if (!r0.ok) return;
        let e = r0.enrolment;
        let now = s.enrolledAt;
        // Do steps until a call is next, each at its due time shifted by the rep's lateness.
        for (let i = 0; e.state === 'active'; i++) {
          const next = planEnrolment(e)[e.done.length]!;
          const late = (i < s.lateness.length ? s.lateness[i]! : 0) * 60_000;
          const t = Math.max(now, next.dueAt.getTime() + late);
          if (next.channel === 'call') {
            const when = Math.max(now, next.dueAt.getTime() + s.callLate * 60_000);
            const r = transition(e, { type: 'touch-done', at: when, outcome: s.outcome }, when);
            if (!r.ok) throw new Error(r.message);
            const warned = new Set((r.warnings ?? []).map((w) => w.code));
            const after = r.enrolment;
            const added = after.steps.findIndex(
              (st, k) => k >= e.done.length + 1 && st.rule === 'no-answer-text',
            );
            if (s.outcome === 'no-answer' && after.state === 'active') {
              expect(added).toBe(e.done.length + 1);
              const t2 = planEnrolment(after)[added]!;
              const due = t2.dueAt.getTime();
              expect(due).toBeGreaterThanOrEqual(when);
              if (t2.channel === 'sms') expect(inWindow(s.tz, s.window, due)).toBe(true);
              if (due > when + 10 * 60_000 && t2.channel === 'sms') {
                expect(warned.has('contact-window') || warned.has('one-sms-a-day')).toBe(true);
              }
              if (due > when && t2.channel === 'email') expect(warned.has('email-spacing')).toBe(true);
            }
            // Across the whole plan: nothing planned shares a local day with another text or
            // comes under 48 h after another email (what the rep already did is history).
            const all = allTouches(after).sort((a, b) => a.at - b.at);
            const days = new Map<number, number>();
            let lastEmail = Number.NEGATIVE_INFINITY;
            for (const x of all) {
              if (x.channel === 'sms') {
                const d = localDay(toLocal(s.tz, x.at));
                if (x.planned) expect(days.has(d)).toBe(false);
                days.set(d, (days.get(d) ?? 0) + 1);
              }
              if (x.channel === 'email') {
                if (x.planned) expect(x.at - lastEmail).toBeGreaterThanOrEqual(48 * HOUR_MS);
                lastEmail = x.at;
              }
            }
            return;
          }
          const r = transition(e, { type: 'touch-done', at: t }, t);
          if (!r.ok) throw new Error(r.message);
          e = r.enrolment;
          now = t;
        }
      }),
      { numRuns: 150 },
    );
  });

  it('meeting reminders are before the meeting, inside the window when interruptive, and warn when moved', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        windowArb,
        fc.integer({ min: START, max: START + SPAN }),
        fc.integer({ min: 10, max: 14 * 24 * 60 }),
        (tz, window, now, inMinutes) => {
          const r0 = enrol(
            {
              contactId: 1,
              playbook: getBuiltInPlaybook('seven-touch-14-day')!,
              source: 'web-form',
              timeZone: tz,
              window,
            },
            now - 24 * HOUR_MS,
          );
          if (!r0.ok) return;
          const meetingAt = now + inMinutes * 60_000;
          const r = transition(r0.enrolment, { type: 'book', meetingAt }, now);
          if (!r.ok) throw new Error(r.message);
          const warned = new Set((r.warnings ?? []).map((w) => w.code));
          for (const x of r.enrolment.extras ?? []) {
            expect(x.dueAt).toBeGreaterThan(now);
            expect(x.dueAt).toBeLessThan(meetingAt);
            expect(x.deadlineAt).toBe(meetingAt);
            if (x.channel === 'sms') expect(inWindow(tz, window, x.dueAt)).toBe(true);
          }
          const sms = (r.enrolment.extras ?? []).filter((x) => x.channel === 'sms');
          const expected = 2;
          if ((r.enrolment.extras ?? []).length < expected)
            expect(warned.has('too-late') || warned.has('contact-window')).toBe(true);
          if (sms.length === 0 && !warned.has('too-late')) expect(warned.has('contact-window')).toBe(true);
          expect(r.enrolment.followUp).toMatchObject({
            purpose: 'after-meeting',
            dueAt: meetingAt,
            deadlineAt: meetingAt + 24 * HOUR_MS,
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a confirmed call-me is never outside the window, and warns whenever it moved', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        windowArb,
        fc.integer({ min: START, max: START + SPAN }),
        (tz, window, now) => {
          const r0 = enrol(
            {
              contactId: 1,
              playbook: getBuiltInPlaybook('seven-touch-14-day')!,
              source: 'web-form',
              timeZone: tz,
              window,
            },
            now - HOUR_MS,
          );
          if (!r0.ok) return;
          const r1 = transition(r0.enrolment, { type: 'reply', text: 'Call me' }, now);
          if (!r1.ok) throw new Error(r1.message);
          const r2 = transition(r1.enrolment, { type: 'confirm-proposal', id: 1 }, now);
          if (!r2.ok) throw new Error(r2.message);
          const call = r2.enrolment.extras?.[0];
          expect(call).toBeDefined();
          expect(inWindow(tz, window, call!.dueAt)).toBe(true);
          if (call!.dueAt > now) expect(r2.warnings?.[0]?.code).toBe('contact-window');
          else expect(r2.warnings ?? []).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
