import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_PLAYBOOKS, pendingTouches } from '@/lib/cadence';
import {
  completeTouch,
  dueGroupCounts,
  dueSummary,
  enrolContact,
  enrolmentAction,
  nextTouchFor,
  recordUndo,
  STORE_AHEAD_MS,
  saveSettings,
  plannedDueBefore,
  snoozeTouch,
  splitPlanned,
  storeLaterTouches,
  TouchbaseDb,
  undo,
  withLaterTouches,
} from '@/lib/db';
import { nudgeCounts } from '@/lib/db/notify';
import { loadSidebarData } from '@/lib/sidebar/query';

const T0 = Date.parse('2026-03-03T15:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-horizon-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** Every planned touch due before `until`, as the engine plans them: what storing every one gave. */
async function engineDue(until: number): Promise<string[]> {
  const out: string[] = [];
  for (const e of await db.enrolments.toArray()) {
    for (const p of pendingTouches(e)) {
      if (p.dueAt.getTime() < until) out.push(`${e.id}:${p.step}:${p.extraKey ?? ''}:${p.dueAt.getTime()}`);
    }
  }
  return out.sort();
}

/** The same as the popup reads it: the stored rows plus the ones the engine computes. */
async function storedDue(until: number): Promise<string[]> {
  const { touches: rows, more } = await db.transaction('r', db.touches, db.enrolments, () =>
    plannedDueBefore(db, until, 10_000),
  );
  expect(more).toBe(false);
  return rows.map((t) => `${t.enrolmentId}:${t.step}:${t.extraKey ?? ''}:${t.dueAt}`).sort();
}

/** The badge's and the popup's counts, computed from the engine's full plan. */
async function engineCounts(now: number) {
  let due = 0;
  let overdue = 0;
  for (const e of await db.enrolments.toArray()) {
    for (const p of pendingTouches(e)) {
      if (p.dueAt.getTime() <= now) due++;
      if (p.deadlineAt.getTime() < now) overdue++;
    }
  }
  return { due, overdue };
}

async function enrolEveryPlaybook(now: number): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, p] of BUILT_IN_PLAYBOOKS.entries()) {
    const { contactId } = await enrolContact(db, {
      contact: { email: `c${i}@example.com`, firstName: `C${i}`, phone: '+15550100000' },
      playbookId: p.id,
      source: 'web-form',
      via: 'test',
      now,
    });
    ids.push(contactId);
  }
  return ids;
}

/** What the popup, the badge and the contacts table read must be what storing everything gave. */
async function expectExact(now: number, label: string) {
  expect(await storedDue(now + WEEK), `${label}: due list`).toEqual(await engineDue(now + WEEK));
  expect(await dueSummary(db, now), `${label}: badge`).toEqual(await engineCounts(now));
  // The daily nudge: due before the end of the day (10 h later here), and overdue.
  const nudge = await nudgeCounts(db, now, now + 10 * HOUR);
  expect({ dueToday: nudge.dueToday, overdue: nudge.overdue }, `${label}: nudge`).toEqual({
    dueToday: (await engineDue(now + 10 * HOUR)).length,
    overdue: (await engineCounts(now)).overdue,
  });
  for (const e of await db.enrolments.toArray()) {
    const pending = pendingTouches(e).map((p) => p.dueAt.getTime());
    const next = await nextTouchFor(db, e.contactId);
    // The contacts table's "next touch": the earliest planned one is always a row.
    expect(next?.dueAt, `${label}: next touch of ${e.id}`).toBe(
      pending.length ? Math.min(...pending) : undefined,
    );
  }
}

describe('planned touches are rows only inside the stored horizon', () => {
  it('keep the badge, the 7-day due list and the next touch exact as time passes, the alarm storing what comes closer', async () => {
    const contacts = await enrolEveryPlaybook(T0);
    // Far fewer rows than planned touches.
    const planned = (await db.enrolments.toArray()).reduce((s, e) => s + pendingTouches(e).length, 0);
    expect(await db.touches.count()).toBeLessThan(planned);
    await expectExact(T0, 'enrolled');

    let lastAlarm = T0;
    let extended = 0;
    const times = [1, 5, 20, 23, 30, 50, 60, 70, 100, 150, 200, 330, 700, 1000, 1500, 2200, 2300].map(
      (h) => T0 + h * HOUR,
    );
    for (const [k, t] of times.entries()) {
      // However long without the alarm (a sleeping laptop), the due list and the badge are whole.
      await expectExact(t, `${(t - T0) / HOUR} h (${(t - lastAlarm) / HOUR} h since the alarm), before it`);
      extended += await storeLaterTouches(db, t);
      lastAlarm = t;
      await expectExact(t, `${(t - T0) / HOUR} h`);
      // The rep works some of it: done, and a pause and resume.
      const c = contacts[k % contacts.length]!;
      const next = await nextTouchFor(db, c);
      if (next && next.dueAt <= t) await completeTouch(db, next.id, { now: t, via: 'test' });
      if (k === 3) {
        const e = (await db.enrolments.where('contactId').equals(contacts[0]!).first())!;
        await enrolmentAction(db, e.id, { kind: 'pause' }, { now: t, via: 'test' });
        await expectExact(t, 'paused');
        await enrolmentAction(db, e.id, { kind: 'resume' }, { now: t + HOUR, via: 'test' });
      }
      await expectExact(t + HOUR, `${(t - T0) / HOUR} h, after the rep's work`);
    }
    expect(extended).toBeGreaterThan(0);
    expect(await db.activities.where('kind').equals('touch-done').count()).toBeGreaterThan(3);
  });

  it('the popup group counts come out the same as storing everything', async () => {
    await enrolEveryPlaybook(T0);
    const now = T0 + 2 * DAY;
    await storeLaterTouches(db, now);
    const end = now + 10 * HOUR;
    const counts = await dueGroupCounts(db, now, end, now + WEEK);
    let overdue = 0;
    let today = 0;
    let upcoming = 0;
    for (const e of await db.enrolments.toArray()) {
      for (const p of pendingTouches(e)) {
        if (p.deadlineAt.getTime() <= now) overdue++;
        else if (p.dueAt.getTime() < end) today++;
        else if (p.dueAt.getTime() < now + WEEK) upcoming++;
      }
    }
    expect(counts).toEqual({ overdue, today, upcoming });
  });

  it('the sidebar timeline still lists every planned touch, the later ones from the engine', async () => {
    await enrolContact(db, {
      contact: { email: 'ada@example.com', firstName: 'Ada' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    const e = (await db.enrolments.toArray())[0]!;
    const stored = await db.touches.toArray();
    // The first week's burst is stored; day 14 and day 90 (at least) are computed.
    const inside = pendingTouches(e).filter((p) => p.dueAt.getTime() < T0 + STORE_AHEAD_MS);
    expect(inside.length).toBeLessThanOrEqual(6);
    expect(stored.map((t) => t.step).sort()).toEqual(inside.map((p) => p.step));
    expect(e.laterDueAt).toBe(pendingTouches(e)[inside.length]!.dueAt.getTime());
    const data = await loadSidebarData(db, { people: ['ada@example.com'], senders: [] });
    expect(data.touches.map((t) => t.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(data.touches.map((t) => t.dueAt)).toEqual(pendingTouches(e).map((p) => p.dueAt.getTime()));
    // Computed rows carry ids no stored row has; the next step is always a stored row.
    expect(data.touches.filter((t) => t.id < 0).map((t) => t.step)).toEqual(
      pendingTouches(e)
        .slice(inside.length)
        .map((p) => p.step),
    );
    expect(withLaterTouches(stored, [e])).toHaveLength(8);
  });

  it('splitPlanned stores every touch due within the horizon, the next step, and every extra', async () => {
    await enrolContact(db, {
      contact: { email: 'ada@example.com', firstName: 'Ada' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    const e = (await db.enrolments.toArray())[0]!;
    // Long after the last step was due: everything left is inside the horizon.
    expect(splitPlanned(e, T0 + 100 * DAY)).toMatchObject({ laterDueAt: undefined });
    expect(splitPlanned(e, T0 + 100 * DAY).stored).toHaveLength(8);
    // Long before: only the next step (and what is due with it), which is always a row.
    const early = splitPlanned(e, T0 - 30 * DAY);
    const first = pendingTouches(e)[0]!.dueAt.getTime();
    const withFirst = pendingTouches(e).filter((p) => p.dueAt.getTime() <= first);
    expect(early.stored.map((t) => t.step)).toEqual(withFirst.map((p) => p.step));
    expect(early.laterDueAt).toBe(pendingTouches(e)[withFirst.length]!.dueAt.getTime());
    // An hour ahead only: an import or a resume writes one or two touch rows per enrolment.
    expect(STORE_AHEAD_MS).toBeLessThanOrEqual(HOUR);
    expect(withFirst.length).toBeLessThan(pendingTouches(e).length);
  });

  it('a pause deletes only the stored rows, and undo brings back exactly those, with their ids', async () => {
    await enrolEveryPlaybook(T0);
    const e = (await db.enrolments.toArray())[0]!;
    const before = await db.touches.toArray();
    const { undo: ticket } = await recordUndo(db, { label: 'pause', via: 't', now: T0 + HOUR }, () =>
      enrolmentAction(db, e.id, { kind: 'pause' }, { now: T0 + HOUR, via: 't' }),
    );
    expect(await db.touches.where('enrolmentId').equals(e.id).count()).toBe(0);
    await undo(db, ticket!.id, T0 + HOUR + 1000);
    expect(await db.touches.toArray()).toEqual(before);
    expect(await db.enrolments.get(e.id)).toEqual(e);
  });

  it('an action on a computed touch writes its row first, all or nothing, and undo takes it back', async () => {
    await enrolContact(db, {
      contact: { email: 'ada@example.com', firstName: 'Ada' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    const e = (await db.enrolments.toArray())[0]!;
    const now = T0 + 2 * HOUR;
    const { touches: list } = await db.transaction('r', db.touches, db.enrolments, () =>
      plannedDueBefore(db, now + WEEK, 300),
    );
    const computed = list.filter((t) => t.id < 0);
    expect(computed.length).toBeGreaterThan(0);
    const pick = computed[computed.length - 1]!;
    const rowsBefore = await db.touches.toArray();
    // The engine refuses it (not the next step): the row written for it is rolled back too.
    await expect(completeTouch(db, pick.id, { now, via: 't' })).rejects.toThrow(/not next/);
    expect(await db.touches.toArray()).toEqual(rowsBefore);
    expect(await db.enrolments.get(e.id)).toEqual(e);
    // A snooze moves the next touch, whichever row it was asked from (as with stored rows).
    const { undo: ticket } = await recordUndo(db, { label: 'snooze', via: 't', now }, () =>
      snoozeTouch(db, pick.id, 60, { now, via: 't' }),
    );
    expect((await nextTouchFor(db, e.contactId))?.dueAt).toBe(now + 60 * 60_000);
    // Whatever the enrolment plans now, the badge and the list still match the engine's full plan.
    await expectExact(now, 'after acting on a computed touch');
    await undo(db, ticket!.id, now + 1000);
    expect(await db.touches.toArray()).toEqual(rowsBefore);
    expect(await db.enrolments.get(e.id)).toEqual(e);
    // A computed id naming no enrolment is refused in words.
    await expect(completeTouch(db, -(999 * 1024 + 1), { now, via: 't' })).rejects.toThrow(
      /no longer planned/,
    );
  });
});
