import { describe, expect, it } from 'vitest';
import { exportBackup, parseBackup, restoreBackup, SCHEMA_VERSIONS, TouchbaseDb } from '@/lib/db';

describe('schema upgrades', () => {
  it('data written by every version is intact after the next one', async () => {
    const latest = SCHEMA_VERSIONS.at(-1)!.version;
    for (let v = 1; v < latest; v++) {
      const name = `upgrade-${v}`;
      const old = new TouchbaseDb(name, v);
      await old.open();
      // A contact as version 1 wrote it: no custom fields, no opt-outs yet.
      await old.table('contacts').add({
        email: 'Old@Example.com',
        emailLower: 'old@example.com',
        firstName: 'Old',
        lastName: 'Timer',
        company: 'Legacy',
        phone: '',
        title: '',
        timeZone: 'Europe/London',
        leadSource: 'referral',
        createdAt: 1,
        updatedAt: 1,
      });
      await old.table('touches').add({
        enrolmentId: 1,
        contactId: 1,
        step: 1,
        totalSteps: 1,
        channel: 'sms',
        purpose: 'acknowledge',
        dueAt: 5,
        deadlineAt: 10,
        state: 'planned',
      });
      await old.table('activities').add({ kind: 'note', at: 3, contactId: 1, text: 'kept' });
      old.close();

      const next = new TouchbaseDb(name, v + 1);
      await next.open();
      const c = await next.contacts.where('emailLower').equals('old@example.com').first();
      expect(c).toMatchObject({
        firstName: 'Old',
        company: 'Legacy',
        timeZone: 'Europe/London',
        custom: {},
        optOut: {},
        notes: '',
      });
      expect(await next.activities.toArray()).toMatchObject([{ kind: 'note', text: 'kept' }]);
      // v2's index answers "the contact's next touch".
      const t = await next.touches
        .where('[contactId+state+dueAt]')
        .between([1, 'planned', -Infinity], [1, 'planned', Infinity])
        .first();
      expect(t?.dueAt).toBe(5);
      next.close();
      await next.delete();
    }
  });

  it('email is unique, case-insensitively', async () => {
    const db = new TouchbaseDb('unique-email');
    await db.open();
    const row = {
      email: 'a@x.com',
      emailLower: 'a@x.com',
      firstName: '',
      lastName: '',
      company: '',
      phone: '',
      title: '',
      timeZone: 'UTC',
      leadSource: 'other' as const,
      notes: '',
      optOut: {},
      custom: {},
      createdAt: 0,
      updatedAt: 0,
    };
    await db.contacts.add(row as never);
    await expect(db.contacts.add({ ...row, email: 'A@X.com' } as never)).rejects.toThrow();
    db.close();
    await db.delete();
  });
});

describe('backup and restore', () => {
  it('round-trips the whole database and refuses damaged or foreign files without changing anything', async () => {
    const db = new TouchbaseDb('backup-src');
    await db.open();
    await db.contacts.add({
      email: 'b@x.com',
      emailLower: 'b@x.com',
      firstName: 'B',
      lastName: '',
      company: 'C',
      phone: '',
      title: '',
      timeZone: 'UTC',
      leadSource: 'other',
      notes: '',
      optOut: {},
      custom: { k: 'v' },
      createdAt: 0,
      updatedAt: 0,
    } as never);
    await db.activities.add({ kind: 'note', at: 1, contactId: 1, text: '<b>hi</b>' } as never);
    const json = await exportBackup(db, 123);

    const target = new TouchbaseDb('backup-dst');
    await target.open();
    await target.activities.add({ kind: 'note', at: 9, text: 'existing' } as never);

    for (const bad of [
      '',
      '{',
      '{"format":"other"}',
      json.slice(0, json.length / 2),
      JSON.stringify({ ...JSON.parse(json), tables: { contacts: [{}] } }),
    ]) {
      await expect(restoreBackup(target, bad)).rejects.toThrow(/backup/i);
      expect((await target.activities.toArray()).map((a) => a.text)).toEqual(['existing']);
    }
    expect(() =>
      parseBackup(JSON.stringify({ ...JSON.parse(json), schemaVersion: 999 }), target.verno),
    ).toThrow(/newer Touchbase/);

    await restoreBackup(target, json);
    expect(await target.contacts.toArray()).toEqual(await db.contacts.toArray());
    expect((await target.activities.toArray()).map((a) => a.text)).toEqual(['<b>hi</b>']);
    for (const d of [db, target]) {
      d.close();
      await d.delete();
    }
  });
});
