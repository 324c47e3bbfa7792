/**
 * Two reps, each with their own Dexie database and local PouchDB, syncing through a
 * CouchDB-protocol server started in this process (express-pouchdb on the memory adapter, behind
 * a Basic-auth check). The whole replicator runs as in the extension; only the PouchDB build
 * differs (Node's memory adapter instead of IndexedDB).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  addNote,
  claimUnowned,
  enrolContact,
  logReply,
  optOutContact,
  RepoError,
  SYNC_ON_KEY,
  saveSettings,
  TouchbaseDb,
  storeLaterTouches,
  withLaterTouches,
  takeOver,
} from '@/lib/db';
import { applyChoice, resetI18n } from '@/lib/i18n';
import { msg, storedText } from '@/lib/i18n/message';
import { queueEverything, type PouchLike, type SyncContext } from '@/lib/sync/engine';
import { checkInfo, describeSyncError, type SyncRemote, syncOnce } from '@/lib/sync/run';
import { type CouchServer, startCouchServer } from '../../e2e/support/couch-server';
import { NodePouchDB } from '../../e2e/support/pouchdb-node';

const PouchDB = NodePouchDB;

const T0 = Date.parse('2026-03-03T15:00:00Z');
const TEAMS = Array.from({ length: 12 }, (_, i) => `team${i}`);
let team = '';
let server: CouchServer;
let n = 0;
const open: { db: TouchbaseDb }[] = [];

beforeAll(async () => {
  server = await startCouchServer({
    users: { ana: 'ana-pw', ben: 'ben-pw', eve: 'eve-pw' },
    // One team database per test, so tests never see each other's data.
    members: { ...Object.fromEntries(TEAMS.map((t) => [t, ['ana', 'ben']])), other: ['eve'] },
  });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  team = TEAMS.shift() as string;
});
afterEach(async () => {
  for (const r of open.splice(0)) {
    r.db.close();
    await r.db.delete();
  }
});

interface Rep {
  name: string;
  db: TouchbaseDb;
  ctx: SyncContext;
  remote: SyncRemote;
  sync(): Promise<{ pushed: number; applied: number }>;
}

async function rep(name: string, opts: { database?: string; password?: string } = {}): Promise<Rep> {
  const id = n++;
  const db = new TouchbaseDb(`sync-${name}-${id}`);
  await db.open();
  open.push({ db });
  await saveSettings(db, { timeZone: 'America/New_York', name });
  await db.meta.put({ key: SYNC_ON_KEY, value: 1 });
  await claimUnowned(db, { id: name, name: name[0]?.toUpperCase() + name.slice(1) }, T0);
  const local = new PouchDB(`local-${name}-${id}`, { adapter: 'memory' });
  const remoteDb = new PouchDB(`${server.url}/${opts.database ?? team}`, {
    skip_setup: true,
    auth: { username: name, password: opts.password ?? `${name}-pw` },
  });
  const ctx: SyncContext = { db, local: local as PouchLike, replica: name, now: () => Date.now() };
  const remote: SyncRemote = {
    check: async () => checkInfo(await remoteDb.info()),
    replicate: async () => {
      await local.replicate.to(remoteDb);
      await local.replicate.from(remoteDb);
    },
  };
  return { name, db, ctx, remote, sync: () => syncOnce(ctx, remote) };
}

const ada = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' };

async function enrolAda(r: Rep) {
  return enrolContact(r.db, {
    contact: ada,
    playbookId: 'speed-to-lead-90',
    source: 'web-form',
    via: 'sidebar',
    now: T0,
  });
}

const contactOf = (r: Rep) => r.db.contacts.where('emailLower').equals('ada@example.com').first();
/** Every planned touch: the rows inside the stored horizon plus the later ones from the engine. */
const plannedOf = async (r: Rep, contactId: number) =>
  withLaterTouches(
    (await r.db.touches.where('contactId').equals(contactId).toArray()).filter((t) => t.state === 'planned'),
    await r.db.enrolments.where('contactId').equals(contactId).toArray(),
  ).sort((x, y) => x.dueAt - y.dueAt || x.step - y.step);
/** The activity log as a rep reads it, without local ids. */
const history = async (r: Rep) =>
  (await r.db.activities.toArray()).map((a) => `${a.at}|${a.kind}|${a.text ?? ''}`).sort();

describe('team sync through a CouchDB-protocol server', () => {
  it('A enrols a lead; B gets the contact, the sequence, its history and its own planned touches', async () => {
    const a = await rep('ana');
    const b = await rep('ben');
    const { contactId } = await enrolAda(a);
    expect((await a.sync()).pushed).toBeGreaterThanOrEqual(3);
    await b.sync();
    const cb = await contactOf(b);
    expect(cb).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });
    const [eb] = await b.db.enrolments
      .where('contactId')
      .equals(cb?.id as number)
      .toArray();
    const [ea] = await a.db.enrolments.toArray();
    expect(eb).toMatchObject({ state: 'active', playbookId: 'speed-to-lead-90', steps: ea?.steps });
    expect((await plannedOf(b, cb?.id as number)).map((t) => t.dueAt)).toEqual(
      (await plannedOf(a, contactId)).map((t) => t.dueAt),
    );
    expect(await history(b)).toEqual(await history(a));
    // Nothing new: a second run moves nothing and duplicates nothing.
    expect(await a.sync()).toEqual({ pushed: 0, applied: 0 });
    expect(await b.sync()).toMatchObject({ pushed: 0 });
    expect(await history(b)).toEqual(await history(a));
  });

  it('the alarm storing later touches pushes nothing: laterDueAt stays on the device', async () => {
    const a = await rep('ana');
    await enrolAda(a);
    await a.sync();
    const [before] = await a.db.enrolments.toArray();
    expect(before?.laterDueAt).toBeDefined();
    // A month later the alarm stores the touches that came within the horizon.
    expect(await storeLaterTouches(a.db, T0 + 30 * 86_400_000)).toBeGreaterThan(0);
    const [after] = await a.db.enrolments.toArray();
    expect(after?.laterDueAt).not.toBe(before?.laterDueAt);
    expect(await a.sync()).toEqual({ pushed: 0, applied: 0 });
    const docs = (
      await (
        a.ctx.local as unknown as {
          allDocs(o: object): Promise<{ rows: { doc?: { kind?: string; row?: object } }[] }>;
        }
      ).allDocs({ include_docs: true })
    ).rows;
    const enrolmentDoc = docs.find((r) => r.doc?.kind === 'enrolment')?.doc;
    expect(enrolmentDoc?.row).toBeDefined();
    expect(enrolmentDoc?.row).not.toHaveProperty('laterDueAt');
  });

  it("B's opt-out stops A's touches after one sync, and A cannot enrol them again", async () => {
    const a = await rep('ana');
    const b = await rep('ben');
    const { contactId } = await enrolAda(a);
    expect((await plannedOf(a, contactId)).length).toBeGreaterThan(0);
    await a.sync();
    await b.sync();
    const cb = await contactOf(b);
    await optOutContact(b.db, cb?.id as number, {
      now: T0 + 60_000,
      via: 'sidebar',
      reason: 'asked by phone',
    });
    await b.sync();
    await a.sync();
    expect(await plannedOf(a, contactId)).toEqual([]);
    expect((await a.db.enrolments.toArray()).map((e) => e.state)).toEqual(['opted-out']);
    expect(await a.db.suppressions.get('ada@example.com')).toMatchObject({ reason: 'asked by phone' });
    await expect(enrolAda(a)).rejects.toBeInstanceOf(RepoError);
  });

  it("an opt-out a reply asked for keeps its reason as a message: Ana's sequence stops with it, read in German", async () => {
    const a = await rep('ana');
    const b = await rep('ben');
    const { contactId } = await enrolAda(a);
    await a.sync();
    await b.sync();
    const note = msg('activity_opt_out_reply', { matched: 'unsubscribe' });
    await optOutContact(b.db, (await contactOf(b))?.id as number, { now: T0 + 60_000, via: 'sidebar', note });
    await b.sync();
    await a.sync();
    expect(await a.db.suppressions.get('ada@example.com')).toMatchObject({
      reason: 'Reply: "unsubscribe"',
      reasonMsg: note,
    });
    const stopped = (await a.db.activities.where('contactId').equals(contactId).toArray()).filter(
      (x) => x.kind === 'opted-out',
    );
    // Ana's own stop (from the synced opt-out) and Ben's activity, both with the message.
    expect(stopped.length).toBeGreaterThan(0);
    for (const x of stopped) expect(x).toMatchObject({ msg: note, text: 'Reply: "unsubscribe"' });
    await applyChoice('de');
    try {
      expect(stopped.map((x) => storedText(x.msg, x.text))).toContain('Antwort: „unsubscribe“');
    } finally {
      resetI18n();
    }
  });

  it('both edit the contact offline: the same merged contact on both, no activity lost, no conflict left', async () => {
    const a = await rep('ana');
    const b = await rep('ben');
    const { contactId: ida } = await enrolAda(a);
    await a.sync();
    await b.sync();
    const idb = (await contactOf(b))?.id as number;
    // Offline: different fields on each side, the same field on both (Ben's edit is later).
    await a.db.contacts.update(ida, { phone: '+1 555 0100', company: 'Ana Co' });
    await addNote(a.db, ida, 'Ana called the front desk', { now: T0 + 1_000, via: 'sidebar' });
    await new Promise((r) => setTimeout(r, 5));
    await b.db.contacts.update(idb, { title: 'CTO', company: 'Ben Co' });
    await addNote(b.db, idb, 'Ben saw her at the expo', { now: T0 + 2_000, via: 'sidebar' });
    await a.sync();
    await b.sync();
    await a.sync();
    const [ca, cb] = [await contactOf(a), await contactOf(b)];
    for (const c of [ca, cb])
      expect(c).toMatchObject({ phone: '+1 555 0100', title: 'CTO', company: 'Ben Co' });
    expect(await history(a)).toEqual(await history(b));
    expect((await history(a)).filter((h) => h.includes('|note|'))).toHaveLength(2);
    const doc = await server.database(team).get('contact:ada@example.com', { conflicts: true });
    expect(doc._conflicts).toBeUndefined();
  });

  it('the server stopped in the middle of a sync, then restarted: nothing lost, nothing duplicated', async () => {
    const a = await rep('ana');
    const b = await rep('ben');
    const { contactId } = await enrolAda(a);
    for (let i = 0; i < 30; i++) await addNote(a.db, contactId, `note ${i}`, { now: T0 + i, via: 'sidebar' });
    // The push lands in the local PouchDB, then the server goes away during replication.
    const stopped = (async () => {
      while (!server.requests.some((r) => r.method === 'POST' && r.url.includes('_bulk_docs')))
        await new Promise((r) => setTimeout(r, 1));
      await server.stop();
    })();
    const err = await a.sync().catch((e: unknown) => e);
    await stopped;
    expect(err).toBeDefined();
    expect(describeSyncError(err, { url: server.url, database: team }).code).toBe('unreachable');
    await expect(b.sync()).rejects.toBeDefined();
    await server.start();
    await a.sync();
    await b.sync();
    expect(await history(b)).toEqual(await history(a));
    expect((await history(b)).filter((h) => h.includes('|note|'))).toHaveLength(30);
    expect(await b.db.contacts.count()).toBe(1);
    expect(await b.db.enrolments.count()).toBe(1);
  });

  it('a wrong password, a database without access and a missing one: clear errors, local data untouched', async () => {
    const cases = [
      { opts: { password: 'nope' }, code: 'unauthorized', re: /username and password.*401/ },
      { opts: { database: 'other' }, code: 'forbidden', re: /not allowed to read the database "other"/ },
      { opts: { database: 'nosuch' }, code: 'not-found', re: /no database "nosuch"/ },
    ] as const;
    for (const c of cases) {
      const r = await rep('ana', c.opts);
      await enrolAda(r);
      const before = { contacts: await r.db.contacts.toArray(), outbox: await r.db.outbox.count() };
      const err = await r.sync().catch((e: unknown) => e);
      const f = describeSyncError(err, {
        url: server.url,
        database: 'database' in c.opts ? c.opts.database : team,
      });
      expect(f.code).toBe(c.code);
      expect(f.message).toMatch(c.re);
      expect(await r.db.contacts.toArray()).toEqual(before.contacts);
      expect(await r.db.outbox.count()).toBe(before.outbox);
    }
    const down = await rep('ana');
    const port = server.port;
    await server.stop();
    const err = await down.sync().catch((e: unknown) => e);
    await server.start();
    expect(server.port).toBe(port);
    expect(describeSyncError(err, { url: server.url, database: team }).code).toBe('unreachable');
  });

  it('a reply logged by B pauses the contact for A too (live conversation)', async () => {
    const a = await rep('ana');
    const b = await rep('ben');
    const { contactId: ida } = await enrolAda(a);
    await a.sync();
    await b.sync();
    const idb = (await contactOf(b))?.id as number;
    await logReply(b.db, idb, { now: T0 + 60_000, via: 'gmail', text: 'Sounds good, call me' });
    await b.sync();
    await a.sync();
    const [ea] = await a.db.enrolments.where('contactId').equals(ida).toArray();
    expect(ea).toMatchObject({ state: 'paused', pauseReason: 'replied', lastReplyAt: T0 + 60_000 });
    expect(await plannedOf(a, ida)).toEqual([]);
    expect(await history(a)).toEqual(await history(b));
  });

  it("B sees A's lead as Ana's and cannot enrol it; B's take-over reaches Ana, logged", async () => {
    const a = await rep('ana');
    const b = await rep('ben');
    const { contactId: ida } = await enrolAda(a);
    await a.sync();
    await b.sync();
    const cb = await contactOf(b);
    expect(cb?.owner).toMatchObject({ id: 'ana', name: 'Ana' });
    await b.db.enrolments.clear();
    await expect(enrolAda(b)).rejects.toThrow(/Ana's lead/);
    await takeOver(b.db, cb?.id as number, { now: T0 + 5_000, via: 'sidebar' });
    await b.sync();
    await a.sync();
    expect((await a.db.contacts.get(ida))?.owner).toEqual({ id: 'ben', name: 'Ben', since: T0 + 5_000 });
    expect((await history(a)).some((h) => h.includes('Ben took this lead over from Ana.'))).toBe(true);
  });

  it("a history note travels as a message: Ana reads Ben's take-over in German, an older build its English", async () => {
    const a = await rep('ana');
    const b = await rep('ben');
    const { contactId: ida } = await enrolAda(a);
    await a.sync();
    await b.sync();
    await takeOver(b.db, (await contactOf(b))?.id as number, { now: T0 + 5_000, via: 'sidebar' });
    await b.sync();
    await a.sync();
    const [note] = await a.db.activities
      .where('[contactId+at]')
      .equals([ida, T0 + 5_000])
      .toArray();
    expect(note).toMatchObject({
      kind: 'note',
      text: 'Ben took this lead over from Ana.',
      msg: { key: 'activity_took_over', params: { name: 'Ben', previous: 'Ana' } },
    });
    await applyChoice('de');
    try {
      expect(storedText(note?.msg, note?.text)).toBe('Ben hat diesen Lead von Ana übernommen.');
    } finally {
      resetI18n();
    }
    // What a build from before messages reads of the shared document: its English text.
    const local = a.ctx.local as unknown as {
      allDocs(o: { include_docs: true }): Promise<{ rows: { doc?: unknown }[] }>;
    };
    const shared = (await local.allDocs({ include_docs: true })).rows
      .map((r) => r.doc as { kind?: string; row?: { kind?: string; text?: string; msg?: unknown } })
      .find((d) => d?.kind === 'activity' && d.row?.kind === 'note');
    expect(shared?.row).toMatchObject({ text: 'Ben took this lead over from Ana.', msg: note?.msg });
  });

  it('turning sync on queues what was there before; a new rep receives all of it', async () => {
    const a = await rep('ana');
    await a.db.meta.delete(SYNC_ON_KEY);
    await enrolAda(a);
    expect(await a.db.outbox.count()).toBe(0);
    await a.db.meta.put({ key: SYNC_ON_KEY, value: 1 });
    expect(await queueEverything(a.db, T0)).toBeGreaterThanOrEqual(3);
    await a.sync();
    const b = await rep('ben');
    await b.sync();
    expect(await history(b)).toEqual(await history(a));
  });
});
