/**
 * The team library: shared playbooks and templates as documents (pure build and merge rules), and
 * two reps syncing them through a CouchDB-protocol server in this process, as the extension does.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addNote,
  claimUnowned,
  enrolContact,
  type PlaybookRow,
  RepoError,
  SYNC_ON_KEY,
  saveSettings,
  TouchbaseDb,
} from '@/lib/db';
import { shareLibraryItem } from '@/lib/db/library-share';
import { deletePlaybook, savePlaybook } from '@/lib/db/playbooks';
import { deleteTemplate, duplicateStoredTemplate, listTemplates, saveTemplate } from '@/lib/db/templates';
import type { LibraryDoc } from '@/lib/sync/docs';
import type { PouchLike, SyncContext } from '@/lib/sync/engine';
import { formatStamp } from '@/lib/sync/hlc';
import { buildLibraryDoc } from '@/lib/sync/library';
import { mergeDocs, mergeLibraryDoc, resolveVersions } from '@/lib/sync/merge';
import { checkInfo, type SyncRemote, syncOnce } from '@/lib/sync/run';
import { type CouchServer, startCouchServer } from '../../e2e/support/couch-server';
import { NodePouchDB } from '../../e2e/support/pouchdb-node';

const st = (wall: number, replica = 'ana', counter = 0) => formatStamp({ wall, counter, replica });
const ANA = { id: 'ana', name: 'Ana' };
const BEN = { id: 'ben', name: 'Ben' };
const T0 = Date.parse('2026-03-03T15:00:00Z');

const steps = [
  { channel: 'call' as const, day: 0, purpose: 'acknowledge' as const },
  { channel: 'email' as const, day: 0, purpose: 'acknowledge' as const },
  { channel: 'sms' as const, day: 2, purpose: 'value' as const },
];
const playbookRow = (extra: Partial<PlaybookRow> = {}): PlaybookRow => ({
  id: 'custom-inbound',
  name: 'Inbound fast',
  description: 'Call first',
  steps,
  builtIn: false,
  updatedAt: T0,
  ...extra,
});

describe('buildLibraryDoc: what leaves the browser', () => {
  it('a private playbook (never shared) makes no document, whatever was written', () => {
    expect(
      buildLibraryDoc('playbook', 'playbook:g', {}, playbookRow(), undefined, st(1), ANA),
    ).toBeUndefined();
    expect(buildLibraryDoc('playbook', 'playbook:g', {}, undefined, undefined, st(1), ANA)).toBeUndefined();
  });

  it('a shared one carries its content and author; the same version again is no change', () => {
    const row = playbookRow({ team: { by: ANA } });
    const doc = buildLibraryDoc('playbook', 'playbook:g', {}, row, undefined, st(1), ANA);
    expect(doc?.fields).toMatchObject({
      id: { v: 'custom-inbound' },
      name: { v: 'Inbound fast' },
      plan: { v: { steps } },
      author: { v: ANA },
      deleted: { v: false },
    });
    expect(doc?.fields.editedBy).toBeUndefined();
    expect(buildLibraryDoc('playbook', 'playbook:g', {}, row, doc, st(2), ANA)).toBeUndefined();
  });

  it('an edit stamps only the fields written, and names the editor', () => {
    const row = playbookRow({ team: { by: ANA } });
    const v1 = buildLibraryDoc('playbook', 'playbook:g', {}, row, undefined, st(1), ANA) as LibraryDoc;
    const edited = { ...row, name: 'Inbound, faster', description: 'Changed but not written here' };
    const v2 = buildLibraryDoc('playbook', 'playbook:g', { fields: ['name'] }, edited, v1, st(5, 'ben'), BEN);
    expect(v2?.fields.name).toEqual({ v: 'Inbound, faster', t: st(5, 'ben') });
    expect(v2?.fields.description).toEqual(v1.fields.description);
    expect(v2?.fields.editedBy).toEqual({ v: BEN, t: st(5, 'ben') });
    expect(v2?.fields.author?.v).toEqual(ANA);
  });

  it('unshared or deleted after sharing: a tombstone; shared again: every field, alive', () => {
    const row = playbookRow({ team: { by: ANA } });
    const v1 = buildLibraryDoc('playbook', 'playbook:g', {}, row, undefined, st(1), ANA) as LibraryDoc;
    const { team: _t, ...priv } = row;
    const gone = buildLibraryDoc('playbook', 'playbook:g', { fields: ['team'] }, priv, v1, st(2), ANA);
    expect(gone?.fields.deleted).toEqual({ v: true, t: st(2) });
    expect(buildLibraryDoc('playbook', 'playbook:g', {}, undefined, v1, st(2), ANA)?.fields.deleted?.v).toBe(
      true,
    );
    // A teammate's copy going away (deleting all data here) takes nothing from the team.
    expect(buildLibraryDoc('playbook', 'playbook:g', {}, undefined, v1, st(2, 'ben'), BEN)).toBeUndefined();
    // Edited while private (that entry sent nothing), then shared again: the edit goes too.
    const again = { ...row, name: 'Renamed while private' };
    const back = buildLibraryDoc('playbook', 'playbook:g', { fields: ['team'] }, again, gone, st(3), ANA);
    expect(back?.fields.deleted).toEqual({ v: false, t: st(3) });
    expect(back?.fields.name?.v).toBe('Renamed while private');
  });
});

const FIELDS = ['name', 'description', 'plan', 'deleted', 'editedBy'];
const arbLibraryDoc = fc
  .array(
    fc.record({
      k: fc.constantFrom(...FIELDS),
      v: fc.oneof(fc.string({ maxLength: 4 }), fc.boolean(), fc.integer({ min: 0, max: 3 })),
      wall: fc.integer({ min: 0, max: 5 }),
      replica: fc.constantFrom('ana', 'ben', 'cy'),
    }),
    { maxLength: 6 },
  )
  .map(
    (xs): LibraryDoc => ({
      _id: 'playbook:g',
      kind: 'playbook',
      fields: Object.fromEntries(xs.map((x) => [x.k, { v: x.v, t: st(x.wall, x.replica) }])),
    }),
  );

describe('mergeLibraryDoc: latest edit wins per field, deterministically', () => {
  it('is a join: commutative, associative, idempotent (any order of versions, same result)', () => {
    fc.assert(
      fc.property(arbLibraryDoc, arbLibraryDoc, arbLibraryDoc, (a, b, c) => {
        expect(mergeLibraryDoc(a, b)).toEqual(mergeLibraryDoc(b, a));
        expect(mergeLibraryDoc(mergeLibraryDoc(a, b), c)).toEqual(mergeLibraryDoc(a, mergeLibraryDoc(b, c)));
        expect(mergeLibraryDoc(a, a)).toEqual(mergeLibraryDoc(a, a));
        expect(resolveVersions([a, b, c])).toEqual(resolveVersions([c, a, b]));
      }),
    );
  });

  it.each<{
    name: string;
    a: Record<string, [unknown, string]>;
    b: Record<string, [unknown, string]>;
    want: object;
  }>([
    {
      name: 'name on one device, steps on another: both kept',
      a: { name: ['Fast', st(3)], plan: ['old', st(1)] },
      b: { name: ['Slow', st(1, 'ben')], plan: ['new', st(4, 'ben')] },
      want: { name: 'Fast', plan: 'new' },
    },
    {
      name: 'a tombstone stays against a later edit of another field',
      a: { deleted: [true, st(5)], name: ['Fast', st(1)] },
      b: { deleted: [false, st(1, 'ben')], name: ['Faster', st(9, 'ben')] },
      want: { deleted: true, name: 'Faster' },
    },
    {
      name: 'shared again after the deletion: alive',
      a: { deleted: [true, st(5)] },
      b: { deleted: [false, st(6)] },
      want: { deleted: false },
    },
  ])('$name', ({ a, b, want }) => {
    const doc = (f: Record<string, [unknown, string]>): LibraryDoc => ({
      _id: 'playbook:g',
      kind: 'playbook',
      fields: Object.fromEntries(Object.entries(f).map(([k, [v, t]]) => [k, { v, t }])),
    });
    const merged = mergeDocs(doc(a), doc(b)) as LibraryDoc;
    expect(Object.fromEntries(Object.entries(merged.fields).map(([k, x]) => [k, x.v]))).toEqual(want);
  });
});

// ------------------------------------------------------------------ two reps, one server

let server: CouchServer;
let n = 0;
const opened: TouchbaseDb[] = [];
beforeAll(async () => {
  server = await startCouchServer({
    users: { ana: 'ana-pw', ben: 'ben-pw' },
    members: Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`lib${i}`, ['ana', 'ben']])),
  });
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

interface Rep {
  db: TouchbaseDb;
  sync(): Promise<unknown>;
}

async function rep(who: typeof ANA, database: string, syncOn = true): Promise<Rep> {
  const id = n++;
  const db = new TouchbaseDb(`lib-${who.id}-${id}`);
  await db.open();
  opened.push(db);
  await saveSettings(db, { timeZone: 'America/New_York', name: who.name });
  if (syncOn) {
    await db.meta.put({ key: SYNC_ON_KEY, value: 1 });
    await claimUnowned(db, who, T0);
  }
  const local = new NodePouchDB(`lib-local-${who.id}-${id}`, { adapter: 'memory' });
  const remoteDb = new NodePouchDB(`${server.url}/${database}`, {
    skip_setup: true,
    auth: { username: who.id, password: `${who.id}-pw` },
  });
  const ctx: SyncContext = { db, local: local as PouchLike, replica: who.id, now: () => Date.now() };
  const remote: SyncRemote = {
    check: async () => checkInfo(await remoteDb.info()),
    replicate: async () => {
      await local.replicate.to(remoteDb);
      await local.replicate.from(remoteDb);
    },
  };
  return { db, sync: () => syncOnce(ctx, remote) };
}

/** Everything the server holds, as one string: what a teammate (or IT) could read. */
async function serverText(database: string): Promise<string> {
  const all = await server.database(database).allDocs({ include_docs: true });
  return JSON.stringify(all.rows.map((r) => r.doc));
}

describe('the team library through a CouchDB-protocol server', () => {
  it('A shares a playbook and a template; B sees them as Ana’s and enrols with the playbook; private ones never reach the server', async () => {
    const a = await rep(ANA, 'lib0');
    const b = await rep(BEN, 'lib0');
    const { id: shared } = await savePlaybook(
      a.db,
      { name: 'Inbound fast', description: 'Call first', steps },
      T0,
    );
    const { id: secret } = await savePlaybook(a.db, { name: 'Secret sauce', steps }, T0);
    const tpl = await duplicateStoredTemplate(a.db, 'acknowledge.email.default', T0, {
      name: 'Team hello',
      body: 'Hi {{firstName}}, thanks for reaching out.',
    });
    await duplicateStoredTemplate(a.db, 'acknowledge.email.default', T0 + 1, {
      name: 'Private hello',
      body: 'Confidential wording',
    });
    await shareLibraryItem(a.db, 'playbook', shared, true);
    await shareLibraryItem(a.db, 'template', tpl.id, true);
    await a.sync();
    const text = await serverText('lib0');
    expect(text).toContain('Inbound fast');
    expect(text).toContain('Team hello');
    expect(text).not.toContain('Secret sauce');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('Private hello');
    expect(text).not.toContain('Confidential wording');

    await b.sync();
    const [pb] = await b.db.playbooks.toArray();
    expect(await b.db.playbooks.count()).toBe(1);
    expect(pb).toMatchObject({ id: shared, name: 'Inbound fast', steps, team: { by: ANA } });
    const bTemplates = (await listTemplates(b.db)).filter((e) => e.origin === 'custom');
    expect(bTemplates.map((e) => [e.template.name, e.team?.by.name])).toEqual([['Team hello', 'Ana']]);

    // B enrols a lead with Ana's playbook; the enrolment (with its own copy of the steps) reaches A.
    const { enrolmentId } = await enrolContact(b.db, {
      contact: { email: 'lin@example.com', firstName: 'Lin' },
      playbookId: pb?.id as string,
      source: 'web-form',
      via: 'sidebar',
      now: T0,
    });
    expect((await b.db.enrolments.get(enrolmentId))?.playbookName).toBe('Inbound fast');
    await b.sync();
    await a.sync();
    const [ea] = await a.db.enrolments.toArray();
    expect(ea).toMatchObject({ playbookId: shared, playbookName: 'Inbound fast', steps, state: 'active' });

    // B may edit it (the edit reaches A) but may neither unshare nor delete it.
    await expect(shareLibraryItem(b.db, 'playbook', shared, false)).rejects.toThrow(/Only Ana can stop/);
    await expect(deletePlaybook(b.db, shared)).rejects.toBeInstanceOf(RepoError);
    await expect(deleteTemplate(b.db, tpl.id)).rejects.toThrow(/only Ana can remove it/);
    await saveTemplate(b.db, tpl.id, { body: 'Hi {{firstName}}, thanks for your message.' }, T0 + 5);
    await b.sync();
    await a.sync();
    const ta = await a.db.templates.get(tpl.id);
    expect(ta).toMatchObject({
      body: 'Hi {{firstName}}, thanks for your message.',
      team: { by: ANA, editedBy: BEN },
    });

    // A stops sharing: gone from B's library, B's running enrolment carries on with its copy.
    await shareLibraryItem(a.db, 'playbook', shared, false);
    await a.sync();
    await b.sync();
    expect(await b.db.playbooks.count()).toBe(0);
    expect(await b.db.enrolments.get(enrolmentId)).toMatchObject({ state: 'active', steps });
    expect(await a.db.playbooks.get(shared)).toMatchObject({ name: 'Inbound fast' });
    expect((await a.db.playbooks.get(shared))?.team).toBeUndefined();
  });

  it('two devices edit different fields offline: both edits on both; a teammate’s id clash gets its own id', async () => {
    const a = await rep(ANA, 'lib1');
    const b = await rep(BEN, 'lib1');
    // Ben already has a private playbook with the same slug.
    await savePlaybook(b.db, { name: 'Inbound Fast!', steps }, T0);
    const { id } = await savePlaybook(a.db, { name: 'Inbound fast', steps }, T0);
    expect(id).toBe('custom-inbound-fast');
    expect(await b.db.playbooks.get('custom-inbound-fast')).toMatchObject({ name: 'Inbound Fast!' });
    await shareLibraryItem(a.db, 'playbook', id, true);
    await a.sync();
    await b.sync();
    const theirs = (await b.db.playbooks.toArray()).find((p) => p.team);
    expect(theirs?.id).toBe('custom-inbound-fast-team');
    expect(await b.db.playbooks.get('custom-inbound-fast')).toMatchObject({ name: 'Inbound Fast!' });

    // Offline: Ana changes the steps, Ben the description; then both sync.
    const longer = [...steps, { channel: 'email' as const, day: 7, purpose: 'breakup' as const }];
    await savePlaybook(a.db, { id, name: 'Inbound fast', steps: longer }, T0 + 10);
    await savePlaybook(
      b.db,
      { id: theirs?.id, name: 'Inbound fast', description: 'Ben: call within 5 minutes', steps },
      T0 + 20,
    );
    for (const r of [a, b, a]) await r.sync();
    const pa = await a.db.playbooks.get(id);
    const pb = await b.db.playbooks.get(theirs?.id as string);
    for (const p of [pa, pb]) {
      expect(p?.steps).toEqual(longer);
      expect(p?.description).toBe('Ben: call within 5 minutes');
    }
    expect(pa?.team?.by).toEqual(ANA);
  });

  it('deleting a shared playbook takes it out of every library; lead-source defaults that named it go back', async () => {
    const a = await rep(ANA, 'lib2');
    const b = await rep(BEN, 'lib2');
    const { id } = await savePlaybook(a.db, { name: 'Referral warm', steps }, T0);
    await shareLibraryItem(a.db, 'playbook', id, true);
    await a.sync();
    await b.sync();
    await saveSettings(b.db, { defaultPlaybookBySource: { referral: id } });
    await deletePlaybook(a.db, id);
    await a.sync();
    await b.sync();
    expect(await b.db.playbooks.count()).toBe(0);
    const settings = (await b.db.settings.get('rep'))?.value;
    expect(settings?.defaultPlaybookBySource.referral).not.toBe(id);
  });

  it('sharing needs team sync on; built-ins are never shared', async () => {
    const solo = await rep(ANA, 'lib3', false);
    const { id } = await savePlaybook(solo.db, { name: 'Mine', steps }, T0);
    await expect(shareLibraryItem(solo.db, 'playbook', id, true)).rejects.toThrow(/Turn on team sync/);
    const a = await rep(ANA, 'lib3');
    await expect(shareLibraryItem(a.db, 'playbook', 'speed-to-lead-90', true)).rejects.toThrow(/Built-in/);
    await expect(shareLibraryItem(a.db, 'template', 'acknowledge.email.default', true)).rejects.toThrow(
      /Built-in/,
    );
  });
});

describe('activities name the rep who logged them (team metrics)', () => {
  it('with sync on a new activity carries the rep, and so does its copy on a teammate; with sync off nothing changes', async () => {
    const a = await rep(ANA, 'lib4');
    const b = await rep(BEN, 'lib4');
    const { contactId } = await enrolContact(a.db, {
      contact: { email: 'kim@example.com', firstName: 'Kim' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'sidebar',
      now: T0,
    });
    await addNote(a.db, contactId, 'Called, left a message', { now: T0 + 1, via: 'sidebar' });
    const mine = await a.db.activities.toArray();
    expect(mine.length).toBeGreaterThanOrEqual(2);
    for (const x of mine) expect(x.rep).toEqual(ANA);
    await a.sync();
    await b.sync();
    const theirs = await b.db.activities.toArray();
    expect(theirs.map((x) => x.rep)).toEqual(mine.map(() => ANA));

    const solo = await rep(ANA, 'lib5', false);
    const s = await enrolContact(solo.db, {
      contact: { email: 'kim@example.com' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'sidebar',
      now: T0,
    });
    await addNote(solo.db, s.contactId, 'Solo note', { now: T0 + 1, via: 'sidebar' });
    for (const x of await solo.db.activities.toArray()) expect(x.rep).toBeUndefined();
  });
});
