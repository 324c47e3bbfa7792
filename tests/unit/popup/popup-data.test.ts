import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPopupData, POPUP_LIMIT } from '@/components/popup/usePopupData';
import { TouchbaseDb, type TouchRow } from '@/lib/db';
import { markCountsWriter, POPUP_ROWS_KEY } from '@/lib/db/due-counts-guard';
import { storeDueCounts } from '@/lib/db/due-summary';
import { UPCOMING_DAYS } from '@/lib/touches/due-groups';
import { factsOf, scoreLead, scoringOf } from '@/lib/scoring';
import { contactRow, enrolmentRow } from '../db/seed-rows';

// Mid-minute, so "as of the minute" and "as of now" differ.
const NOW = Date.parse('2026-03-03T15:00:40Z');
const MINUTE = Math.floor(NOW / 60_000);
const HOUR = 3_600_000;
let db: TouchbaseDb;
let n = 0;
beforeEach(async () => {
  db = new TouchbaseDb(`test-popup-data-${n++}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const contact = (id: number) =>
  contactRow(id, {
    timeZone: 'UTC',
    at: NOW - 10 * HOUR,
    firstName: `P${id}`,
    lastName: 'Test',
    company: 'Acme',
    leadSource: 'web-form',
  });

const touch = (id: number, dueAt: number, deadlineAt: number): TouchRow =>
  ({
    id,
    enrolmentId: id,
    contactId: id,
    step: 1,
    totalSteps: 3,
    channel: 'email',
    purpose: 'follow-up',
    dueAt,
    deadlineAt,
    state: 'planned',
  }) as TouchRow;

it('past the cap, counts every group from the indexes as of the read, not the minute', async () => {
  const total = POPUP_LIMIT + 40;
  const ids = Array.from({ length: total }, (_, i) => i + 1);
  await db.contacts.bulkAdd(ids.map(contact));
  await db.enrolments.bulkAdd(ids.map((id) => enrolmentRow(id, id, NOW, 'active')));
  await db.touches.bulkAdd(
    ids.map((id) =>
      // Every tenth ran out 10 s ago: overdue now, not yet at the start of the minute.
      id % 10 === 0
        ? touch(id, NOW - HOUR, NOW - 10_000)
        : id % 7 === 0
          ? touch(id, NOW + 2 * 86_400_000, NOW + 3 * 86_400_000)
          : touch(id, NOW - HOUR + id, NOW + HOUR),
    ),
  );
  const data = await loadPopupData(db, MINUTE, NOW);
  expect(data.touches).toHaveLength(POPUP_LIMIT);
  expect(data.truncated).toBe(true);
  const overdue = ids.filter((id) => id % 10 === 0).length;
  const upcoming = ids.filter((id) => id % 10 !== 0 && id % 7 === 0).length;
  expect(data.counts).toEqual({ overdue, today: total - overdue - upcoming, upcoming });
  // Only rows read are joined.
  expect(data.contacts.size).toBe(POPUP_LIMIT);
});

it("scores a lead from all of the contact's enrolments, not only the one due", async () => {
  await db.contacts.bulkAdd([contact(1), contact(2)]);
  // Contact 1 booked a meeting in an earlier sequence; the touch due belongs to a newer one.
  await db.enrolments.bulkAdd([
    enrolmentRow(10, 1, NOW, 'booked'),
    enrolmentRow(11, 1, NOW, 'active'),
    enrolmentRow(12, 2, NOW, 'active'),
  ]);
  await db.touches.bulkAdd([
    { ...touch(1, NOW - HOUR, NOW + HOUR), enrolmentId: 11, contactId: 1 },
    { ...touch(2, NOW - HOUR, NOW + HOUR), enrolmentId: 12, contactId: 2 },
  ]);
  const data = await loadPopupData(db, MINUTE, NOW);
  expect(data.truncated).toBe(false);
  expect(data.counts).toBeUndefined();
  const [c1, c2] = [(await db.contacts.get(1))!, (await db.contacts.get(2))!];
  const e1 = await db.enrolments.where('contactId').equals(1).toArray();
  expect(data.scores.get(1)).toEqual(scoreLead(factsOf(c1, e1), scoringOf(data.settings), MINUTE * 60_000));
  expect(data.scores.get(1)!.score).toBeGreaterThan(data.scores.get(2)!.score);
  expect(data.scores.get(2)).toEqual(
    scoreLead(factsOf(c2, [(await db.enrolments.get(12))!]), scoringOf(data.settings), MINUTE * 60_000),
  );
});

describe('the rows the background keeps with the counts', () => {
  const total = POPUP_LIMIT + 40;
  const ids = Array.from({ length: total }, (_, i) => i + 1);
  async function seed() {
    await db.contacts.bulkAdd(ids.map(contact));
    // Scores differ: some leads booked or replied in an earlier sequence.
    await db.enrolments.bulkAdd([
      ...ids.map((id) => enrolmentRow(id, id, NOW, 'active')),
      ...ids.filter((id) => id % 5 === 0).map((id) => enrolmentRow(1000 + id, id, NOW, 'booked')),
    ]);
    await db.touches.bulkAdd(
      ids.map((id) =>
        id % 10 === 0
          ? touch(id, NOW - HOUR, NOW + 20 * 60_000 + id * 1000)
          : id % 7 === 0
            ? touch(id, NOW + 2 * 86_400_000, NOW + 3 * 86_400_000)
            : touch(id, NOW - HOUR + id, NOW + HOUR + id),
      ),
    );
  }
  /** The popup's data read without the stored rows (the counts stay). */
  async function fresh(minute: number, now: number) {
    const kept = await db.meta.get(POPUP_ROWS_KEY);
    await db.meta.delete(POPUP_ROWS_KEY);
    const data = await loadPopupData(db, minute, now);
    if (kept)
      await db.transaction('rw', db.meta, (tx) => {
        markCountsWriter(tx);
        return db.meta.put(kept);
      });
    return data;
  }

  it('give the popup exactly what a full read gives, without reading a contact, at any later time', async () => {
    await seed();
    await storeDueCounts(db, NOW, UPCOMING_DAYS);
    const bulkGet = vi.spyOn(db.contacts, 'bulkGet');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 * HOUR }), async (later) => {
        const now = NOW + later;
        const minute = Math.floor(now / 60_000);
        bulkGet.mockClear();
        const data = await loadPopupData(db, minute, now);
        expect(bulkGet).not.toHaveBeenCalled();
        expect(data.counts).toBeDefined();
        expect(data).toEqual(await fresh(minute, now));
      }),
      { numRuns: 15 },
    );
  });

  it('a contact written since is read again (and shown as it is now)', async () => {
    await seed();
    await storeDueCounts(db, NOW, UPCOMING_DAYS);
    await db.contacts.update(1, { firstName: 'Renamed' });
    expect(await db.meta.get(POPUP_ROWS_KEY)).toBeUndefined();
    const bulkGet = vi.spyOn(db.contacts, 'bulkGet');
    const data = await loadPopupData(db, MINUTE, NOW);
    expect(bulkGet).toHaveBeenCalled();
    expect(data.contacts.get(1)?.firstName).toBe('Renamed');
  });

  it('a touch done since: the rows are dropped with the counts, and the list is read again', async () => {
    await seed();
    await storeDueCounts(db, NOW, UPCOMING_DAYS);
    await db.touches.update(1, { state: 'done', doneAt: NOW });
    expect(await db.meta.get(POPUP_ROWS_KEY)).toBeUndefined();
    const data = await loadPopupData(db, MINUTE, NOW);
    expect(data.touches.some((t) => t.id === 1)).toBe(false);
    expect(data.touches).toHaveLength(POPUP_LIMIT);
  });
});
