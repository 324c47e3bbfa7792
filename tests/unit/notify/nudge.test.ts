import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW } from '@/lib/cadence/types';
import { computedTouchId } from '@/lib/db/touch-id';
import {
  isNudgeTime,
  localDayKey,
  nameList,
  nudgeMessage,
  speedToLeadNotices,
  touchNoticeId,
} from '@/lib/notify';

const NY = 'America/New_York';
const at = (iso: string) => Date.parse(iso);
const window = { ...DEFAULT_WINDOW }; // 08:00-20:00 every day

describe('isNudgeTime', () => {
  it('is due once the window opens, in the rep zone', () => {
    expect(
      isNudgeTime({ now: at('2026-03-03T12:59:00Z'), timeZone: NY, window, lastNudgeDay: undefined }),
    ).toEqual({ due: false, day: '2026-03-03' });
    expect(
      isNudgeTime({ now: at('2026-03-03T13:00:00Z'), timeZone: NY, window, lastNudgeDay: undefined }),
    ).toEqual({ due: true, day: '2026-03-03' });
  });
  it('happens once a day', () => {
    const now = at('2026-03-03T15:00:00Z');
    expect(isNudgeTime({ now, timeZone: NY, window, lastNudgeDay: '2026-03-03' }).due).toBe(false);
    expect(isNudgeTime({ now, timeZone: NY, window, lastNudgeDay: '2026-03-02' }).due).toBe(true);
  });
  it('catches up later in the day, but not after the window closed', () => {
    expect(
      isNudgeTime({ now: at('2026-03-03T19:00:00Z'), timeZone: NY, window, lastNudgeDay: undefined }).due,
    ).toBe(true);
    expect(
      isNudgeTime({ now: at('2026-03-04T01:30:00Z'), timeZone: NY, window, lastNudgeDay: undefined }).due,
    ).toBe(false);
  });
  it('skips days outside the window', () => {
    const weekdays = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
    // Sat 2026-03-07 10:00 NY
    expect(
      isNudgeTime({
        now: at('2026-03-07T15:00:00Z'),
        timeZone: NY,
        window: weekdays,
        lastNudgeDay: undefined,
      }).due,
    ).toBe(false);
  });
  it('keys days by the local calendar (UTC is already tomorrow)', () => {
    expect(localDayKey(at('2026-03-04T03:00:00Z'), NY)).toBe('2026-03-03');
    expect(localDayKey(at('2026-03-04T03:00:00Z'), 'Asia/Tokyo')).toBe('2026-03-04');
  });
  it('treats a window ending at midnight as open until midnight', () => {
    const w = { days: [0, 1, 2, 3, 4, 5, 6], start: '08:00', end: '00:00' };
    expect(
      isNudgeTime({ now: at('2026-03-04T04:30:00Z'), timeZone: NY, window: w, lastNudgeDay: undefined }).due,
    ).toBe(true);
  });
});

describe('nudgeMessage', () => {
  it('says nothing when there is nothing to do', () => {
    expect(nudgeMessage({ dueToday: 0, overdue: 0, replies: [] })).toBeNull();
  });
  it('summarises due touches, late ones and replies waiting', () => {
    expect(nudgeMessage({ dueToday: 6, overdue: 2, replies: ['Ada', 'Bo'] })).toEqual({
      title: 'Good morning: 6 touches due today, 2 replies waiting',
      message: '2 already late: start with those. Waiting for your answer: Ada and Bo.',
    });
    expect(nudgeMessage({ dueToday: 1, overdue: 0, replies: [] })).toEqual({
      title: 'Good morning: 1 touch due today',
      message: 'Open Touchbase to work through the list.',
    });
  });
  it('lists a few names and counts the rest', () => {
    expect(nameList(['A'])).toBe('A');
    // Intl.ListFormat's own conjunction for the locale (en-US writes the serial comma).
    expect(nameList(['A', 'B', 'C'])).toBe('A, B, and C');
    expect(nameList(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C and 2 more');
  });
});

describe('speedToLeadNotices', () => {
  const now = at('2026-03-03T15:00:00Z');
  const item = (touchId: number) => ({
    touchId,
    enrolmentId: touchId,
    step: 1,
    channel: 'call' as const,
    purpose: 'call' as const,
    deadlineAt: now + 4 * 60_000,
    withinMinutes: 5,
    contact: { firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical', email: 'ada@x.com' },
  });
  it('announces one touch with the time left', () => {
    expect(speedToLeadNotices([item(7)], now)).toEqual([
      {
        id: 'tb-touch-7-1',
        title: 'Speed to lead: Ada Lovelace (Analytical)',
        message: 'Call · Call attempt. 4 min left of 5.',
      },
    ]);
  });
  it('names a touch by enrolment and step, so its computed and its stored forms share one notice', () => {
    const computed = touchNoticeId({ touchId: computedTouchId(7, 2), enrolmentId: 7, step: 2 });
    expect(computed).toBe('tb-touch-7-2');
    expect(touchNoticeId({ touchId: 41, enrolmentId: 7, step: 2 })).toBe(computed);
    expect(touchNoticeId({ touchId: 41, enrolmentId: 7, step: 3 })).not.toBe(computed);
    // A rule-added touch (step 0) is always a row: its id alone.
    expect(touchNoticeId({ touchId: 41, enrolmentId: 7, step: 0 })).toBe('tb-touch-41');
  });
  it('rolls a burst into one summary', () => {
    const n = speedToLeadNotices([1, 2, 3, 4].map(item), now);
    expect(n).toHaveLength(1);
    expect(n[0]?.title).toBe('4 new leads need a first touch');
  });
  it('says when the window already passed', () => {
    const late = { ...item(1), deadlineAt: now - 1 };
    expect(speedToLeadNotices([late], now)[0]?.message).toContain('5-minute window has passed');
  });
});
