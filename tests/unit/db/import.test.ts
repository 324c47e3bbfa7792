import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactDraft } from '@/lib/csv/import';
import {
  dueSummary,
  enrolContact,
  RepoError,
  saveSettings,
  storeLaterTouches,
  TouchbaseDb,
  upsertContact,
} from '@/lib/db';
import { importContacts } from '@/lib/db/import';
import { msg } from '@/lib/i18n/msg';

const T0 = Date.parse('2026-03-03T15:00:00Z');
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-import-${n++}`);
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

describe('importContacts', () => {
  it('creates contacts, skips known ones case-insensitively, and enrols the new ones', async () => {
    await enrolContact(db, {
      contact: { email: 'Known@Example.com', firstName: 'Kay' },
      playbookId: 'seven-touch-14-day',
      source: 'referral',
      via: 'test',
      now: T0,
    });
    const res = await importContacts(db, {
      drafts: [
        draft('a@example.com'),
        draft('known@example.com', { firstName: 'New' }),
        draft('b@example.com'),
      ],
      mode: 'skip',
      enrol: { playbookId: 'speed-to-lead-90', source: 'web-form' },
      via: 'import',
      now: T0,
    });
    expect(res).toEqual({ created: 2, updated: 0, skipped: 1, enrolled: 2, notEnrolled: 0, suppressed: 0 });
    expect(await db.contacts.count()).toBe(3);
    const known = await db.contacts.where('emailLower').equals('known@example.com').first();
    expect(known?.firstName).toBe('Kay');
    const a = await db.contacts.where('emailLower').equals('a@example.com').first();
    expect(a?.leadSource).toBe('web-form');
    expect(await db.enrolments.where('contactId').equals(a!.id).count()).toBe(1);
    // Speed to lead: the first touch is due at once.
    expect((await dueSummary(db, T0)).due).toBeGreaterThanOrEqual(2);
  });

  it('learns which addresses are stored from the unique index: new ones keep their own ids and enrolments, known ones are skipped or updated without a word about fields never written', async () => {
    for (const e of ['k1@example.com', 'k2@example.com'])
      await upsertContact(db, { email: e, firstName: 'Kept' }, T0);
    const bad = { timeZone: 'Mars/Phobos' };
    const drafts = [
      draft('n1@example.com', bad),
      draft('K1@example.com', bad),
      draft('n2@example.com'),
      draft('k2@example.com', { firstName: 'Changed' }),
      draft('n3@example.com'),
    ];
    const skip = await importContacts(db, {
      drafts,
      mode: 'skip',
      enrol: { playbookId: 'speed-to-lead-90', source: 'web-form' },
      via: 'import',
      now: T0,
    });
    expect(skip).toEqual({
      created: 3,
      updated: 0,
      skipped: 2,
      enrolled: 3,
      notEnrolled: 0,
      suppressed: 0,
      problems: [
        msg('import_problem_zone', {
          email: 'n1@example.com',
          zone: 'Mars/Phobos',
          used: msg('import_used_own_zone', { zone: 'America/New_York' }),
        }),
      ],
    });
    for (const e of ['n1@example.com', 'n2@example.com', 'n3@example.com']) {
      const c = await db.contacts.where('emailLower').equals(e).first();
      const enrolments = await db.enrolments.where('contactId').equals(c!.id).toArray();
      expect(enrolments).toHaveLength(1);
      expect(
        (await db.activities.where('[contactId+at]').between([c!.id, 0], [c!.id, Infinity]).toArray()).length,
      ).toBe(1);
    }
    expect((await db.contacts.where('emailLower').equals('k2@example.com').first())?.firstName).toBe('Kept');
    const update = await importContacts(db, {
      drafts,
      mode: 'update',
      enrol: { playbookId: 'speed-to-lead-90', source: 'web-form' },
      via: 'import',
      now: T0 + 1000,
    });
    expect(update).toMatchObject({ created: 0, updated: 5, skipped: 0, enrolled: 2, notEnrolled: 3 });
    expect((await db.contacts.where('emailLower').equals('k2@example.com').first())?.firstName).toBe(
      'Changed',
    );
    expect(await db.contacts.count()).toBe(5);
  });

  it("asks for a batch's contacts without waiting for its enrolment ids: both land in the same round trip", async () => {
    // Each request as the database is asked for it and as it answers, in order.
    const events: string[] = [];
    const spied = new TouchbaseDb(`test-import-spy-${n++}`);
    spied.use({
      stack: 'dbcore',
      name: 'test-spy',
      create: (down) => ({
        ...down,
        table(name) {
          const table = down.table(name);
          return {
            ...table,
            mutate(req) {
              const what = `${name} ${req.type} ${'values' in req ? req.values.length : ''}`;
              events.push(`ask ${what}`);
              return table.mutate(req).then((res) => {
                events.push(`done ${what}`);
                return res;
              });
            },
          };
        },
      }),
    });
    await spied.open();
    try {
      await saveSettings(spied, { timeZone: 'America/New_York' });
      events.length = 0;
      const res = await importContacts(spied, {
        drafts: [draft('a@example.com'), draft('b@example.com')],
        mode: 'skip',
        enrol: { playbookId: 'speed-to-lead-90', source: 'web-form' },
        via: 'import',
        now: T0,
      });
      expect(res.enrolled).toBe(2);
      // The placeholder that reserves the enrolment ids (lib/db/repo.ts reserveEnrolmentId) is
      // still being written when the contacts are asked for: one wait for the two, not two.
      const contactsAsked = events.indexOf('ask contacts add 2');
      const placeholderDone = events.indexOf('done enrolments add 1');
      expect(contactsAsked).toBeGreaterThanOrEqual(0);
      expect(placeholderDone).toBeGreaterThanOrEqual(0);
      expect(contactsAsked).toBeLessThan(placeholderDone);
    } finally {
      spied.close();
      await spied.delete();
    }
  });

  it('gives enrolments ids never used before, ties their activities and touches to them, and leaves no placeholder', async () => {
    const enrol = { playbookId: 'speed-to-lead-90', source: 'web-form' as const };
    await importContacts(db, {
      drafts: [1, 2, 3].map((i) => draft(`a${i}@example.com`)),
      mode: 'skip',
      enrol,
      via: 'import',
      now: T0,
    });
    const first = await db.enrolments.toArray();
    const top = Math.max(...first.map((e) => e.id));
    // The newest enrolment deleted: its id must never be handed out again (undo, sync ids).
    await db.enrolments.delete(top);
    await importContacts(db, {
      drafts: [4, 5].map((i) => draft(`a${i}@example.com`)),
      mode: 'skip',
      enrol,
      via: 'import',
      now: T0,
    });
    const later = (await db.enrolments.toArray()).filter((e) => e.id > top);
    expect(later).toHaveLength(2);
    for (const e of later) {
      const c = await db.contacts.get(e.contactId);
      expect(c?.email).toMatch(/^a[45]@/);
      const acts = await db.activities
        .where('[enrolmentId+at]')
        .between([e.id, 0], [e.id, Infinity])
        .toArray();
      expect(acts.map((a) => [a.kind, a.contactId])).toEqual([['enrolled', e.contactId]]);
      // No step is a row at import (lib/db/horizon.ts): the alarm stores the hour ahead.
      expect(await db.touches.where('[enrolmentId+step]').between([e.id, 0], [e.id, Infinity]).count()).toBe(
        0,
      );
      expect(e.laterDueAt).toBeDefined();
    }
    await storeLaterTouches(db, T0);
    for (const e of later) {
      const touches = await db.touches
        .where('[enrolmentId+step]')
        .between([e.id, 0], [e.id, Infinity])
        .toArray();
      expect(touches.length).toBeGreaterThan(0);
      expect(touches.every((t) => t.contactId === e.contactId)).toBe(true);
    }
    // Every contact already running: nothing enrolled, and no placeholder row left behind.
    const again = await importContacts(db, {
      drafts: [4, 5].map((i) => draft(`a${i}@example.com`)),
      mode: 'update',
      enrol,
      via: 'import',
      now: T0,
    });
    expect(again.enrolled).toBe(0);
    expect((await db.enrolments.toArray()).every((e) => typeof e.contactId === 'number')).toBe(true);
    expect(await db.enrolments.count()).toBe(4);
  });

  it('finds a contact by another of its addresses, with fewer or more other addresses stored than rows in the batch', async () => {
    await upsertContact(
      db,
      { email: 'ada@example.com', firstName: 'Ada', externalIds: ['email:ada@home.net'] },
      T0,
    );
    // Three rows, one other address stored: one key-range read answers for all three.
    const many = await importContacts(db, {
      drafts: [draft('x@example.com'), draft('ADA@home.net', { title: 'CTO' }), draft('y@example.com')],
      mode: 'update',
      via: 'import',
      now: T0,
    });
    expect(many).toMatchObject({ created: 2, updated: 1 });
    // One row, as many other addresses stored as rows: looked up by key.
    const one = await importContacts(db, {
      drafts: [draft('ada@home.net', { company: 'Analytical' })],
      mode: 'update',
      via: 'import',
      now: T0,
    });
    expect(one).toMatchObject({ created: 0, updated: 1 });
    const ada = await db.contacts.where('emailLower').equals('ada@example.com').first();
    expect(ada).toMatchObject({ title: 'CTO', company: 'Analytical' });
    expect(await db.contacts.count()).toBe(3);
  });

  it("finds known contacts whether few or many stored addresses fall between the batch's first and last", async () => {
    for (const l of 'bcdefghijk') await upsertContact(db, { email: `${l}@example.com` }, T0);
    await upsertContact(db, { email: 'z@example.com', firstName: 'Zed' }, T0);
    // a..z holds 11 stored addresses, more than four per row: each row is looked up.
    const wide = await importContacts(db, {
      drafts: [draft('a@example.com'), draft('Z@example.com', { title: 'Boss' })],
      mode: 'update',
      via: 'import',
      now: T0,
    });
    expect(wide).toMatchObject({ created: 1, updated: 1 });
    // c..e holds three: one key-range read tells which are stored.
    const narrow = await importContacts(db, {
      drafts: [draft('c@example.com', { title: 'Chief' }), draft('cc@example.com'), draft('e@example.com')],
      mode: 'skip',
      via: 'import',
      now: T0,
    });
    expect(narrow).toMatchObject({ created: 1, skipped: 2 });
    expect((await db.contacts.where('emailLower').equals('z@example.com').first())?.title).toBe('Boss');
    expect(await db.contacts.count()).toBe(13);
  });

  it('updates known contacts in update mode without erasing fields the file leaves empty', async () => {
    await enrolContact(db, {
      contact: { email: 'known@example.com', firstName: 'Kay', phone: '555' },
      playbookId: 'seven-touch-14-day',
      source: 'referral',
      via: 'test',
      now: T0,
    });
    const res = await importContacts(db, {
      drafts: [draft('KNOWN@example.com', { firstName: 'Katherine', phone: '', custom: { Owner: 'Sam' } })],
      mode: 'update',
      enrol: { playbookId: 'speed-to-lead-90', source: 'web-form' },
      via: 'import',
      now: T0 + 1000,
    });
    // Already in a running sequence: updated, not enrolled twice.
    expect(res).toEqual({ created: 0, updated: 1, skipped: 0, enrolled: 0, notEnrolled: 1, suppressed: 0 });
    const known = await db.contacts.where('emailLower').equals('known@example.com').first();
    expect(known).toMatchObject({ firstName: 'Katherine', phone: '555', custom: { Owner: 'Sam' } });
  });

  it('writes nothing when a row fails half-way through', async () => {
    let creating = 0;
    db.contacts.hook('creating', () => {
      creating++;
      if (creating === 3) throw new Error('disk full');
    });
    await expect(
      importContacts(db, {
        drafts: [
          draft('a@example.com'),
          draft('b@example.com'),
          draft('c@example.com'),
          draft('d@example.com'),
        ],
        mode: 'skip',
        enrol: { playbookId: 'speed-to-lead-90', source: 'web-form' },
        via: 'import',
        now: T0,
      }),
    ).rejects.toThrow();
    expect(await db.contacts.count()).toBe(0);
    expect(await db.enrolments.count()).toBe(0);
    expect(await db.touches.count()).toBe(0);
    expect(await db.activities.count()).toBe(0);
  });

  it('rolls back the created contacts when enrolling fails after them', async () => {
    let enrolments = 0;
    db.enrolments.hook('creating', () => {
      enrolments++;
      if (enrolments === 2) throw new Error('quota exceeded');
    });
    await expect(
      importContacts(db, {
        drafts: [draft('a@example.com'), draft('b@example.com')],
        mode: 'skip',
        enrol: { playbookId: 'seven-touch-14-day', source: 'referral' },
        via: 'import',
        now: T0,
      }),
    ).rejects.toThrow(/quota/);
    expect(await db.contacts.count()).toBe(0);
    expect(await db.enrolments.count()).toBe(0);
    expect(await db.touches.count()).toBe(0);
  });

  it('refuses up front an invalid email or an unknown playbook', async () => {
    await expect(
      importContacts(db, {
        drafts: [draft('a@example.com'), draft('nope')],
        mode: 'skip',
        via: 'import',
        now: T0,
      }),
    ).rejects.toBeInstanceOf(RepoError);
    await expect(
      importContacts(db, {
        drafts: [draft('a@example.com')],
        mode: 'skip',
        enrol: { playbookId: 'missing', source: 'web-form' },
        via: 'import',
        now: T0,
      }),
    ).rejects.toThrow(/no playbook/);
    expect(await db.contacts.count()).toBe(0);
  });

  it('imports thousands of contacts in one go', async () => {
    const drafts = Array.from({ length: 3000 }, (_, i) => draft(`p${i}@example.com`));
    const res = await importContacts(db, { drafts, mode: 'skip', via: 'import', now: T0 });
    expect(res.created).toBe(3000);
    expect(await db.contacts.count()).toBe(3000);
  });
});
