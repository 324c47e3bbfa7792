/**
 * Opt-outs applied inside a sync page (lib/sync/engine.ts `applyContacts`): the contacts an
 * opt-out names are found among the rows the page's contact reads brought and the contacts the
 * page itself writes, flagged with the contacts' own writes, and only contacts stored before the
 * page have their sequences read and stopped. Whatever the page does to those contacts first
 * (new, renamed to the opted-out address, deleted), the result is the one an opt-out applied on
 * its own after the page would give; and a merge never lifts it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '@/lib/cadence';
import { claimUnowned, enrolContact, SYNC_ON_KEY, saveSettings, TouchbaseDb } from '@/lib/db';
import type { ContactDoc, EnrolmentDoc, SuppressionDoc } from '@/lib/sync/docs';
import { applyChanges, type PouchLike, type SyncContext } from '@/lib/sync/engine';
import { formatStamp } from '@/lib/sync/hlc';
import { NodePouchDB } from '../../e2e/support/pouchdb-node';

const NOW = Date.parse('2026-03-03T15:00:00Z');
const ALL = Object.fromEntries(CHANNELS.map((ch) => [ch, true]));
let n = 0;
const open: TouchbaseDb[] = [];

afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

const stamp = (k: number) => formatStamp({ wall: NOW - 60_000 + k, counter: 0, replica: 'rep-ben' });

function contactDoc(email: string, fields: Record<string, unknown> = {}, k = 1): ContactDoc {
  const all: Record<string, unknown> = {
    email,
    firstName: email.split('@')[0],
    lastName: 'Lead',
    externalIds: [],
    optOut: {},
    owner: { id: 'rep-ben', name: 'Ben', since: NOW - 86_400_000 },
    ...fields,
  };
  return {
    _id: `contact:${email}`,
    kind: 'contact',
    fields: Object.fromEntries(Object.entries(all).map(([key, v]) => [key, { v, t: stamp(k) }])),
  };
}

function optOutDoc(
  key: string,
  row: { emailLower?: string; externalIds?: string[] },
  extra: Partial<SuppressionDoc> = {},
): SuppressionDoc {
  const at = NOW - 30_000;
  return {
    _id: `suppression:${key}`,
    kind: 'suppression',
    t: stamp(5),
    row: {
      key,
      externalIds: [],
      channels: [...CHANNELS],
      reason: 'asked to stop',
      at,
      via: 'sidebar',
      ...row,
    },
    at,
    ...extra,
  };
}

/** A rep with sync on, their own leads enrolled, and a local copy holding `docs` in that order. */
async function rep(own: { email: string; externalIds?: string[] }[], docs: object[], pageSize = 50) {
  const id = n++;
  const db = new TouchbaseDb(`optout-page-${id}`);
  await db.open();
  open.push(db);
  await saveSettings(db, { timeZone: 'America/New_York', name: 'Ana' });
  await db.meta.put({ key: SYNC_ON_KEY, value: 1 });
  await claimUnowned(db, { id: 'rep-ana', name: 'Ana' }, NOW - 86_400_000);
  for (const c of own)
    await enrolContact(db, {
      contact: { email: c.email, firstName: 'Own', lastName: 'Lead', externalIds: c.externalIds },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'test',
      now: NOW - 3_600_000,
    });
  // As pushed: each lead carries its global id, nothing of it waits in the outbox.
  for (const c of await db.contacts.toArray())
    await db.contacts.update(c.id, { gid: `contact:${c.emailLower}` });
  await db.outbox.clear();
  const local = new NodePouchDB(`optout-page-local-${id}`, { adapter: 'memory' });
  await local.bulkDocs(docs.map((d) => ({ ...d, by: 'rep-ben' })));
  const ctx: SyncContext = { db, local: local as PouchLike, replica: 'rep-ana', now: () => NOW, pageSize };
  return { db, local, apply: () => applyChanges(ctx) };
}

/** Ben's running sequence for `email`, as his replica pushes it (planned by the real engine). */
async function bensSequence(email: string): Promise<EnrolmentDoc> {
  const ben = new TouchbaseDb(`optout-page-ben-${n++}`);
  await ben.open();
  open.push(ben);
  await saveSettings(ben, { timeZone: 'America/New_York', name: 'Ben' });
  await enrolContact(ben, {
    contact: { email, firstName: 'Late', lastName: 'Lead' },
    playbookId: 'speed-to-lead-90',
    source: 'web-form',
    via: 'test',
    now: NOW - 3_600_000,
  });
  const [e] = await ben.enrolments.toArray();
  const {
    id: _id,
    contactId: _c,
    laterDueAt: _l,
    laterNext: _n,
    gid: _g,
    ...row
  } = e as unknown as Record<string, unknown>;
  expect(row.state).toBe('active');
  return { _id: `enrolment:ben-${email}`, kind: 'enrolment', contact: `contact:${email}`, t: stamp(7), row };
}

const contactOf = (db: TouchbaseDb, email: string) => db.contacts.where('emailLower').equals(email).first();

describe('opt-outs applied within the sync page', () => {
  it('a new contact and its opt-out in one page: written opted out, the opt-out kept', async () => {
    const { db, apply } = await rep(
      [],
      [contactDoc('new@example.com'), optOutDoc('new@example.com', { emailLower: 'new@example.com' })],
    );
    await apply();
    expect((await contactOf(db, 'new@example.com'))?.optOut).toEqual(ALL);
    expect(await db.suppressions.get('new@example.com')).toMatchObject({ reason: 'asked to stop' });
    expect(await db.contacts.count()).toBe(1);
  });

  it("a stored lead named by external id or another address: opted out, Ana's running sequence stopped with the reason", async () => {
    const { db, apply } = await rep(
      [{ email: 'ada@example.com', externalIds: ['crm:42'] }, { email: 'bo@example.com' }],
      [
        optOutDoc('crm:42', { externalIds: ['crm:42'] }),
        // Bo's address is also known as another address of hers (`email:` external id).
        contactDoc('bo@example.com', { otherEmails: ['bo.work@example.com'] }),
      ],
    );
    const ada = await contactOf(db, 'ada@example.com');
    await apply();
    expect((await db.contacts.get(ada!.id))?.optOut).toEqual(ALL);
    const [seq] = await db.enrolments.where('contactId').equals(ada!.id).toArray();
    expect(seq?.state).toBe('opted-out');
    expect(
      await db.touches
        .where('contactId')
        .equals(ada!.id)
        .filter((t) => t.state === 'planned')
        .count(),
    ).toBe(0);
    const log = await db.activities.where('contactId').equals(ada!.id).toArray();
    expect(log.some((a) => a.kind === 'opted-out' && a.text === 'asked to stop')).toBe(true);
    // Bo was not named: untouched, still running.
    const bo = await contactOf(db, 'bo@example.com');
    expect(bo?.optOut).toEqual({});
    expect((await db.enrolments.where('contactId').equals(bo!.id).first())?.state).toBe('active');
  });

  it('the page moves an address onto a stored lead and opts that address out: the lead it now names stops', async () => {
    const { db, apply } = await rep(
      [{ email: 'old@example.com' }],
      [
        // Ben's edit gives Ana's lead (met by its global id) a new address ...
        contactDoc('old@example.com', { email: 'moved@example.com' }, 9),
        // ... which someone opted out.
        optOutDoc('moved@example.com', { emailLower: 'moved@example.com' }),
      ],
    );
    const before = await contactOf(db, 'old@example.com');
    await apply();
    const after = await db.contacts.get(before!.id);
    expect(after?.emailLower).toBe('moved@example.com');
    expect(after?.optOut).toEqual(ALL);
    expect((await db.enrolments.where('contactId').equals(before!.id).first())?.state).toBe('opted-out');
  });

  it('an opt-out naming a lead the same page deletes: nothing written for it, the opt-out kept', async () => {
    const gone: ContactDoc = {
      _id: 'contact:gone@example.com',
      kind: 'contact',
      fields: { deleted: { v: true, t: stamp(9) } },
    };
    const { db, apply } = await rep(
      [{ email: 'gone@example.com' }],
      [gone, optOutDoc('gone@example.com', { emailLower: 'gone@example.com' })],
    );
    const c = await contactOf(db, 'gone@example.com');
    await apply();
    expect(await db.contacts.get(c!.id)).toBeUndefined();
    expect(await db.enrolments.where('contactId').equals(c!.id).count()).toBe(0);
    expect(await db.suppressions.get('gone@example.com')).toBeDefined();
  });

  it('a withdrawn opt-out removes its row and lifts no flag; a later page with its contact keeps the flag on', async () => {
    const withdrawn = optOutDoc('ada@example.com', { emailLower: 'ada@example.com' }, { withdrawnAt: NOW });
    const { db, apply } = await rep(
      [],
      [
        contactDoc('ada@example.com', { optOut: ALL }),
        optOutDoc('cy@example.com', { emailLower: 'cy@example.com' }),
        withdrawn,
        // Cy comes in a later page (page size 2) with no opt-out in her own fields.
        contactDoc('cy@example.com'),
      ],
      2,
    );
    await db.suppressions.put({ key: 'ada@example.com', emailLower: 'ada@example.com', at: 1 } as never);
    await apply();
    expect(await db.suppressions.get('ada@example.com')).toBeUndefined();
    expect((await contactOf(db, 'ada@example.com'))?.optOut).toEqual(ALL);
    // Cy's opt-out came a page before her contact: none to flag then, and her contact's own
    // fields (no opt-out) land afterwards. The suppression stays, which blocks every touch.
    expect(await db.suppressions.get('cy@example.com')).toBeDefined();
  });

  it('one page asking every write of the contacts together: a renamed lead, a new one, an opt-out withdrawn and one stopping a stored lead', async () => {
    // The page's contact writes go in one round (all asked, then awaited in order): a stored
    // lead rewritten, a new contact added, an opt-out row removed, one written, and the
    // sequences read of the stored lead it names; each lands as when awaited one by one.
    const { db, apply } = await rep(
      [{ email: 'old@example.com' }, { email: 'ada@example.com' }],
      [
        contactDoc('old@example.com', { firstName: 'Renamed' }, 9),
        contactDoc('new@example.com'),
        optOutDoc('gone@example.com', { emailLower: 'gone@example.com' }, { withdrawnAt: NOW }),
        optOutDoc('ada@example.com', { emailLower: 'ada@example.com' }),
      ],
    );
    await db.suppressions.put({ key: 'gone@example.com', emailLower: 'gone@example.com', at: 1 } as never);
    await db.outbox.clear();
    const ada = await contactOf(db, 'ada@example.com');
    await apply();
    expect((await contactOf(db, 'old@example.com'))?.firstName).toBe('Renamed');
    expect(await contactOf(db, 'new@example.com')).toMatchObject({
      gid: 'contact:new@example.com',
      optOut: {},
    });
    expect(await db.contacts.count()).toBe(3);
    expect(await db.suppressions.get('gone@example.com')).toBeUndefined();
    expect((await db.contacts.get(ada!.id))?.optOut).toEqual(ALL);
    expect((await db.enrolments.where('contactId').equals(ada!.id).first())?.state).toBe('opted-out');
    expect(await db.outbox.count()).toBe(0);
  });

  it('a page of opt-outs only (no contact documents) still finds and stops stored leads', async () => {
    const { db, apply } = await rep(
      [{ email: 'ada@example.com' }, { email: 'bo@example.com' }],
      [
        optOutDoc('ada@example.com', { emailLower: 'ada@example.com' }),
        optOutDoc('bo@example.com', { emailLower: 'BO@example.com ' }),
      ],
    );
    await apply();
    for (const email of ['ada@example.com', 'bo@example.com']) {
      const c = await contactOf(db, email);
      expect(c?.optOut, email).toEqual(ALL);
      expect((await db.enrolments.where('contactId').equals(c!.id).first())?.state, email).toBe('opted-out');
    }
  });
  it("a teammate's sequence arriving running after the lead's opt-out (a later run, or later in the page) stops here too", async () => {
    // Run one: Ben's lead and its opt-out; his sequence for it is not pushed yet.
    const { db, local, apply } = await rep(
      [],
      [contactDoc('late@example.com'), optOutDoc('late@example.com', { emailLower: 'late@example.com' })],
    );
    await apply();
    const late = await contactOf(db, 'late@example.com');
    expect(late?.optOut).toEqual(ALL);
    // Run two: Ben's sequence arrives, still running on his side.
    await local.bulkDocs([{ ...(await bensSequence('late@example.com')), by: 'rep-ben' }]);
    await apply();
    const [seq] = await db.enrolments.where('contactId').equals(late!.id).toArray();
    expect(seq?.state).toBe('opted-out');
    expect(
      await db.touches
        .where('contactId')
        .equals(late!.id)
        .filter((t) => t.state === 'planned')
        .count(),
    ).toBe(0);
    // In one page: the lead, its opt-out and the running sequence together.
    const one = await rep(
      [],
      [
        contactDoc('same@example.com'),
        optOutDoc('same@example.com', { emailLower: 'same@example.com' }),
        await bensSequence('same@example.com'),
      ],
    );
    await one.apply();
    const same = await contactOf(one.db, 'same@example.com');
    expect((await one.db.enrolments.where('contactId').equals(same!.id).first())?.state).toBe('opted-out');
    // A lead not opted out keeps its running sequence.
    const kept = await rep([], [contactDoc('kept@example.com'), await bensSequence('kept@example.com')]);
    await kept.apply();
    const k = await contactOf(kept.db, 'kept@example.com');
    expect((await kept.db.enrolments.where('contactId').equals(k!.id).first())?.state).toBe('active');
  });
});
