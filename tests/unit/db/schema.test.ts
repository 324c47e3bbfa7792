import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  exportBackup,
  parseBackup,
  restoreBackup,
  SCHEMA_VERSIONS,
  storeLaterTouches,
  TouchbaseDb,
} from '@/lib/db';

describe('schema upgrades', () => {
  it('data written by every version is intact after the next one', async () => {
    // Versions are numbered by whoever was assigned them, so there may be gaps: walk the real ones.
    const versions = SCHEMA_VERSIONS.map((s) => s.version);
    for (let i = 0; i + 1 < versions.length; i++) {
      const v = versions[i]!;
      const to = versions[i + 1]!;
      const name = `upgrade-${v}`;
      const old = new TouchbaseDb(name, 1);
      await old.open();
      // A contact as version 1 wrote it (no custom fields, no opt-outs yet); from v2 on, the
      // app always wrote those fields.
      const since2 = v >= 2 ? { custom: {}, optOut: {}, notes: '' } : {};
      await old.table('contacts').add({
        ...since2,
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
      // Bring it to version v as that release would have, then take the next step.
      const atV = new TouchbaseDb(name, v);
      await atV.open();
      atV.close();

      const next = new TouchbaseDb(name, to);
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
      if (to >= 6) {
        expect(c?.externalIds).toEqual([]);
        expect(await next.contacts.where('externalIds').equals('x:1').count()).toBe(0);
      }
      next.close();
      await next.delete();
    }
  });

  it('v6 keeps every field of a v2 contact, adds external ids, and lets contacts have no email', async () => {
    const name = 'upgrade-v6';
    const old = new TouchbaseDb(name, 5);
    await old.open();
    const v2Contact = {
      email: 'Grace@Example.com',
      emailLower: 'grace@example.com',
      firstName: 'Grace',
      lastName: 'Hopper',
      company: 'Navy',
      phone: '+1 555 0100',
      title: 'Rear Admiral',
      linkedinUrl: 'https://www.linkedin.com/in/grace/',
      timeZone: 'America/New_York',
      leadSource: 'referral',
      topic: 'compilers',
      notes: 'met at a conference',
      optOut: { sms: true },
      custom: { Team: 'COBOL' },
      createdAt: 10,
      updatedAt: 20,
    };
    const id = (await old.table('contacts').add({ ...v2Contact })) as number;
    await old.table('enrolments').add({ contactId: id, state: 'active', playbookId: 'p' });
    old.close();

    const db = new TouchbaseDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(6);
    expect(await db.contacts.get(id)).toEqual({ ...v2Contact, id, externalIds: [] });
    expect(await db.enrolments.where('contactId').equals(id).count()).toBe(1);
    // The multiEntry index answers "who is this record", and email-less rows do not collide.
    const blank = { ...v2Contact, email: '', emailLower: undefined };
    await db.contacts.add({ ...blank, externalIds: ['linkedin:a', 'hubspot:1:2'] } as never);
    await db.contacts.add({ ...blank, externalIds: ['linkedin:b'] } as never);
    expect((await db.contacts.where('externalIds').equals('hubspot:1:2').first())?.externalIds).toEqual([
      'linkedin:a',
      'hubspot:1:2',
    ]);
    expect(await db.contacts.where('emailLower').equals('grace@example.com').count()).toBe(1);
    db.close();
    await db.delete();
  });

  it('v7 keeps every enrolment and touch row as it was, finds touches by enrolment without its own index, and indexes laterDueAt', async () => {
    const name = 'upgrade-v7';
    const old = new TouchbaseDb(name, 6);
    await old.open();
    const enrolment = {
      contactId: 1,
      playbookId: 'speed-to-lead-90',
      playbookName: 'Speed to lead, 90 days',
      state: 'active',
      enrolledAt: 100,
      stateChangedAt: 100,
      source: 'web-form',
      timeZone: 'America/New_York',
      steps: [{ channel: 'email', day: 0, purpose: 'confirm' }],
      done: [],
      lastTouchAt: 50,
    };
    const eid = (await old.table('enrolments').add({ ...enrolment })) as number;
    const planned = {
      enrolmentId: eid,
      contactId: 1,
      step: 2,
      totalSteps: 8,
      channel: 'call',
      purpose: 'call',
      dueAt: 9e12,
      deadlineAt: 9.1e12,
      withinMinutes: 5,
      state: 'planned',
      notifiedAt: 7,
    };
    const done = { ...planned, step: 1, state: 'done', doneAt: 60, text: 'Sent.' };
    delete (done as Partial<typeof planned>).notifiedAt;
    const [p1, d1] = (await old
      .table('touches')
      .bulkAdd([{ ...planned }, { ...done }], { allKeys: true })) as number[];
    old.close();

    const db = new TouchbaseDb(name, 7);
    await db.open();
    expect(db.verno).toBe(7);
    expect(await db.enrolments.get(eid)).toEqual({ ...enrolment, id: eid });
    // Every planned touch of an older version stays a row (the horizon rule allows more rows).
    expect(await db.touches.get(p1!)).toEqual({ ...planned, id: p1 });
    expect(await db.touches.get(d1!)).toEqual({ ...done, id: d1 });
    expect((await db.touches.where('enrolmentId').equals(eid).sortBy('step')).map((t) => t.id)).toEqual([
      d1,
      p1,
    ]);
    expect(await db.enrolments.where('laterDueAt').below(Infinity).count()).toBe(0);
    expect(await storeLaterTouches(db, 1_000)).toBe(0);
    await db.enrolments.update(eid, { laterDueAt: 500 });
    expect(await db.enrolments.where('laterDueAt').below(1_000).primaryKeys()).toEqual([eid]);
    db.close();
    await db.delete();
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

describe('v3: suppressions and undo', () => {
  it('turns a contact already opted out into a suppression entry, and leaves the others alone', async () => {
    const old = new TouchbaseDb('upgrade-to-3', 2);
    await old.open();
    const base = {
      lastName: '',
      company: '',
      title: '',
      timeZone: 'UTC',
      leadSource: 'other',
      notes: '',
      custom: {},
      createdAt: 1,
    };
    await old.table('contacts').bulkAdd([
      {
        ...base,
        email: 'Out@X.com',
        emailLower: 'out@x.com',
        firstName: 'Out',
        phone: '+44 20 7946 0000',
        linkedinUrl: 'https://linkedin.com/in/out',
        optOut: { email: true, sms: true, call: false },
        updatedAt: 50,
      },
      {
        ...base,
        email: 'in@x.com',
        emailLower: 'in@x.com',
        firstName: 'In',
        phone: '',
        optOut: {},
        updatedAt: 2,
      },
    ]);
    old.close();
    const next = new TouchbaseDb('upgrade-to-3', 3);
    await next.open();
    expect(await next.suppressions.toArray()).toEqual([
      {
        key: 'out@x.com',
        emailLower: 'out@x.com',
        phone: '442079460000',
        linkedin: 'linkedin.com/in/out',
        channels: ['email', 'sms'],
        reason: 'Opted out before this version',
        at: 50,
        via: 'upgrade',
      },
    ]);
    expect(await next.contacts.count()).toBe(2);
    expect((await next.contacts.toArray()).map((c) => c.firstName)).toEqual(['Out', 'In']);
    expect(await next.undo.count()).toBe(0);
    next.close();
    await next.delete();
  });
});

describe('restoring a backup from an older schema', () => {
  /** A backup file exactly as Touchbase at `schemaVersion` wrote it. */
  function oldBackup(schemaVersion: number, contacts: unknown[]): string {
    const tables: Record<string, unknown[]> = {
      contacts,
      enrolments: [],
      touches: [],
      activities: [{ id: 1, kind: 'note', at: 3, contactId: 1, text: 'from the old days' }],
      playbooks: [],
      templates: [],
      settings: [],
      meta: [],
    };
    return JSON.stringify({ format: 'touchbase-backup', version: 1, schemaVersion, exportedAt: 7, tables });
  }
  const v1Contact = {
    id: 1,
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
  };

  it('runs a v1 backup through every upgrade: the contact gets the fields added since (v2, v6)', async () => {
    const db = new TouchbaseDb('restore-v1');
    await db.open();
    await db.contacts.add({ ...v1Contact, id: 99, email: 'now@x.com', emailLower: 'now@x.com' } as never);
    await restoreBackup(db, oldBackup(1, [v1Contact]));
    const [c] = await db.contacts.toArray();
    expect(await db.contacts.count()).toBe(1);
    expect(c).toEqual({ ...v1Contact, custom: {}, optOut: {}, notes: '', externalIds: [] });
    expect((await db.activities.toArray()).map((a) => a.text)).toEqual(['from the old days']);
    expect(await db.suppressions.count()).toBe(0);
    // The scratch database used for the upgrade is gone.
    expect((await Dexie.getDatabaseNames()).filter((n) => n.startsWith('touchbase-restore'))).toEqual([]);
    db.close();
    await db.delete();
  });

  it('runs a v2 backup with an opted-out contact through v3: the opt-out becomes a suppression', async () => {
    const db = new TouchbaseDb('restore-v2');
    await db.open();
    const v2Contact = {
      ...v1Contact,
      custom: { k: 'v' },
      notes: 'n',
      optOut: { email: true },
      updatedAt: 40,
    };
    await restoreBackup(db, oldBackup(2, [v2Contact]));
    expect(await db.contacts.toArray()).toEqual([{ ...v2Contact, externalIds: [] }]);
    expect(await db.suppressions.toArray()).toMatchObject([
      { emailLower: 'old@example.com', channels: ['email'], at: 40 },
    ]);
    // A backup taken now carries the suppression list, and restores it as it was.
    const json = await exportBackup(db, 8);
    expect(JSON.parse(json).tables.suppressions).toHaveLength(1);
    expect(JSON.parse(json).tables.undo).toBeUndefined();
    await db.suppressions.clear();
    await restoreBackup(db, json);
    expect(await db.suppressions.count()).toBe(1);
    db.close();
    await db.delete();
  });
  it('v9 keeps every row of every table as it was, and adds an empty outbox and id map', async () => {
    const name = 'upgrade-v9';
    const before = Math.max(...SCHEMA_VERSIONS.map((s) => s.version).filter((v) => v < 9));
    const old = new TouchbaseDb(name, before);
    await old.open();
    const contact = {
      email: 'Ada@Example.com',
      emailLower: 'ada@example.com',
      externalIds: ['hubspot:1:2'],
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Engines',
      phone: '+44 20 7946 0000',
      title: 'Analyst',
      timeZone: 'Europe/London',
      leadSource: 'referral',
      notes: 'n',
      optOut: { sms: true },
      custom: { k: 'v' },
      createdAt: 1,
      updatedAt: 2,
    };
    const rows: Record<string, unknown[]> = {
      contacts: [{ id: 1, ...contact }],
      enrolments: [
        { id: 1, contactId: 1, playbookId: 'p', state: 'active', steps: [], done: [], enrolledAt: 1 },
      ],
      touches: [
        {
          id: 1,
          enrolmentId: 1,
          contactId: 1,
          step: 1,
          totalSteps: 1,
          channel: 'sms',
          purpose: 'acknowledge',
          dueAt: 5,
          deadlineAt: 10,
          state: 'planned',
        },
      ],
      activities: [{ id: 1, kind: 'note', at: 3, contactId: 1, text: 'kept' }],
      suppressions: [
        {
          key: 'ada@example.com',
          emailLower: 'ada@example.com',
          channels: ['sms'],
          reason: 'r',
          at: 4,
          via: 'sidebar',
        },
      ],
      meta: [{ key: 'lastNudge', value: 7 }],
    };
    for (const [t, rs] of Object.entries(rows)) await old.table(t).bulkAdd(rs);
    old.close();
    const next = new TouchbaseDb(name, 9);
    await next.open();
    expect(next.verno).toBe(9);
    for (const [t, rs] of Object.entries(rows)) expect(await next.table(t).toArray()).toEqual(rs);
    expect(await next.outbox.count()).toBe(0);
    expect(await next.syncIds.count()).toBe(0);
    await next.syncIds.add({ gid: 'contact:ada@example.com', table: 'contacts', local: 1 });
    expect(await next.syncIds.where('[table+local]').equals(['contacts', 1]).first()).toMatchObject({
      gid: 'contact:ada@example.com',
    });
    // Sync was never turned on: writes after the upgrade leave no outbox entry.
    await next.contacts.update(1, { title: 'CTO' });
    expect(await next.outbox.count()).toBe(0);
    next.close();
    await next.delete();
  });

  it('v10 moves the links of contacts, sequences and activities onto their rows, and keeps the rest', async () => {
    const name = 'upgrade-v10-gids';
    const old = new TouchbaseDb(name, 9);
    await old.open();
    const contact = (id: number, email: string) => ({
      id,
      email,
      emailLower: email,
      externalIds: [],
      firstName: 'A',
      lastName: 'B',
      company: 'C',
      phone: '',
      title: '',
      timeZone: 'UTC',
      leadSource: 'manual',
      notes: '',
      optOut: {},
      custom: {},
      createdAt: 1,
      updatedAt: 2,
    });
    const rows = {
      contacts: [contact(1, 'ada@example.com'), contact(2, 'bo@example.com')],
      enrolments: [
        { id: 1, contactId: 1, playbookId: 'p', playbookName: 'P', state: 'active', steps: [], done: [] },
      ],
      activities: [
        { id: 1, kind: 'note', at: 3, contactId: 1, text: 'linked' },
        { id: 2, kind: 'note', at: 4, contactId: 2, text: 'never pushed' },
      ],
    };
    for (const [t, rs] of Object.entries(rows)) await old.table(t).bulkAdd(rs);
    await old.syncIds.bulkAdd([
      { gid: 'contact:ada@example.com', table: 'contacts', local: 1 },
      { gid: 'enrolment:e-1', table: 'enrolments', local: 1 },
      { gid: 'activity:a-1', table: 'activities', local: 1 },
      // Deleted here, its deletion not pushed yet; and one whose deletion was pushed long ago.
      { gid: 'activity:a-3', table: 'activities', local: 3 },
      { gid: 'activity:a-4', table: 'activities', local: 4 },
      { gid: 'playbook:p-1', table: 'playbooks', local: 'mine' },
    ]);
    await old.outbox.add({ id: 'activities:3', table: 'activities', key: 3, n: 0.5, at: 9, fields: ['*'] });
    // Sync is on: the move still records nothing to push.
    await old.meta.put({ key: 'sync.on', value: 1 });
    old.close();

    const next = new TouchbaseDb(name);
    await next.open();
    expect(next.verno).toBeGreaterThanOrEqual(10);
    expect(await next.contacts.toArray()).toEqual([
      { ...rows.contacts[0], gid: 'contact:ada@example.com' },
      rows.contacts[1],
    ]);
    expect(await next.enrolments.toArray()).toEqual([{ ...rows.enrolments[0], gid: 'enrolment:e-1' }]);
    expect(await next.activities.toArray()).toEqual([
      { ...rows.activities[0], gid: 'activity:a-1' },
      rows.activities[1],
    ]);
    expect(await next.syncIds.toArray()).toEqual([
      { gid: 'playbook:p-1', table: 'playbooks', local: 'mine' },
    ]);
    expect(await next.outbox.toArray()).toEqual([
      { id: 'activities:3', table: 'activities', key: 3, n: 0.5, at: 9, fields: ['*'], gid: 'activity:a-3' },
    ]);
    // Found by their index, as the replicator finds a received document's row.
    expect(await next.activities.where('gid').equals('activity:a-1').primaryKeys()).toEqual([1]);
    // A deletion from now on carries the row's id in its outbox entry.
    await next.enrolments.delete(1);
    expect(await next.outbox.get('enrolments:1')).toMatchObject({ key: 1, gid: 'enrolment:e-1' });
    await next.activities.where('contactId').equals(1).delete();
    expect(await next.outbox.get('activities:1')).toMatchObject({ key: 1, gid: 'activity:a-1' });
    next.close();
    await next.delete();
  });
});
