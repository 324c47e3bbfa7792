import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadPopupData, POPUP_LIMIT } from '@/components/popup/usePopupData';
import { TouchbaseDb, type TouchRow } from '@/lib/db';
import { factsOf, scoreLead, scoringOf } from '@/lib/scoring';

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

const contact = (id: number) => ({
  id,
  email: `p${id}@example.com`,
  emailLower: `p${id}@example.com`,
  externalIds: [],
  firstName: `P${id}`,
  lastName: 'Test',
  company: 'Acme',
  phone: '',
  title: '',
  timeZone: 'UTC',
  leadSource: 'web-form' as const,
  notes: '',
  optOut: {},
  custom: {},
  createdAt: NOW - 10 * HOUR,
  updatedAt: NOW - 10 * HOUR,
});

const enrolment = (id: number, contactId: number, state: string) =>
  ({
    id,
    contactId,
    playbookId: 'speed-to-lead-90',
    playbookName: 'Speed to lead',
    source: 'web-form',
    steps: [],
    enrolledAt: NOW - 5 * HOUR,
    timeZone: 'UTC',
    state,
    stateChangedAt: NOW - 2 * HOUR,
    done: [],
  }) as never;

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
  await db.enrolments.bulkAdd(ids.map((id) => enrolment(id, id, 'active')));
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
    enrolment(10, 1, 'booked'),
    enrolment(11, 1, 'active'),
    enrolment(12, 2, 'active'),
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
