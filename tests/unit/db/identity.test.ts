import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  completeTouch,
  contactByEmail,
  contactByExternalId,
  enrolContact,
  findContacts,
  mergeContacts,
  normaliseExternalId,
  RepoError,
  saveSettings,
  TouchbaseDb,
  upsertContact,
} from '@/lib/db';
import { exportBackup, restoreBackup } from '@/lib/db/backup';

const T0 = Date.parse('2026-03-03T15:00:00Z');
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-identity-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const HS = 'hubspot:4711:901';
const LI = 'linkedin:https://www.linkedin.com/in/ada-lovelace/';

describe('external ids', () => {
  it('are kept trimmed and case-preserving, and junk is refused', () => {
    expect(normaliseExternalId('  salesforce:acme:003aB000001xYz ')).toBe('salesforce:acme:003aB000001xYz');
    for (const bad of ['', 'no-colon', ':x', 'Hub:1', 'hubspot:', 'hubspot: 1', `x:${'a'.repeat(600)}`]) {
      expect(normaliseExternalId(bad)).toBeUndefined();
    }
  });

  it('find a contact by any of them, or by any email', async () => {
    const c = await upsertContact(db, { email: 'Ada@Example.com', externalIds: [HS, LI] }, T0);
    expect((await contactByExternalId(db, HS))?.id).toBe(c.id);
    expect((await contactByExternalId(db, ` ${LI}`))?.id).toBe(c.id);
    expect(await contactByExternalId(db, 'hubspot:4711:902')).toBeUndefined();
    expect((await findContacts(db, { emails: ['ADA@example.com'] })).map((x) => x.id)).toEqual([c.id]);
    expect(
      (await findContacts(db, { emails: ['nobody@x.com'], externalIds: [LI] })).map((x) => x.id),
    ).toEqual([c.id]);
  });

  it('let a contact live without an email; many such contacts never collide on the email index', async () => {
    const a = await upsertContact(db, { firstName: 'Ada', externalIds: [LI] }, T0);
    const b = await upsertContact(db, { firstName: 'Bo', email: '  ', externalIds: ['linkedin:bo'] }, T0);
    expect(a.id).not.toBe(b.id);
    const rows = await db.contacts.toArray();
    expect(rows.map((r) => 'emailLower' in r)).toEqual([false, false]);
    expect(rows.map((r) => r.email)).toEqual(['', '']);
    expect(await contactByEmail(db, '')).toBeUndefined();
    // A contact needs something to be found by.
    await expect(upsertContact(db, { firstName: 'Nobody' }, T0)).rejects.toThrow(RepoError);
    await expect(upsertContact(db, { firstName: 'Nobody', externalIds: ['junk'] }, T0)).rejects.toThrow(
      /email address or a record/,
    );
  });

  it('an email seen later lands on the LinkedIn-only contact, and its records accumulate', async () => {
    const li = await upsertContact(db, { firstName: 'Ada', externalIds: [LI] }, T0);
    const again = await upsertContact(db, { email: 'ada@example.com', externalIds: [LI, HS] }, T0 + 1);
    expect(again.id).toBe(li.id);
    const row = await db.contacts.get(li.id);
    expect(row).toMatchObject({ email: 'ada@example.com', emailLower: 'ada@example.com', firstName: 'Ada' });
    expect(row?.externalIds).toEqual([LI, HS]);
    // Email stays unique where present.
    await expect(db.contacts.add({ ...row!, id: undefined as never, externalIds: [] })).rejects.toThrow();
  });

  it('a page never overwrites what the rep typed (fill mode)', async () => {
    await upsertContact(db, { email: 'ada@example.com', title: 'CTO', phone: '+1 555 0100' }, T0);
    const c = await upsertContact(
      db,
      { email: 'ada@example.com', externalIds: [HS], title: 'VP', phone: '+1 555 0199', company: 'Acme' },
      T0,
    );
    expect(c).toMatchObject({ title: 'CTO', phone: '+1 555 0100', company: 'Acme', externalIds: [HS] });
  });
});

async function enrolled(contact: { email?: string; externalIds?: string[]; firstName?: string }) {
  return enrolContact(db, {
    contact,
    playbookId: 'seven-touch-14-day',
    source: 'web-form',
    via: 'test',
    now: T0,
  });
}

describe('merging two contacts that are one person', () => {
  it('moves enrolments, touches and activities to the survivor and deletes the other', async () => {
    const a = await enrolled({ email: 'ada@example.com', firstName: 'Ada' });
    const bContact = await upsertContact(db, { externalIds: [LI], firstName: 'Ada L.' }, T0);
    await db.contacts.update(bContact.id, {
      title: 'Countess',
      phone: '+44 20 7946 0000',
      notes: 'met at RSVP',
    });
    const b = await enrolContact(db, {
      contact: { externalIds: [LI] },
      playbookId: 'linkedin-14-day',
      source: 'web-form',
      via: 'test',
      now: T0,
    });
    await db.contacts.update(a.contactId, { optOut: { sms: true } });
    const before = {
      enrolments: await db.enrolments.count(),
      touches: await db.touches.count(),
      activities: await db.activities.count(),
    };

    const survivor = await mergeContacts(db, a.contactId, bContact.id, { now: T0 + 5, via: 'test' });

    expect(await db.contacts.get(bContact.id)).toBeUndefined();
    expect(await db.contacts.count()).toBe(1);
    expect(survivor).toMatchObject({
      id: a.contactId,
      email: 'ada@example.com',
      firstName: 'Ada',
      title: 'Countess',
      phone: '+44 20 7946 0000',
      notes: 'met at RSVP',
      externalIds: [LI],
      optOut: { sms: true },
    });
    expect(await db.contacts.get(a.contactId)).toMatchObject({ externalIds: [LI], title: 'Countess' });
    expect(await db.enrolments.count()).toBe(before.enrolments);
    expect(await db.touches.count()).toBe(before.touches);
    // Every row moved, plus one note saying so.
    expect(await db.activities.count()).toBe(before.activities + 1);
    expect((await db.enrolments.toArray()).every((e) => e.contactId === a.contactId)).toBe(true);
    expect((await db.touches.toArray()).every((t) => t.contactId === a.contactId)).toBe(true);
    expect((await db.activities.toArray()).every((x) => x.contactId === a.contactId)).toBe(true);
    expect(await db.enrolments.get(b.enrolmentId)).toMatchObject({ contactId: a.contactId });
    expect(await contactByExternalId(db, LI)).toMatchObject({ id: a.contactId });
    // A moved touch still completes against the survivor.
    const t = await db.touches.where('contactId').equals(a.contactId).first();
    await completeTouch(db, t!.id, { now: T0 + 6, via: 'test' });
  });

  it('the survivor takes the email when only the merged contact had one', async () => {
    const li = await upsertContact(db, { externalIds: [LI], firstName: 'Ada' }, T0);
    const mail = await upsertContact(db, { email: 'Ada@Example.com' }, T0);
    await mergeContacts(db, li.id, mail.id, { now: T0, via: 'test' });
    expect(await contactByEmail(db, 'ada@example.com')).toMatchObject({
      id: li.id,
      email: 'Ada@Example.com',
    });
  });

  it('is all or nothing: a failure inside leaves both contacts and their rows untouched', async () => {
    const a = await enrolled({ email: 'ada@example.com' });
    const b = await enrolled({ email: 'ada.l@example.com', externalIds: [HS] });
    const snapshot = async () => ({
      contacts: await db.contacts.toArray(),
      enrolments: await db.enrolments.toArray(),
      touches: await db.touches.toArray(),
      activities: await db.activities.toArray(),
    });
    const before = await snapshot();
    // The last write fails, after the rows have moved and the other contact is deleted.
    const hook = (_mods: object, _key: unknown, obj: { id: number }) => {
      if (obj.id === a.contactId) throw new Error('disk full');
      return undefined;
    };
    db.contacts.hook('updating', hook);
    await expect(mergeContacts(db, a.contactId, b.contactId, { now: T0, via: 'test' })).rejects.toThrow();
    db.contacts.hook('updating').unsubscribe(hook);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to merge a contact with itself or with one that is gone', async () => {
    const a = await upsertContact(db, { email: 'a@x.com' }, T0);
    await expect(mergeContacts(db, a.id, a.id, { now: T0, via: 'test' })).rejects.toThrow(RepoError);
    await expect(mergeContacts(db, a.id, 999, { now: T0, via: 'test' })).rejects.toThrow(/no longer exists/);
  });

  it('an upsert whose email and record point at two contacts merges them into the one with the email', async () => {
    const li = await enrolled({ externalIds: [LI], firstName: 'Ada' });
    const mail = await upsertContact(db, { email: 'ada@example.com', title: 'CTO' }, T0);
    const c = await upsertContact(db, { email: 'ada@example.com', externalIds: [LI] }, T0 + 1);
    expect(c.id).toBe(mail.id);
    expect(await db.contacts.count()).toBe(1);
    expect(await db.contacts.get(mail.id)).toMatchObject({
      firstName: 'Ada',
      title: 'CTO',
      externalIds: [LI],
    });
    expect(await db.enrolments.get(li.enrolmentId)).toMatchObject({ contactId: mail.id });
  });
});

describe('backup', () => {
  it('round-trips an email-less contact and refuses one with neither email nor record', async () => {
    await upsertContact(db, { firstName: 'Ada', externalIds: [LI] }, T0);
    const json = await exportBackup(db, T0);
    await restoreBackup(db, json);
    expect(await contactByExternalId(db, LI)).toMatchObject({ firstName: 'Ada', email: '' });
    const file = JSON.parse(json);
    file.tables.contacts[0].externalIds = [];
    await expect(restoreBackup(db, JSON.stringify(file))).rejects.toThrow(/neither an email/);
  });
});
