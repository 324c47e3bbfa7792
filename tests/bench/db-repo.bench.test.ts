/**
 * Repository figures under fake-indexeddb (Node): they catch an accidental per-row query in the
 * dashboard's join or the bulk enrol long before the browser benches would. Moved here from the
 * unit tests, which must not time anything.
 */
import { expect, it } from 'vitest';
import { type ContactRow, type EnrolmentRow, saveSettings, TouchbaseDb } from '@/lib/db';
import { buildContactRows, bulkContacts, filterAndSortRows } from '@/lib/db/contacts';
import { median, record } from './record';

const T0 = Date.parse('2026-03-03T15:00:00Z');

function contactRow(i: number): Omit<ContactRow, 'id'> {
  return {
    email: `c${i}@example.com`,
    emailLower: `c${i}@example.com`,
    firstName: `P${i}`,
    lastName: 'L',
    company: `C${i % 50}`,
    phone: '',
    title: '',
    timeZone: 'America/Chicago',
    leadSource: 'referral',
    notes: '',
    optOut: {},
    custom: {},
    externalIds: [],
    createdAt: T0,
    updatedAt: T0,
  };
}

it('contacts.rows.10k', () => {
  const many = Array.from({ length: 10_000 }, (_, i) => ({ ...contactRow(i), id: i + 1 }) as ContactRow);
  const samples: number[] = [];
  for (let round = 0; round < 5; round++) {
    const t = performance.now();
    const rows = buildContactRows(many, [], []);
    filterAndSortRows(rows, 'c1', 'company', 'asc');
    samples.push(performance.now() - t);
  }
  const value = median(samples);
  record({ name: 'contacts.rows.10k', value, unit: 'ms', budget: 500 });
  expect(value).toBeGreaterThan(0);
});

// Under fake-indexeddb: 98 s before (anyOf over 10,000 ids, one nested enrol per contact),
// about 10 s with one range read and bulk writes.
it('db.bulkEnrol.10k.fakeIndexedDb', async () => {
  const db = new TouchbaseDb('bench-bulk-enrol');
  await db.open();
  try {
    await saveSettings(db, { timeZone: 'America/New_York' });
    const N = 10_000;
    const ids = (await db.contacts.bulkAdd(
      Array.from({ length: N }, (_, i) => contactRow(i)) as ContactRow[],
      { allKeys: true },
    )) as number[];
    await db.enrolments.bulkAdd(
      ids.map((contactId) => ({ contactId, state: 'removed' }) as unknown as EnrolmentRow),
    );
    const started = performance.now();
    const res = await bulkContacts(
      db,
      ids,
      { kind: 'enrol', playbookId: 'linkedin-14-day', source: 'cold-outbound' },
      { now: T0, via: 'bench' },
    );
    const value = performance.now() - started;
    expect(res).toEqual({ changed: N, skipped: 0, reasons: [] });
    expect(await db.enrolments.where('state').equals('active').count()).toBe(N);
    record({ name: 'db.bulkEnrol.10k.fakeIndexedDb', value, unit: 'ms', budget: 45_000 });
  } finally {
    db.close();
    await db.delete();
  }
});
