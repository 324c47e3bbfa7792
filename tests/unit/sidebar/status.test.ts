import { describe, expect, it } from 'vitest';
import { BUILT_IN_PLAYBOOKS } from '@/lib/cadence/playbooks';
import type { EnrolmentRow, TouchRow } from '@/lib/db/schema';
import {
  currentEnrolment,
  dueText,
  nextPlannedTouch,
  replyCutoff,
  stateLabel,
  stepLine,
  theirTime,
  timeline,
} from '@/lib/sidebar/status';

const MIN = 60_000;
const HOUR = 60 * MIN;
// Monday 23 Nov 2026, 10:00 in New York (15:00 UTC).
const NOW = Date.UTC(2026, 10, 23, 15, 0);
const NY = 'America/New_York';
const steps = BUILT_IN_PLAYBOOKS.find((p) => p.id === 'seven-touch-14-day')?.steps ?? [];

function enrolment(patch: Partial<EnrolmentRow> = {}): EnrolmentRow {
  return {
    id: 1,
    contactId: 1,
    playbookId: 'seven-touch-14-day',
    playbookName: '7 touches in 14 days',
    source: 'web-form',
    steps,
    enrolledAt: NOW - 2 * HOUR,
    timeZone: NY,
    state: 'active',
    stateChangedAt: NOW - 2 * HOUR,
    done: [],
    ...patch,
  };
}
function touch(patch: Partial<TouchRow>): TouchRow {
  return {
    id: 1,
    enrolmentId: 1,
    contactId: 1,
    step: 1,
    totalSteps: 7,
    channel: 'sms',
    purpose: 'acknowledge',
    dueAt: NOW,
    deadlineAt: NOW + HOUR,
    state: 'planned',
    ...patch,
  };
}

describe('stateLabel', () => {
  it('names the pause reason', () => {
    expect(stateLabel({ state: 'paused', pauseReason: 'replied' })).toBe('Paused (replied)');
    expect(stateLabel({ state: 'paused', pauseReason: 'manual' })).toBe('Paused');
    expect(stateLabel({ state: 'opted-out' })).toBe('Opted out');
  });
});

describe('dueText / stepLine', () => {
  it('reads overdue from the deadline', () => {
    expect(dueText({ dueAt: NOW - 3 * HOUR, deadlineAt: NOW - 2 * HOUR }, NOW, NY)).toEqual({
      text: 'overdue by 2 hr',
      tone: 'overdue',
    });
  });
  it('reads due now between due time and deadline, and within the next minute', () => {
    expect(dueText({ dueAt: NOW - MIN, deadlineAt: NOW + HOUR }, NOW, NY).text).toBe('due now');
    expect(dueText({ dueAt: NOW + 20_000, deadlineAt: NOW + HOUR }, NOW, NY).text).toBe('due now');
  });
  it('reads later today, tomorrow and later days in the rep zone', () => {
    expect(dueText({ dueAt: NOW + 20 * MIN, deadlineAt: NOW + 2 * HOUR }, NOW, NY).text).toBe(
      'due in 20 min',
    );
    expect(dueText({ dueAt: NOW + 5 * HOUR, deadlineAt: NOW + 9 * HOUR }, NOW, NY).text).toBe(
      'due today, 3:00 PM',
    );
    expect(dueText({ dueAt: NOW + 23 * HOUR, deadlineAt: NOW + 30 * HOUR }, NOW, NY).text).toBe(
      'due tomorrow, 9:00 AM',
    );
    expect(dueText({ dueAt: NOW + 72 * HOUR, deadlineAt: NOW + 80 * HOUR }, NOW, NY).text).toBe(
      'due Thu, Nov 26',
    );
  });
  it('builds "Touch 3 of 7 · Text due now" and names follow-ups', () => {
    expect(stepLine(touch({ step: 3 }), NOW, NY).text).toBe('Touch 3 of 7 · Text due now');
    expect(stepLine(touch({ step: 0, channel: 'email', purpose: 'after-meeting' }), NOW, NY).text).toBe(
      'Meeting recap · Email due now',
    );
  });
});

describe('times', () => {
  it('shows the contact clock only when it differs', () => {
    expect(theirTime(NOW, NY, 'Europe/Berlin')).toBe('4:00 PM their time');
    expect(theirTime(NOW, NY, NY)).toBeUndefined();
    expect(theirTime(NOW, NY, undefined)).toBeUndefined();
    expect(theirTime(NOW, NY, 'America/Toronto')).toBeUndefined();
  });
});

describe('enrolment picking and the timeline', () => {
  it('prefers a running enrolment, then the most recent', () => {
    const done = enrolment({ id: 1, state: 'completed', stateChangedAt: NOW });
    const run = enrolment({ id: 2, state: 'paused', stateChangedAt: NOW - HOUR });
    expect(currentEnrolment([done, run])?.id).toBe(2);
    expect(currentEnrolment([done, enrolment({ id: 3, state: 'booked', stateChangedAt: 1 })])?.id).toBe(3);
    expect(currentEnrolment([])).toBeUndefined();
  });

  it('takes the earliest planned touch of the enrolment', () => {
    const ts = [
      touch({ id: 5, step: 3, dueAt: NOW + HOUR }),
      touch({ id: 4, step: 2, dueAt: NOW }),
      touch({ id: 9, enrolmentId: 2, dueAt: 0 }),
    ];
    expect(nextPlannedTouch(ts, 1)?.id).toBe(4);
  });

  it('lists done, planned and waiting steps, follow-ups last', () => {
    const e = enrolment({ done: [{ step: 1, channel: 'sms', at: NOW - HOUR }] });
    const ts = [
      touch({ id: 1, step: 1, state: 'done', doneAt: NOW - HOUR }),
      touch({ id: 2, step: 2, channel: 'email', purpose: 'confirm', dueAt: NOW }),
      touch({ id: 3, step: 3, channel: 'call', purpose: 'call', dueAt: NOW + 24 * HOUR }),
      touch({ id: 8, step: 0, channel: 'email', purpose: 're-engage', dueAt: NOW + 90 * 24 * HOUR }),
    ];
    const items = timeline(e, ts);
    expect(items.map((i) => i.status)).toEqual([
      'done',
      'planned',
      'planned',
      'waiting',
      'waiting',
      'waiting',
      'waiting',
      'planned',
    ]);
    expect(items[0]?.at).toBe(NOW - HOUR);
    expect(items.filter((i) => i.next).map((i) => i.step)).toEqual([2]);
    expect(items.at(-1)?.step).toBe(0);
  });

  it('uses the enrolment record for done steps without a touch row', () => {
    const e = enrolment({ done: [{ step: 1, channel: 'sms', at: 5, skipped: true }] });
    expect(timeline(e, [])[0]).toMatchObject({ status: 'skipped', at: 5 });
  });

  it('counts replies after the latest of enrolment, last touch and last reply', () => {
    expect(replyCutoff(enrolment({ enrolledAt: 10, done: [] }))).toBe(10);
    expect(
      replyCutoff(
        enrolment({ enrolledAt: 10, done: [{ step: 1, channel: 'sms', at: 50 }], lastReplyAt: 30 }),
      ),
    ).toBe(50);
    expect(
      replyCutoff(enrolment({ enrolledAt: 10, done: [{ step: 1, channel: 'sms', at: 50, skipped: true }] })),
    ).toBe(10);
    expect(replyCutoff(enrolment({ enrolledAt: 10, done: [], lastTouchAt: 70, lastReplyAt: 90 }))).toBe(90);
  });
});
