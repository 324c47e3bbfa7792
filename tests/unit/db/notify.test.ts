import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolContact, logReply, saveSettings, TouchbaseDb, type TouchRow } from '@/lib/db';
import {
  claimDailyNudge,
  claimSpeedToLeadDue,
  LAST_NUDGE_KEY,
  lastNudgeDay,
  nudgeCounts,
} from '@/lib/db/notify';

const T0 = Date.parse('2026-03-03T15:00:00Z'); // Tue 10:00 New York
const MIN = 60_000;
const HOUR = 3_600_000;
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-notify-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function touch(p: Partial<TouchRow>): Omit<TouchRow, 'id'> {
  return {
    enrolmentId: 1,
    contactId: 1,
    step: 1,
    totalSteps: 7,
    channel: 'call',
    purpose: 'call',
    dueAt: T0,
    deadlineAt: T0 + 5 * MIN,
    state: 'planned',
    ...p,
  };
}

describe('claimSpeedToLeadDue', () => {
  it('claims due speed-to-lead touches once', async () => {
    const ids = await db.touches.bulkAdd(
      [
        touch({ withinMinutes: 5, dueAt: T0 - MIN }),
        touch({ withinMinutes: 5, dueAt: T0 + MIN }), // not due yet
        touch({ dueAt: T0 - MIN }), // no speed-to-lead deadline
        touch({ withinMinutes: 5, dueAt: T0 - 2 * HOUR }), // long missed: not news
        touch({ withinMinutes: 5, dueAt: T0 - MIN, state: 'done' }),
      ] as TouchRow[],
      { allKeys: true },
    );
    const first = await claimSpeedToLeadDue(db, T0);
    expect(first.map((t) => t.id)).toEqual([ids[0]]);
    expect((await db.touches.get(ids[0]!))?.notifiedAt).toBe(T0);
    expect(await claimSpeedToLeadDue(db, T0 + 30_000)).toEqual([]);
    // The next one falls due a minute later and is announced then, once.
    const later = await claimSpeedToLeadDue(db, T0 + 2 * MIN);
    expect(later.map((t) => t.id)).toEqual([ids[1]]);
    expect(await claimSpeedToLeadDue(db, T0 + 3 * MIN)).toEqual([]);
  });

  it('two overlapping ticks announce a touch only once', async () => {
    await db.touches.add(touch({ withinMinutes: 5, dueAt: T0 }) as TouchRow);
    const [a, b] = await Promise.all([claimSpeedToLeadDue(db, T0), claimSpeedToLeadDue(db, T0)]);
    expect(a.length + b.length).toBe(1);
  });

  it('works with a real enrolment: the Day-0 call is announced, later steps are not', async () => {
    await enrolContact(db, {
      contact: { email: 'ada@example.com', firstName: 'Ada', timeZone: 'America/New_York' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    const claimed = await claimSpeedToLeadDue(db, T0 + MIN);
    expect(claimed.length).toBeGreaterThan(0);
    for (const t of claimed) {
      expect(t.withinMinutes).toBeDefined();
      expect(t.dueAt).toBeLessThanOrEqual(T0 + MIN);
    }
  });
});

describe('daily nudge bookkeeping', () => {
  it('claims each day once and remembers it in meta', async () => {
    expect(await lastNudgeDay(db)).toBeUndefined();
    expect(await claimDailyNudge(db, '2026-03-03')).toBe(true);
    expect(await claimDailyNudge(db, '2026-03-03')).toBe(false);
    expect(await lastNudgeDay(db)).toBe('2026-03-03');
    expect((await db.meta.get(LAST_NUDGE_KEY))?.value).toBe('2026-03-03');
    expect(await claimDailyNudge(db, '2026-03-04')).toBe(true);
  });

  it('counts today and overdue from the indexes and lists replies waiting', async () => {
    await db.touches.bulkAdd([
      touch({ dueAt: T0 - HOUR, deadlineAt: T0 - MIN }), // overdue
      touch({ dueAt: T0 + HOUR, deadlineAt: T0 + 2 * HOUR }), // later today
      touch({ dueAt: T0 + 20 * HOUR, deadlineAt: T0 + 22 * HOUR }), // tomorrow
      touch({ dueAt: T0 - HOUR, deadlineAt: T0 - MIN, state: 'done' }),
    ] as TouchRow[]);
    const { contactId } = await enrolContact(db, {
      contact: { email: 'bo@example.com', firstName: 'Bo', lastName: 'Diaz', timeZone: 'America/New_York' },
      playbookId: 'seven-touch-14-day',
      source: 'referral',
      via: 'test',
      now: T0 - 2 * HOUR,
    });
    await logReply(db, contactId, { now: T0 - HOUR, via: 'test' });
    const endOfToday = Date.parse('2026-03-04T05:00:00Z');
    const counts = await nudgeCounts(db, T0, endOfToday);
    expect(counts.dueToday).toBe(2);
    expect(counts.overdue).toBe(1);
    expect(counts.replies.map((c) => c.firstName)).toEqual(['Bo']);
  });
});
