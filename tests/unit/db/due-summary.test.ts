import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextLocalMidnight } from '@/lib/cadence/zoned';
import {
  completeTouch,
  dueGroupCounts,
  enrolContact,
  saveSettings,
  TouchbaseDb,
  type TouchRow,
} from '@/lib/db';
import { DUE_COUNTS_KEY } from '@/lib/db/due-counts-guard';
import {
  bringForward,
  type StoredDueCounts,
  storeDueCounts,
  storedDueCounts,
  usableDueCounts,
} from '@/lib/db/due-summary';
import { optOutContact } from '@/lib/db/optout';
import { SYNC_ON_KEY } from '@/lib/db/outbox';
import { SYNC_ME_KEY } from '@/lib/db/ownership';
import { recordUndo } from '@/lib/db/undo';
import { UPCOMING_DAYS } from '@/lib/touches';
import { contactRow, touchRow } from './seed-rows';

const T0 = Date.parse('2026-03-03T15:00:00Z');
const MIN = 60_000;
const HOUR = 3_600_000;
const ZONE = 'America/New_York';
let db: TouchbaseDb;
let n = 0;
beforeEach(async () => {
  db = new TouchbaseDb(`test-due-summary-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: ZONE });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/**
 * 120 planned touches due over the next days (from 20 hours ago), deadlines spread through today
 * and beyond; touch `i` is for contact `contactOf(i)`.
 */
const spreadTouches = (contactOf: (i: number) => number): TouchRow[] =>
  Array.from({ length: 120 }, (_, i) => {
    const dueAt = T0 + ((i * 37) % 150) * HOUR - 20 * HOUR + 30 * MIN;
    return touchRow({
      enrolmentId: i + 1,
      contactId: contactOf(i),
      dueAt,
      deadlineAt: dueAt + ((i * 13) % 9) * HOUR,
    });
  });

/** The popup's horizon at `now`. */
const horizonAt = (now: number) => Math.floor(now / MIN) * MIN + UPCOMING_DAYS * 86_400_000;

/** What the popup shows at `now`: the stored counts when they hold, and the index counts. */
async function both(now: number) {
  return db.transaction('r', [db.touches, db.enrolments, db.contacts, db.settings, db.meta], async () => ({
    stored: await storedDueCounts(db, now, ZONE, horizonAt(now)),
    live: await dueGroupCounts(db, now, nextLocalMidnight(ZONE, now), horizonAt(now)),
  }));
}

/**
 * At any time within 30 hours of T0, the stored counts equal the index counts whenever the popup
 * may use them, and it may use them at least once.
 */
async function storedMatchLiveLater() {
  let used = 0;
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 30 * HOUR }), async (later) => {
      const { stored, live } = await both(T0 + later);
      if (stored) {
        used++;
        expect(stored).toEqual(live);
      }
    }),
    { numRuns: 60 },
  );
  expect(used).toBeGreaterThan(0);
}

describe('stored due counts', () => {
  it('equal the index counts whenever the popup may use them, at any later time', async () => {
    const rows = spreadTouches((i) => i + 1);
    // One the sliding seven-day horizon reaches ten hours later.
    rows.push({ ...rows[0]!, enrolmentId: 999, dueAt: T0 + 178 * HOUR, deadlineAt: T0 + 180 * HOUR });
    await db.touches.bulkAdd(rows);
    // Real sequences too, for the touches the engine computes (not stored as rows).
    for (const email of ['a@x.com', 'b@x.com']) {
      await enrolContact(db, {
        contact: { email, firstName: 'A', phone: '+15550100000' },
        playbookId: 'seven-touch-14-day',
        source: 'web-form',
        via: 'test',
        now: T0 - 2 * 86_400_000,
      });
    }
    await storeDueCounts(db, T0, UPCOMING_DAYS);
    await storedMatchLiveLater();
    const { stored, live } = await both(T0 + 90 * MIN);
    expect(stored).toEqual(live);
  });

  it('are dropped by any write to the touches, sequences, contacts or settings, in that transaction', async () => {
    const { contactId } = await enrolContact(db, {
      contact: { email: 'a@x.com', firstName: 'A', phone: '+15550100000' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    const stored = async () => (await both(T0 + MIN)).stored;
    await storeDueCounts(db, T0, UPCOMING_DAYS);
    expect(await stored()).toBeDefined();
    const first = await db.touches.where('contactId').equals(contactId).first();
    await completeTouch(db, first!.id, { now: T0 + MIN, via: 'test' });
    expect(await db.meta.get(DUE_COUNTS_KEY)).toBeUndefined();
    await storeDueCounts(db, T0 + MIN, UPCOMING_DAYS);
    expect(await stored()).toBeDefined();
    await db.contacts.update(contactId, { company: 'Acme' });
    expect(await db.meta.get(DUE_COUNTS_KEY)).toBeUndefined();
    await storeDueCounts(db, T0 + MIN, UPCOMING_DAYS);
    expect(await stored()).toBeDefined();
    await saveSettings(db, { timeZone: 'Europe/Paris' });
    expect(await db.meta.get(DUE_COUNTS_KEY)).toBeUndefined();
  });

  it('are left alone while the popup would still take them, and counted again once it would not', async () => {
    await enrolContact(db, {
      contact: { email: 'a@x.com', firstName: 'A', phone: '+15550100000' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    const at = async () => JSON.parse((await db.meta.get(DUE_COUNTS_KEY))!.value as string).at;
    expect(await storeDueCounts(db, T0, UPCOMING_DAYS)).toBe(true);
    // The next minutes' badge refreshes: nothing written, the same counts (brought forward).
    expect(await storeDueCounts(db, T0 + MIN, UPCOMING_DAYS)).toBe(false);
    expect(await storeDueCounts(db, T0 + 30 * MIN, UPCOMING_DAYS)).toBe(false);
    expect(await at()).toBe(T0);
    expect((await both(T0 + 30 * MIN)).stored).toEqual((await both(T0 + 30 * MIN)).live);
    // Another day: the popup would refuse them, so they are counted again.
    expect(await storeDueCounts(db, T0 + 86_400_000, UPCOMING_DAYS)).toBe(true);
    expect(await at()).toBe(T0 + 86_400_000);
    // A write drops them: counted again.
    await db.contacts.toCollection().modify({ company: 'Acme' });
    expect(await storeDueCounts(db, T0 + 86_400_000 + MIN, UPCOMING_DAYS)).toBe(true);
  });

  it('are never taken from anywhere else (a restored copy is blanked)', async () => {
    await storeDueCounts(db, T0, UPCOMING_DAYS);
    const row = (await db.meta.get(DUE_COUNTS_KEY))!;
    await db.meta.delete(DUE_COUNTS_KEY);
    await db.meta.put(row);
    expect(await db.meta.get(DUE_COUNTS_KEY)).toEqual({ key: DUE_COUNTS_KEY, value: '' });
    expect((await both(T0)).stored).toBeUndefined();
  });

  it("with team sync on, are the rep's own work, whenever the popup may use them, at any later time", async () => {
    // Before, team sync dropped them (the popup then read every due row and its owner itself).
    const owners = [undefined, 'r1', 'r2'] as const;
    await db.contacts.bulkAdd(
      Array.from({ length: 40 }, (_, i) =>
        contactRow(i + 1, { timeZone: ZONE, at: T0, owner: owners[i % 3] }),
      ),
    );
    const rows = spreadTouches((i) => (i % 40) + 1);
    await db.touches.bulkAdd(rows);
    await db.meta.bulkPut([
      { key: SYNC_ON_KEY, value: 1 },
      { key: SYNC_ME_KEY, value: JSON.stringify({ id: 'r1', name: 'Ana' }) },
    ]);
    await storeDueCounts(db, T0, UPCOMING_DAYS);
    const all = (await both(T0)).live;
    await storedMatchLiveLater();
    // A third of the leads are r2's: r1's counts leave them out.
    const own = (await both(T0)).stored!;
    expect(own.today + own.overdue + own.upcoming).toBeLessThan(rows.length);
    expect(own).toEqual(all);

    // Another rep on this browser, or sync turned off (`meta` writes keep the row): not used.
    await db.meta.put({ key: SYNC_ME_KEY, value: JSON.stringify({ id: 'r2', name: 'Ben' }) });
    expect((await both(T0)).stored).toBeUndefined();
    await db.meta.put({ key: SYNC_ME_KEY, value: JSON.stringify({ id: 'r1', name: 'Ana' }) });
    expect((await both(T0)).stored).toEqual(own);
    await db.meta.delete(SYNC_ON_KEY);
    expect((await both(T0)).stored).toBeUndefined();
    await db.meta.put({ key: SYNC_ON_KEY, value: 1 });

    // A lead changing hands (a take-over, a sync applying one) is a contact write: dropped.
    await db.contacts.update(3, { owner: { id: 'r1', name: 'Ana', since: T0 + MIN } });
    expect(await db.meta.get(DUE_COUNTS_KEY)).toBeUndefined();
    await storeDueCounts(db, T0 + MIN, UPCOMING_DAYS);
    const after = await both(T0 + MIN);
    expect(after.stored).toEqual(after.live);
    expect(after.stored).not.toEqual(own);
  });

  it('are dropped by an undoable contact write with sync on (undo, outbox and this middleware together)', async () => {
    // The outbox reads on in the transaction after the contact write: the drop must not lose
    // Dexie's zone on the way (it did once: "Cannot read properties of undefined (reading 'mode')").
    await db.meta.bulkPut([
      { key: SYNC_ON_KEY, value: 1 },
      { key: SYNC_ME_KEY, value: JSON.stringify({ id: 'r1', name: 'Ana' }) },
    ]);
    const { contactId } = await enrolContact(db, {
      contact: { email: 'a@x.com', firstName: 'A' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    await storeDueCounts(db, T0, UPCOMING_DAYS);
    expect((await both(T0)).stored).toBeDefined();
    const { undo } = await recordUndo(db, { label: 'x', via: 'test', now: T0 }, () =>
      optOutContact(db, contactId, { now: T0, via: 'test', reason: 'Asked to stop' }),
    );
    expect(undo).toBeDefined();
    expect(await db.meta.get(DUE_COUNTS_KEY)).toBeUndefined();
    expect(await db.outbox.count()).toBeGreaterThan(0);
  });

  it('are not used once rows were added behind the database layer', async () => {
    await storeDueCounts(db, T0, UPCOMING_DAYS);
    expect((await both(T0)).stored).toBeDefined();
    // Plain IndexedDB (what a test seeding rows does) skips the middleware.
    const idb = db.backendDB();
    await new Promise<void>((resolve, reject) => {
      const tx = idb.transaction('touches', 'readwrite');
      tx.objectStore('touches').add(
        touchRow({ enrolmentId: 9, contactId: 9, dueAt: T0 - HOUR, deadlineAt: T0 + HOUR }),
      );
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    const { stored, live } = await both(T0);
    expect(stored).toBeUndefined();
    expect(live.today).toBe(1);
  });
});

describe('bringForward', () => {
  const base: StoredDueCounts = {
    at: T0,
    timeZone: ZONE,
    endOfToday: nextLocalMidnight(ZONE, T0),
    horizon: horizonAt(T0),
    counts: { overdue: 2, today: 10, upcoming: 5 },
    deadlines: [T0 + MIN, T0 + 2 * MIN, T0 + 2 * MIN, T0 + HOUR],
    deadlinesUntil: Number.POSITIVE_INFINITY,
    nextEntering: horizonAt(T0) + 3 * MIN,
    touchKey: 10,
    enrolmentKey: 4,
  };
  const at = (now: number, more: Partial<Parameters<typeof bringForward>[1]> = {}) => ({
    now,
    timeZone: ZONE,
    horizon: horizonAt(now),
    touchKey: 10,
    enrolmentKey: 4,
    ...more,
  });

  it.each([
    ['as stored', T0, { overdue: 2, today: 10, upcoming: 5 }],
    ['a deadline reached moves a touch to overdue', T0 + MIN, { overdue: 3, today: 9, upcoming: 5 }],
    ['two more at once', T0 + 2 * MIN + 1, { overdue: 5, today: 7, upcoming: 5 }],
    [
      'the horizon reaching the next touch exactly still leaves it out',
      T0 + 3 * MIN,
      { overdue: 5, today: 7, upcoming: 5 },
    ],
  ])('%s', (_, now, want) => {
    expect(bringForward(base, at(now))).toEqual(want);
  });

  it.each([
    ['a touch entered the horizon', at(T0 + 4 * MIN)],
    ['another day', at(base.endOfToday + MIN)],
    ['another zone', at(T0, { timeZone: 'Europe/Paris' })],
    ['an earlier clock', at(T0 - MIN)],
    ['rows added other ways', at(T0, { touchKey: 11 })],
    ['a sequence added other ways', at(T0, { enrolmentKey: 5 })],
  ])('not used: %s', (_, when) => {
    expect(bringForward(base, when)).toBeUndefined();
  });

  it('not used past the deadlines listed', () => {
    const s = { ...base, deadlinesUntil: T0 + 30 * MIN, nextEntering: Number.POSITIVE_INFINITY };
    expect(bringForward(s, at(T0 + 29 * MIN))).toBeDefined();
    expect(bringForward(s, at(T0 + 30 * MIN))).toBeUndefined();
  });
});

describe('usableDueCounts (what the popup reads with its rows)', () => {
  const stored: StoredDueCounts = {
    at: T0,
    timeZone: ZONE,
    endOfToday: nextLocalMidnight(ZONE, T0),
    horizon: horizonAt(T0),
    counts: { overdue: 1, today: 3, upcoming: 0 },
    deadlines: [T0 + MIN],
    deadlinesUntil: Number.POSITIVE_INFINITY,
    nextEntering: Number.POSITIVE_INFINITY,
    touchKey: 7,
    enrolmentKey: 2,
  };
  const read = { stored, rows: undefined, me: undefined, touchKey: 7, enrolmentKey: 2 };

  it('brings the stored counts forward as bringForward does', () => {
    expect(usableDueCounts(read, T0 + MIN, ZONE, horizonAt(T0 + MIN))).toEqual({
      overdue: 2,
      today: 2,
      upcoming: 0,
    });
  });

  it("team sync on: the rep's own counts, taken for this rep", () => {
    const mine = { ...read, stored: { ...stored, me: 'rep-1' }, me: 'rep-1' };
    expect(usableDueCounts(mine, T0, ZONE, horizonAt(T0))).toEqual(stored.counts);
  });

  it.each([
    ['none stored', { ...read, stored: undefined }],
    ['team sync on, counted with it off (the counts depend on owners)', { ...read, me: 'rep-1' }],
    ['counted for another rep', { ...read, stored: { ...stored, me: 'rep-2' }, me: 'rep-1' }],
    ['counted for a rep, sync off since', { ...read, stored: { ...stored, me: 'rep-1' } }],
    ['a touch added past Dexie', { ...read, touchKey: 8 }],
  ])('none: %s', (_, r) => {
    expect(usableDueCounts(r, T0, ZONE, horizonAt(T0))).toBeUndefined();
  });
});
