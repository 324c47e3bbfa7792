import fc from 'fast-check';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectCsv, exportActivitiesCsv, exportActivityPagesCsv } from '@/lib/csv/export';
import { type ActivityRow, enrolContact, saveSettings, TouchbaseDb } from '@/lib/db';
import {
  type ActivityFilter,
  activityCsvParts,
  activityExportPages,
  activityExportRows,
  loadActivityContext,
  recentActivities,
} from '@/lib/db/export';
import { deleteAllData, saveRepSettings } from '@/lib/db/maintenance';
import { validateSettings } from '@/lib/settings/validate';
import { english } from '@/lib/i18n/english';
import { applyChoice, resetI18n } from '@/lib/i18n';
import { msg, storedMsg } from '@/lib/i18n/msg';
import { contactRow, enrolmentRow } from './seed-rows';

const T0 = Date.parse('2026-03-03T15:00:00Z');
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-export-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('activity export', () => {
  it('pages through every activity once, in time order, with ties on the same instant', async () => {
    const { contactId, enrolmentId } = await enrolContact(db, {
      contact: { email: 'ada@example.com', firstName: 'Ada', lastName: 'L', company: 'Analytical' },
      playbookId: 'seven-touch-14-day',
      source: 'referral',
      via: 'test',
      now: T0,
    });
    const rows = Array.from(
      { length: 25 },
      (_, i) =>
        ({
          kind: 'note',
          at: T0 + Math.floor(i / 4) * 1000,
          contactId,
          enrolmentId,
          text: `n${i}`,
          channel: i % 2 ? 'email' : 'sms',
        }) as ActivityRow,
    );
    await db.activities.bulkAdd(rows);
    const out = [];
    for await (const r of activityExportRows(db, {}, { timeZone: 'America/New_York', pageSize: 3 }))
      out.push(r);
    expect(out).toHaveLength(26);
    expect(out.filter((r) => r.text.startsWith('n')).map((r) => r.text)).toEqual(rows.map((r) => r.text));
    expect(out[1]).toMatchObject({
      contactName: 'Ada L',
      company: 'Analytical',
      playbook: '7 touches in 14 days',
    });

    const emails = [];
    for await (const r of activityExportRows(
      db,
      { channel: 'email', contact: 'analytical' },
      { timeZone: 'UTC', pageSize: 4 },
    ))
      emails.push(r);
    expect(emails).toHaveLength(12);

    const csv = await collectCsv(
      exportActivitiesCsv(activityExportRows(db, {}, { timeZone: 'America/New_York' })),
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    // The dashboard's page-at-a-time path writes the same file, whatever the page size.
    for (const pageSize of [1, 3, 4, 2000]) {
      const viaPages = await collectCsv(
        exportActivityPagesCsv(activityExportPages(db, {}, { timeZone: 'America/New_York', pageSize })),
      );
      expect(viaPages).toBe(csv);
    }
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    expect(parsed.data).toHaveLength(27);
    expect(parsed.data[1]?.[0]).toBe('2026-03-03T10:00:00-05:00');

    const ctx = await loadActivityContext(db);
    const recent = await recentActivities(db, { from: T0 + 5000 }, ctx, 3);
    expect(recent.map((r) => r.text)).toEqual(['n24', 'n23', 'n22']);
  });

  it('writes the same file from the whole log read by id as from the time index, whatever the write order', async () => {
    const ada = await enrolContact(db, {
      contact: { email: 'ada@example.com', firstName: 'Ada', lastName: 'L', company: 'Analytical' },
      playbookId: 'seven-touch-14-day',
      source: 'referral',
      via: 'test',
      now: T0,
    });
    const bob = await enrolContact(db, {
      contact: { email: 'bob@example.com', firstName: 'Bob', lastName: 'B', company: 'Babbage' },
      playbookId: 'seven-touch-14-day',
      source: 'referral',
      via: 'test',
      now: T0,
    });
    const base = await db.activities.count();
    const entry = fc.record({
      // Few instants, so ties are common; written in any order, as an imported or synced history is.
      at: fc.integer({ min: 0, max: 6 }).map((i) => T0 + i * 1000),
      who: fc.constantFrom(ada, bob),
      channel: fc.constantFrom('email', 'sms', undefined),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(entry, { maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom<ActivityFilter>({}, { channel: 'email' }, { contact: 'babbage' }),
        fc.boolean(),
        async (entries, pageSize, filter, sparse) => {
          await db.activities.where('id').above(base).delete();
          await db.activities.bulkAdd(
            entries.map(
              (e, i) =>
                ({
                  kind: 'note',
                  at: e.at,
                  contactId: e.who.contactId,
                  enrolmentId: e.who.enrolmentId,
                  text: `n${i}`,
                  ...(e.channel ? { channel: e.channel } : {}),
                }) as ActivityRow,
            ),
          );
          // A row without a usable time is in no time range, so in neither file.
          await db.activities.add({
            kind: 'note',
            at: Number.NaN,
            contactId: 1,
            text: 'lost',
          } as ActivityRow);
          // Ids far apart (a restored backup keeps its ids): the id ranges read must still cover them.
          if (sparse) {
            await db.activities.add({
              id: 1e9,
              kind: 'note',
              at: T0 + 2000,
              contactId: ada.contactId,
              text: 'far',
            } as ActivityRow);
            await db.activities.add({
              id: 3e9 + 0.5,
              kind: 'reply',
              at: T0 - 5,
              contactId: bob.contactId,
              text: 'far, too',
            } as ActivityRow);
          }
          const file = (f: ActivityFilter) =>
            collectCsv(
              exportActivityPagesCsv(activityExportPages(db, f, { timeZone: 'America/New_York', pageSize })),
            );
          const scanned = await file(filter);
          // An open date range takes the `at` index path.
          expect(scanned).toBe(await file({ ...filter, from: Number.NEGATIVE_INFINITY }));
          // The dashboard's writer: each page encoded in time order as it arrives, then merged.
          for (const f of [filter, { ...filter, from: Number.NEGATIVE_INFINITY }]) {
            const direct = await activityCsvParts(db, f, { timeZone: 'America/New_York', pageSize });
            // The file's own bytes: the parts are Blobs, merged a part at a time.
            expect(new Uint8Array(await new Blob(direct.parts).arrayBuffer())).toEqual(
              new TextEncoder().encode(scanned),
            );
            expect(direct.rows).toBe(Papa.parse(scanned.slice(1), { skipEmptyLines: true }).data.length - 1);
          }
          const all = await db.activities.toArray();
          const expected = all
            .filter((a) => !Number.isNaN(a.at) && (!filter.channel || a.channel === filter.channel))
            .filter((a) => !filter.contact || a.contactId === bob.contactId)
            .sort((a, b) => a.at - b.at || a.id - b.id)
            .map((a) => a.text ?? '');
          const texts = Papa.parse<string[]>(scanned.slice(1), { skipEmptyLines: true }).data.map(
            (r) => r[11],
          );
          expect(texts.slice(1)).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("writes a note Touchbase worded in stable English, whatever the rep's language", async () => {
    const note = msg('activity_took_over', { name: 'Ben', previous: 'Ana' });
    await db.activities.bulkAdd([
      { kind: 'note', at: T0, contactId: 1, ...storedMsg(note) } as ActivityRow,
      // Written before notes had messages: exported as stored.
      { kind: 'note', at: T0 + 1, contactId: 1, text: 'Replanned in Europe/Paris.' } as ActivityRow,
    ]);
    await applyChoice('de');
    try {
      const csv = await collectCsv(
        exportActivitiesCsv(activityExportRows(db, {}, { timeZone: 'America/New_York' })),
      );
      const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
      expect(parsed.data.slice(1).map((r) => r[11])).toEqual([
        'Ben took this lead over from Ana.',
        'Replanned in Europe/Paris.',
      ]);
    } finally {
      resetI18n();
    }
  });

  it('reads every contact and sequence for the export, past one read of them (2,000 rows)', async () => {
    await db.contacts.bulkAdd(
      Array.from({ length: 4_500 }, (_, i) =>
        contactRow(i + 1, { timeZone: 'UTC', at: T0, company: `Co ${i}` }),
      ),
    );
    await db.enrolments.bulkAdd(Array.from({ length: 2_001 }, (_, i) => enrolmentRow(i + 1, i + 1, T0)));
    const ctx = await loadActivityContext(db);
    expect(ctx.contacts.size).toBe(4_500);
    expect(ctx.contacts.get(4_500)?.company).toBe('Co 4499');
    expect([...ctx.enrolments.keys()]).toEqual(Array.from({ length: 2_001 }, (_, i) => i + 1));
  });
});

describe('settings', () => {
  it('refuses an unknown time zone and saves a valid change', async () => {
    expect(english(validateSettings({ timeZone: 'Mars/Olympus' })[0]!.msg)).toMatch(/not a time zone/);
    expect(validateSettings({ window: { days: [1], start: '18:00', end: '09:00' } })).toHaveLength(1);
    expect(validateSettings({ bookingLink: 'javascript:alert(1)' })).toHaveLength(1);
    await expect(saveRepSettings(db, { timeZone: 'Mars/Olympus' })).rejects.toThrow(/not a time zone/);
    const saved = await saveRepSettings(db, { timeZone: ' Europe/Paris ', reengageDays: 75, name: 'Sam' });
    expect(saved).toMatchObject({ timeZone: 'Europe/Paris', reengageDays: 75, name: 'Sam' });
    await expect(saveRepSettings(db, { reengageDays: 120 })).rejects.toThrow(/60 to 90/);
  });

  it('deletes everything only with the typed confirmation', async () => {
    await enrolContact(db, {
      contact: { email: 'ada@example.com' },
      playbookId: 'seven-touch-14-day',
      source: 'referral',
      via: 'test',
      now: T0,
    });
    await expect(deleteAllData(db, 'delete')).rejects.toThrow(/Type DELETE/);
    expect(await db.contacts.count()).toBe(1);
    await deleteAllData(db, 'DELETE');
    expect(await db.contacts.count()).toBe(0);
    expect(await db.touches.count()).toBe(0);
    expect(await db.settings.count()).toBe(0);
  });
});
