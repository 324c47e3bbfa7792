/**
 * The minute alarm storing computed touches as rows (`storeLaterTouches`) keeps the popup's
 * stored counts (lib/db/due-counts-guard.ts `holdDueCounts`): the same touches, now rows, so the
 * same counts; only a write that changes more than that drops them.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_PLAYBOOKS } from '@/lib/cadence';
import {
  claimUnowned,
  enrolContact,
  saveSettings,
  storeLaterTouches,
  SYNC_ON_KEY,
  TouchbaseDb,
} from '@/lib/db';
import { DUE_COUNTS_KEY, markCountsWriter, POPUP_ROWS_KEY } from '@/lib/db/due-counts-guard';
import { parseStored, storeDueCounts } from '@/lib/db/due-summary';
import { importContacts } from '@/lib/db/import';
import { UPCOMING_DAYS } from '@/lib/touches';

const T0 = Date.parse('2026-03-03T15:00:00Z');
const MIN = 60_000;
const ZONE = 'America/New_York';
let db: TouchbaseDb;
let n = 0;
beforeEach(async () => {
  db = new TouchbaseDb(`test-due-alarm-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: ZONE });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** An import of leads (no touch rows until the alarm) on every playbook, and one enrolled by hand. */
async function leads(now: number, team: boolean): Promise<void> {
  if (team) {
    await db.meta.put({ key: SYNC_ON_KEY, value: 1 });
    await claimUnowned(db, { id: 'ben', name: 'Ben' }, now);
  }
  for (const [k, p] of BUILT_IN_PLAYBOOKS.entries()) {
    await importContacts(db, {
      drafts: [0, 1, 2].map((i) => ({
        email: `lead${k * 10 + i}@example.com`,
        firstName: `L${i}`,
        lastName: 'Test',
        company: '',
        title: '',
        phone: '',
        custom: {},
      })),
      mode: 'skip',
      enrol: { playbookId: p.id, source: 'web-form' },
      via: 'import',
      now: now + k * 7 * MIN,
    });
  }
  await enrolContact(db, {
    contact: { email: 'ada@example.com', firstName: 'Ada', phone: '+15550100000' },
    playbookId: 'speed-to-lead-90',
    source: 'web-form',
    via: 'test',
    now,
  });
  // A teammate's lead: left out of Ben's counts, stored by the alarm all the same.
  if (team)
    await db.contacts
      .where('emailLower')
      .equals('lead0@example.com')
      .modify({ owner: { id: 'ana', name: 'Ana', since: now } });
}

/** The stored counts equal a recount at their own moment; the rows stored with them stay. */
async function expectKeptExact(): Promise<void> {
  const row = await db.meta.get(DUE_COUNTS_KEY);
  const rows = await db.meta.get(POPUP_ROWS_KEY);
  const kept = parseStored(row);
  expect(kept, 'kept through the alarm').toBeDefined();
  expect(rows?.value).toBeTruthy();
  await db.meta.bulkDelete([DUE_COUNTS_KEY, POPUP_ROWS_KEY]);
  await storeDueCounts(db, kept!.at, UPCOMING_DAYS);
  const fresh = parseStored(await db.meta.get(DUE_COUNTS_KEY))!;
  expect({ ...kept, nextEntering: 0 }).toEqual({ ...fresh, nextEntering: 0 });
  expect(kept!.nextEntering).toBeLessThanOrEqual(fresh.nextEntering);
  await db.transaction('rw', db.meta, async (tx) => {
    markCountsWriter(tx);
    await db.meta.bulkPut([row!, rows!]);
  });
}

describe('the minute alarm storing computed touches', () => {
  it('keeps the stored counts exact, whenever it runs after them, with team sync on or off', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 4 }),
        async (team, gaps) => {
          await db.delete();
          db = new TouchbaseDb(`test-due-alarm-${n++}`);
          await db.open();
          await saveSettings(db, { timeZone: ZONE });
          await leads(T0, team);
          await storeDueCounts(db, T0, UPCOMING_DAYS);
          let t = T0;
          let stored = 0;
          for (const gap of gaps) {
            t += gap * MIN;
            stored += await storeLaterTouches(db, t);
            await expectKeptExact();
          }
          expect(stored).toBeGreaterThan(0);
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);

  it('drops them when its write is more than that (a row the plan no longer has)', async () => {
    await leads(T0, false);
    await storeLaterTouches(db, T0);
    const extra = (await db.touches.toArray()).find((t) => t.state === 'planned')!;
    // Out of line with its sequence, written around the counts (as a bad backup might leave it).
    await db.transaction('rw', db.touches, db.meta, async (tx) => {
      markCountsWriter(tx);
      await db.touches.add({ ...extra, id: undefined, step: 77 } as never);
    });
    await storeDueCounts(db, T0 + MIN, UPCOMING_DAYS);
    expect(await db.meta.get(DUE_COUNTS_KEY)).toBeDefined();
    await db.enrolments.where('id').equals(extra.enrolmentId).modify({ laterDueAt: T0 });
    expect(await db.meta.get(DUE_COUNTS_KEY)).toBeUndefined();
    await storeDueCounts(db, T0 + MIN, UPCOMING_DAYS);
    expect(await storeLaterTouches(db, T0 + 2 * MIN)).toBeGreaterThan(0);
    expect(await db.meta.get(DUE_COUNTS_KEY)).toBeUndefined();
  });
});
