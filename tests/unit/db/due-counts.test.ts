import fc from 'fast-check';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { nextLocalMidnight } from '@/lib/cadence/zoned';
import { dueGroupCounts, TouchbaseDb } from '@/lib/db';
import { groupDue, UPCOMING_DAYS } from '@/lib/touches';
import { touchRow } from './seed-rows';

const NOW = Date.parse('2026-03-03T15:00:00Z');
const HOUR = 3_600_000;
const ZONE = 'America/New_York';
let db: TouchbaseDb;
let n = 0;
beforeEach(async () => {
  db = new TouchbaseDb(`test-due-counts-${n++}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

it('counts each due-list group from the indexes exactly as the list groups its rows', async () => {
  const touch = fc.record({
    dueIn: fc.integer({ min: -72, max: 24 * 10 }),
    grace: fc.integer({ min: 0, max: 48 }),
    state: fc.constantFrom('planned', 'planned', 'done'),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(touch, { maxLength: 60 }), async (specs) => {
      await db.touches.clear();
      const rows = specs.map((s, i) =>
        touchRow({
          enrolmentId: i,
          contactId: i,
          dueAt: NOW + s.dueIn * HOUR,
          deadlineAt: NOW + (s.dueIn + s.grace) * HOUR,
          state: s.state,
        }),
      );
      await db.touches.bulkAdd(rows);
      const groups = groupDue(
        rows.filter((r) => r.state === 'planned'),
        NOW,
        ZONE,
      );
      const counts = await dueGroupCounts(
        db,
        NOW,
        nextLocalMidnight(ZONE, NOW),
        NOW + UPCOMING_DAYS * 86_400_000,
      );
      expect(counts).toEqual({
        overdue: groups.overdue.length,
        today: groups.today.length,
        upcoming: groups.upcoming.length,
      });
    }),
    { numRuns: 40 },
  );
});
