/**
 * With team sync on, every count of "what is due for me" leaves out the touches of leads another
 * rep owns, by the badge's rule (`ownWork`): the popup's header counts past its cap and the daily
 * nudge agree with the badge, and the rep's counts plus the teammates' are the sync-off counts.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { nextLocalMidnight } from '@/lib/cadence/zoned';
import {
  dueGroupCounts,
  dueSummary,
  enrolContact,
  logReply,
  SYNC_ME_KEY,
  SYNC_ON_KEY,
  saveSettings,
  TouchbaseDb,
  type TouchRow,
} from '@/lib/db';
import { nudgeCounts } from '@/lib/db/notify';
import { groupDue, UPCOMING_DAYS } from '@/lib/touches';
import { contactRow, touchRow } from './seed-rows';

const NOW = Date.parse('2026-03-03T15:00:00Z');
const HOUR = 3_600_000;
const ZONE = 'America/New_York';
const END_OF_TODAY = nextLocalMidnight(ZONE, NOW);
const HORIZON = NOW + UPCOMING_DAYS * 86_400_000;
const OWNERS = ['me', 'ana', 'ben', undefined] as const;
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-team-counts-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: ZONE });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function syncOn(on: boolean): Promise<void> {
  if (on) {
    await db.meta.bulkPut([
      { key: SYNC_ON_KEY, value: 1 },
      { key: SYNC_ME_KEY, value: JSON.stringify({ id: 'me', name: 'Me' }) },
    ]);
  } else await db.meta.delete(SYNC_ON_KEY);
}

const spec = fc.record({
  owner: fc.constantFrom(...OWNERS),
  dueIn: fc.integer({ min: -72, max: 24 * 10 }),
  grace: fc.integer({ min: 0, max: 48 }),
  state: fc.constantFrom('planned', 'planned', 'done'),
});

it("counts the rep's own and unowned leads' touches, as the badge does; with theirs they add up to the sync-off counts", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(spec, { maxLength: 50 }), async (specs) => {
      await Promise.all([db.touches.clear(), db.contacts.clear()]);
      await db.contacts.bulkAdd(
        OWNERS.map((o, i) => contactRow(i + 1, { timeZone: ZONE, at: NOW - 86_400_000, owner: o })),
      );
      const rows = specs.map((s, i) =>
        touchRow({
          enrolmentId: i + 1,
          contactId: OWNERS.indexOf(s.owner) + 1,
          dueAt: NOW + s.dueIn * HOUR,
          deadlineAt: NOW + (s.dueIn + s.grace) * HOUR,
          state: s.state,
        }),
      );
      await db.touches.bulkAdd(rows);
      const planned = rows.filter((r) => r.state === 'planned');
      const isMine = (r: TouchRow) => {
        const o = OWNERS[r.contactId - 1];
        return o === undefined || o === 'me';
      };
      const sizes = (list: TouchRow[]) => {
        const g = groupDue(list, NOW, ZONE);
        return { overdue: g.overdue.length, today: g.today.length, upcoming: g.upcoming.length };
      };

      await syncOn(true);
      const mine = await dueGroupCounts(db, NOW, END_OF_TODAY, HORIZON);
      expect(mine).toEqual(sizes(planned.filter(isMine)));
      // The popup's header and the badge count the same touches: everything due by now.
      const badge = await dueSummary(db, NOW);
      expect(badge.due).toBe(planned.filter((r) => isMine(r) && r.dueAt <= NOW).length);
      const nudge = await nudgeCounts(db, NOW, END_OF_TODAY);
      expect(nudge.dueToday).toBe(planned.filter((r) => isMine(r) && r.dueAt < END_OF_TODAY).length);
      expect(nudge.overdue).toBe(badge.overdue);

      await syncOn(false);
      const all = await dueGroupCounts(db, NOW, END_OF_TODAY, HORIZON);
      const theirs = sizes(planned.filter((r) => !isMine(r)));
      expect(all).toEqual({
        overdue: mine.overdue + theirs.overdue,
        today: mine.today + theirs.today,
        upcoming: mine.upcoming + theirs.upcoming,
      });
      expect((await nudgeCounts(db, NOW, END_OF_TODAY)).dueToday).toBe(
        planned.filter((r) => r.dueAt < END_OF_TODAY).length,
      );
    }),
    { numRuns: 30 },
  );
});

it("counts the engine's computed touches of a teammate's lead for its owner only, and leaves their replies to them", async () => {
  const enrol = (email: string, firstName: string) =>
    enrolContact(db, {
      contact: { email, firstName, timeZone: ZONE },
      playbookId: 'seven-touch-14-day',
      source: 'referral',
      via: 'test',
      now: NOW - 2 * 86_400_000,
    });
  const mineLead = await enrol('mine@example.com', 'Mia');
  const anaLead = await enrol('ana-lead@example.com', 'Alba');
  const anaReply = await enrol('ana-reply@example.com', 'Rosa');
  const myReply = await enrol('my-reply@example.com', 'Bo');
  await logReply(db, anaReply.contactId, { now: NOW - HOUR, via: 'test' });
  await logReply(db, myReply.contactId, { now: NOW - HOUR, via: 'test' });
  const later = NOW + 3 * 86_400_000;
  const end = nextLocalMidnight(ZONE, later);
  const before = await nudgeCounts(db, later, end);
  const beforeGroups = await dueGroupCounts(db, later, end, later + UPCOMING_DAYS * 86_400_000);

  await syncOn(true);
  const ana = { id: 'ana', name: 'Ana', since: NOW };
  await db.contacts.bulkUpdate([
    { key: anaLead.contactId, changes: { owner: ana } },
    { key: anaReply.contactId, changes: { owner: ana } },
    { key: mineLead.contactId, changes: { owner: { id: 'me', name: 'Me', since: NOW } } },
  ]);
  const after = await nudgeCounts(db, later, end);
  const groups = await dueGroupCounts(db, later, end, later + UPCOMING_DAYS * 86_400_000);
  // Two running leads alike: Ana's takes half of the due touches away (computed ones included).
  expect(before.dueToday).toBeGreaterThan(0);
  expect(after.dueToday * 2).toBe(before.dueToday);
  expect(groups.overdue * 2).toBe(beforeGroups.overdue);
  expect(after.dueToday).toBe((await dueSummary(db, end - 1)).due);
  expect(before.replies.map((c) => c.firstName).sort()).toEqual(['Bo', 'Rosa']);
  expect(after.replies.map((c) => c.firstName)).toEqual(['Bo']);
});
