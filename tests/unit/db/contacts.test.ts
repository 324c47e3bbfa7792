import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderMsg } from '@/lib/i18n/message';
import {
  type ContactRow,
  contactByEmail,
  type EnrolmentRow,
  enrolContact,
  enrolmentAction,
  saveSettings,
  TouchbaseDb,
  type TouchRow,
} from '@/lib/db';
import { buildContactRows, bulkContacts, filterAndSortRows } from '@/lib/db/contacts';

const T0 = Date.parse('2026-03-03T15:00:00Z');
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-contacts-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function contact(
  id: number,
  first: string,
  company: string,
  email = `${first.toLowerCase()}@x.com`,
): ContactRow {
  return {
    id,
    email,
    emailLower: email.toLowerCase(),
    externalIds: [],
    firstName: first,
    lastName: '',
    company,
    phone: '',
    title: '',
    timeZone: 'UTC',
    leadSource: 'web-form',
    notes: '',
    optOut: {},
    custom: {},
    createdAt: 0,
    updatedAt: 0,
  };
}

describe('buildContactRows / filterAndSortRows', () => {
  const contacts = [
    contact(1, 'Ada', 'Analytical'),
    contact(2, 'Grace', 'Navy'),
    contact(3, 'Alan', 'Bletchley'),
  ];
  const enrolments = [
    { id: 10, contactId: 1, enrolledAt: 1, state: 'completed', playbookName: 'Old' },
    { id: 11, contactId: 1, enrolledAt: 5, state: 'active', playbookName: 'New' },
    { id: 12, contactId: 2, enrolledAt: 3, state: 'paused', playbookName: 'P' },
  ] as EnrolmentRow[];
  const planned = [
    { contactId: 1, dueAt: 500 },
    { contactId: 1, dueAt: 200 },
    { contactId: 3, dueAt: 100 },
  ] as TouchRow[];

  it('joins the latest enrolment and the earliest planned touch', () => {
    const rows = buildContactRows(contacts, enrolments, planned);
    expect(rows.map((r) => [r.name, r.playbook, r.state, r.nextDueAt])).toEqual([
      ['Ada', 'New', 'active', 200],
      ['Grace', 'P', 'paused', undefined],
      ['Alan', '', 'none', 100],
    ]);
  });

  it('searches name, company and email and sorts empties last', () => {
    const rows = buildContactRows(contacts, enrolments, planned);
    expect(filterAndSortRows(rows, 'NAVY', 'name', 'asc').map((r) => r.id)).toEqual([2]);
    expect(filterAndSortRows(rows, 'a x.com', 'name', 'asc').map((r) => r.name)).toEqual([
      'Ada',
      'Alan',
      'Grace',
    ]);
    expect(filterAndSortRows(rows, '', 'nextDueAt', 'asc').map((r) => r.id)).toEqual([3, 1, 2]);
    expect(filterAndSortRows(rows, '', 'nextDueAt', 'desc').map((r) => r.id)).toEqual([1, 3, 2]);
    expect(filterAndSortRows(rows, '', 'playbook', 'asc').map((r) => r.id)).toEqual([1, 2, 3]);
  });
});

async function enrol(email: string) {
  return enrolContact(db, {
    contact: { email, firstName: email.split('@')[0] },
    playbookId: 'seven-touch-14-day',
    source: 'referral',
    via: 'test',
    now: T0,
  });
}

describe('bulkContacts', () => {
  it('enrols the selection, skipping contacts already in a running sequence', async () => {
    const a = await enrol('a@example.com');
    const b = await db.contacts.add({ ...contact(0, 'B', 'Co', 'b@example.com'), id: undefined } as never);
    const res = await bulkContacts(
      db,
      [a.contactId, b as number],
      { kind: 'enrol', playbookId: 'speed-to-lead-90', source: 'web-form' },
      { now: T0, via: 'dashboard' },
    );
    expect({ ...res, reasons: res.reasons.map(renderMsg) }).toEqual({
      changed: 1,
      skipped: 1,
      reasons: ['1 already in a running sequence'],
    });
    expect(
      await db.enrolments
        .where('contactId')
        .equals(b as number)
        .count(),
    ).toBe(1);
  });

  it('pauses, resumes and removes running sequences', async () => {
    const a = await enrol('a@example.com');
    const b = await enrol('b@example.com');
    await enrolmentAction(db, b.enrolmentId, { kind: 'pause' }, { now: T0, via: 'test' });
    const paused = await bulkContacts(
      db,
      [a.contactId, b.contactId],
      { kind: 'pause' },
      { now: T0, via: 'd' },
    );
    expect(paused).toMatchObject({ changed: 1, skipped: 1 });
    expect((await db.enrolments.get(a.enrolmentId))?.state).toBe('paused');
    expect(await db.touches.where({ contactId: a.contactId, state: 'planned' }).count()).toBe(0);
    const resumed = await bulkContacts(
      db,
      [a.contactId, b.contactId],
      { kind: 'resume' },
      { now: T0, via: 'd' },
    );
    expect(resumed.changed).toBe(2);
    const removed = await bulkContacts(db, [a.contactId], { kind: 'remove' }, { now: T0, via: 'd' });
    expect(removed.changed).toBe(1);
    expect((await db.enrolments.get(a.enrolmentId))?.state).toBe('removed');
  });

  it('deletes contacts with their sequences, touches and history', async () => {
    const a = await enrol('a@example.com');
    const b = await enrol('b@example.com');
    const res = await bulkContacts(db, [a.contactId], { kind: 'delete' }, { now: T0, via: 'd' });
    expect(res.changed).toBe(1);
    expect(await contactByEmail(db, 'a@example.com')).toBeUndefined();
    expect(await db.enrolments.where('contactId').equals(a.contactId).count()).toBe(0);
    expect(await db.touches.where('contactId').equals(a.contactId).count()).toBe(0);
    expect(await db.activities.filter((x) => x.contactId === a.contactId).count()).toBe(0);
    expect(await db.touches.where('contactId').equals(b.contactId).count()).toBeGreaterThan(0);
  });

  it('is all or nothing', async () => {
    const ids = [];
    for (const e of ['a', 'b', 'c'])
      ids.push(
        (await db.contacts.add({ ...contact(0, e, 'Co', `${e}@x.com`), id: undefined } as never)) as number,
      );
    let k = 0;
    db.enrolments.hook('creating', () => {
      if (++k === 3) throw new Error('boom');
    });
    await expect(
      bulkContacts(
        db,
        ids,
        { kind: 'enrol', playbookId: 'seven-touch-14-day', source: 'referral' },
        { now: T0, via: 'd' },
      ),
    ).rejects.toThrow('boom');
    expect(await db.enrolments.count()).toBe(0);
    expect(await db.touches.count()).toBe(0);
  });
});
