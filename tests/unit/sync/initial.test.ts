/**
 * A new rep's first sync of a whole team (the bench's team, tests/bench/sync-team.ts, small):
 * every row lands once, in pages of one transaction each, whatever order the feed brings
 * contacts, sequences and activities in, and a run stopped in the middle (a page's transaction
 * aborted, the feed gone, the server gone) resumes with nothing lost and nothing applied twice.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { pendingTouches } from '@/lib/cadence';
import {
  claimUnowned,
  enrolContact,
  SYNC_ON_KEY,
  STORE_AHEAD_MS,
  saveSettings,
  storeLaterTouches,
  TouchbaseDb,
  withLaterTouches,
} from '@/lib/db';
import {
  applyChanges,
  type PouchLike,
  pushOutbox,
  type SyncContext,
  type SyncProgress,
} from '@/lib/sync/engine';
import { tick, ZERO_STAMP } from '@/lib/sync/hlc';
import { fetchDocs, pull } from '@/lib/sync/pull';
import { UNCOPIED_KEY } from '@/lib/sync/uncopied';
import { bulkContacts } from '@/lib/db/contacts';
import { checkInfo, type SyncRemote, syncOnce } from '@/lib/sync/run';
import { type TeamShape, teamCounts, teamDocs } from '../../bench/sync-team';
import { type CouchServer, startCouchServer } from '../../e2e/support/couch-server';
import { NodePouchDB } from '../../e2e/support/pouchdb-node';

const PouchDB = NodePouchDB;
const NOW = Date.parse('2026-03-03T15:00:00Z');
const SHAPE: TeamShape = { contacts: 40, activities: 400, now: NOW };
const TEAMS = Array.from({ length: 40 }, (_, i) => `t${i}`);
/** Whether the reps of the running suite apply each received batch from its documents in hand. */
let streaming = false;

let server: CouchServer;
let n = 0;
const open: TouchbaseDb[] = [];

beforeAll(async () => {
  server = await startCouchServer({
    users: { fay: 'fay-pw', ana: 'ana-pw' },
    members: Object.fromEntries(TEAMS.map((t) => [t, ['fay', 'ana']])),
  });
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** A team database on the server holding `docs` (in that order), as the reps left it. */
async function team(docs: object[]): Promise<string> {
  const name = TEAMS.shift() as string;
  const remote = server.database(name);
  for (let i = 0; i < docs.length; i += 500) await remote.bulkDocs(docs.slice(i, i + 500));
  return name;
}

async function newRep(database: string, opts: { pageSize?: number; user?: string; streams?: boolean } = {}) {
  const streams = opts.streams ?? streaming;
  const user = opts.user ?? 'fay';
  const id = n++;
  const db = new TouchbaseDb(`initial-${user}-${id}`);
  await db.open();
  open.push(db);
  await saveSettings(db, { timeZone: 'America/New_York', name: user });
  await db.meta.put({ key: SYNC_ON_KEY, value: 1 });
  await claimUnowned(db, { id: `rep-${user}`, name: user }, NOW);
  const local = new PouchDB(`initial-local-${user}-${id}`, { adapter: 'memory' });
  const remoteDb = new PouchDB(`${server.url}/${database}`, {
    skip_setup: true,
    auth: { username: user, password: `${user}-pw` },
  });
  const ctx: SyncContext = {
    db,
    local: local as PouchLike,
    replica: `rep-${user}`,
    now: () => NOW,
    pageSize: opts.pageSize,
  };
  const remote: SyncRemote = {
    check: async () => checkInfo(await remoteDb.info()),
    // As the worker pulls (lib/sync/service.ts): checks and downloads started ahead
    // (lib/sync/read-ahead.ts), and with `streams` each written batch handed to the apply.
    streams,
    replicate: async (progress, _denied, received, room, out) => {
      await local.replicate.to(remoteDb);
      await pull(local, remoteDb, {
        batchSize: 50,
        bodies: true,
        progress: (info) => progress?.({ done: info.docs_written }),
        received: streams ? received : undefined,
        room: streams ? room : undefined,
        out,
      });
    },
    fetch: (ids) => fetchDocs(remoteDb, ids),
  };
  return { db, ctx, remote, local, sync: () => syncOnce(ctx, remote) };
}

/** What a replica holds, without local ids: comparable between two replicas. */
async function snapshot(db: TouchbaseDb) {
  const contacts = await db.contacts.toArray();
  const emailOf = new Map(contacts.map((c) => [c.id, c.emailLower]));
  const enrolments = await db.enrolments.toArray();
  return {
    contacts: contacts
      .map((c) => `${c.emailLower}|${c.firstName}|${c.owner?.name}|${JSON.stringify(c.optOut)}`)
      .sort(),
    enrolments: enrolments
      .map((e) => `${emailOf.get(e.contactId)}|${e.state}|${e.done.length}|${e.enrolledAt}`)
      .sort(),
    activities: (await db.activities.toArray())
      .map((a) => `${emailOf.get(a.contactId as number)}|${a.kind}|${a.at}|${a.step ?? ''}|${a.text ?? ''}`)
      .sort(),
    suppressions: (await db.suppressions.toArray()).map((s) => s.key).sort(),
  };
}

/** What a rep who syncs the same team's documents from scratch, in one run, ends up holding. */
async function referenceSnapshot(docs: object[], opts: { streams?: boolean } = {}) {
  const ref = await newRep(await team(docs), opts);
  await ref.sync();
  return snapshot(ref.db);
}

async function counts(db: TouchbaseDb) {
  return {
    contacts: await db.contacts.count(),
    enrolments: await db.enrolments.count(),
    activities: await db.activities.count(),
    suppressions: await db.suppressions.count(),
    outbox: await db.outbox.count(),
    // Rows carrying their global id (v10); `syncIds` keeps only shared playbooks' and templates'.
    gids:
      (await db.contacts.where('gid').above('').count()) +
      (await db.enrolments.where('gid').above('').count()) +
      (await db.activities.where('gid').above('').count()),
    syncIds: await db.syncIds.count(),
  };
}

const expected = teamCounts(SHAPE);
const total = expected.contacts + expected.enrolments + expected.activities + expected.suppressions;
const whole = {
  contacts: expected.contacts,
  enrolments: expected.enrolments,
  activities: expected.activities,
  suppressions: expected.suppressions,
  outbox: 0,
  gids: expected.contacts + expected.enrolments + expected.activities,
  syncIds: 0,
};

describe.each([
  ['from the feed', false],
  ['from the batches in hand', true],
])("a new rep's first sync of a whole team, applied %s", (_how, streams) => {
  beforeAll(() => {
    streaming = streams;
  });

  it('the bench team is what its counts say: ten activities a contact, some opted out, most running', () => {
    expect(expected).toMatchObject({ contacts: 40, enrolments: 40, activities: 400 });
    expect(expected.suppressions).toBeGreaterThan(0);
    expect(expected.active).toBeGreaterThan(5);
    const docs = [...teamDocs(SHAPE)];
    expect(new Set(docs.map((d) => d._id)).size).toBe(docs.length);
    // Nothing in the future, every activity names its contact.
    for (const d of docs) if (d.kind === 'activity') expect(d.row.at as number).toBeLessThanOrEqual(NOW);
    expect(docs.filter((d) => d.kind === 'activity' && !d.contact)).toEqual([]);
  });

  it('the bench documents are exactly what a rep pushes (same fields, same shapes)', async () => {
    const ana = await newRep(await team([]), { user: 'ana' });
    await enrolContact(ana.db, {
      contact: { email: 'lead0.team@example.com', firstName: 'Lead0', timeZone: 'America/New_York' },
      playbookId: 'speed-to-lead-90',
      source: 'web-form',
      via: 'import',
      now: NOW,
    });
    await pushOutbox(ana.ctx);
    const pushed = (
      (await ana.local.allDocs({ include_docs: true })) as { rows: { doc: Record<string, unknown> }[] }
    ).rows.map((r) => r.doc);
    const bench = [...teamDocs(SHAPE)];
    for (const kind of ['contact', 'enrolment', 'activity']) {
      const mine = pushed.find((d) => d.kind === kind) as Record<string, unknown>;
      const theirs = bench.find((d) => d.kind === kind) as unknown as Record<string, unknown>;
      expect(Object.keys(theirs).sort(), kind).toEqual(
        Object.keys(mine)
          .filter((k) => k !== '_rev')
          .sort(),
      );
      if (kind === 'contact') {
        const fields = (d: Record<string, unknown>) => Object.keys(d.fields as object).sort();
        expect(fields(theirs)).toEqual(expect.arrayContaining(fields(mine)));
      } else expect(Object.keys(theirs.row as object).sort()).toEqual(Object.keys(mine.row as object).sort());
    }
  });

  it('receives every contact, sequence, activity and opt-out once, echoes nothing, plans the touches', async () => {
    const name = await team([...teamDocs(SHAPE)]);
    const fay = await newRep(name, { pageSize: 100 });
    const progress: SyncProgress[] = [];
    fay.ctx.progress = (p) => progress.push(p);
    const report = await fay.sync();
    expect(report.applied).toBe(total);
    if (streams) {
      // Each batch is saved as it comes (the pull's checkpoint waits for the activities it left
      // out of the copy): the progress line counts what is received, up to the whole team.
      const receiving = progress.filter((p) => p.phase === 'receiving').map((p) => p.done);
      expect(receiving).toEqual([...receiving].sort((a, b) => a - b));
      expect(receiving.at(-1)).toBe(total);
    } else {
      // Once everything is received, the progress line moves page by page up to what is left.
      const saving = progress.filter((p) => p.phase === 'saving');
      expect(saving.length).toBeGreaterThan(0);
      expect(saving.map((p) => p.done)).toEqual([...saving.map((p) => p.done)].sort((a, b) => a - b));
      expect(saving.at(-1)).toEqual({
        phase: 'saving',
        done: saving.at(-1)?.total,
        total: expect.any(Number),
      });
    }
    expect(await counts(fay.db)).toEqual(whole);
    // Every sequence's planned touches, stored and computed, are the engine's whole plan; as after
    // an import, only those due within the hour (and step 0) are rows: a teammate's next step
    // weeks ahead is computed from `laterDueAt` by every reader (lib/db/horizon.ts).
    let computedLater = 0;
    for (const e of await fay.db.enrolments.toArray()) {
      const rows = (await fay.db.touches.where('enrolmentId').equals(e.id).toArray()).filter(
        (t) => t.state === 'planned',
      );
      const key = (t: { step: number; dueAt: number | Date }) => `${t.step}|${Number(t.dueAt)}`;
      const planned = withLaterTouches(rows, [e]).map(key).sort();
      expect(planned).toEqual(pendingTouches(e).map(key).sort());
      for (const t of rows) expect(t.step === 0 || t.dueAt < NOW + STORE_AHEAD_MS).toBe(true);
      if (e.state === 'active' && e.laterDueAt !== undefined) computedLater++;
      if (e.state === 'opted-out') expect(rows).toEqual([]);
    }
    expect(computedLater).toBeGreaterThan(0);
    // The minute alarm right after has no touch of the hour left to store: it writes no sequence
    // (which would queue it to be pushed back).
    expect(await storeLaterTouches(fay.db, NOW)).toBe(0);
    expect(await fay.db.outbox.count()).toBe(0);
    // Activities hang off their contact and sequence.
    const acts = await fay.db.activities.toArray();
    const enrolments = new Map((await fay.db.enrolments.toArray()).map((e) => [e.id, e]));
    for (const a of acts) {
      expect(await fay.db.contacts.get(a.contactId as number)).toBeDefined();
      if (a.kind !== 'note') expect(enrolments.get(a.enrolmentId as number)?.contactId).toBe(a.contactId);
    }
    // The opted-out ones are opted out here too, their sequences stopped.
    const suppressed = await fay.db.suppressions.toArray();
    for (const s of suppressed) {
      const c = await fay.db.contacts.where('emailLower').equals(s.key).first();
      expect(c?.optOut.email).toBe(true);
      const [e] = await fay.db.enrolments
        .where('contactId')
        .equals(c?.id as number)
        .toArray();
      expect(e?.state).toBe('opted-out');
    }
    // A second run moves nothing.
    expect(await fay.sync()).toEqual({ pushed: 0, applied: 0 });
    expect(await counts(fay.db)).toEqual(whole);
  });

  it('what has arrived is saved while the rest is still coming', async () => {
    const docs = [...teamDocs(SHAPE)];
    const name = await team(docs);
    const fay = await newRep(name, { pageSize: 100 });
    const remoteDb = new PouchDB(`${server.url}/${name}`, {
      skip_setup: true,
      auth: { username: 'fay', password: 'fay-pw' },
    });
    let savedMeanwhile = 0;
    // The server sends the first half, then waits until this browser saved some of it.
    const slow: SyncRemote = {
      check: fay.remote.check,
      replicate: async (progress) => {
        const half = docs.slice(0, docs.length / 2).map((d) => d._id);
        await fay.local.replicate.from(remoteDb, { doc_ids: half });
        progress?.({ done: half.length, total: docs.length });
        for (let i = 0; i < 100 && !savedMeanwhile; i++) {
          await new Promise((r) => setTimeout(r, 50));
          savedMeanwhile = await fay.db.activities.count();
        }
        await fay.local.replicate.from(remoteDb);
      },
    };
    await syncOnce(fay.ctx, slow);
    expect(savedMeanwhile).toBeGreaterThan(0);
    expect(await counts(fay.db)).toEqual(whole);
  });

  it('the feed brings activities and sequences before their contact: they land in the same page, once', async () => {
    const docs = [...teamDocs(SHAPE)];
    const order: Record<string, number> = { activity: 0, enrolment: 1, suppression: 2, contact: 3 };
    const name = await team([...docs].sort((a, b) => (order[a.kind] ?? 4) - (order[b.kind] ?? 4)));
    const fay = await newRep(name, { pageSize: 7 });
    await fay.sync();
    expect(await counts(fay.db)).toEqual(whole);
    expect(JSON.parse(((await fay.db.meta.get('sync.deferred'))?.value as string) ?? '[]')).toEqual([]);
    expect(await snapshot(fay.db)).toEqual(await referenceSnapshot(docs));
  });

  it('a run stopped in the middle of a page (its transaction aborted) resumes: nothing lost, nothing twice', async () => {
    const name = await team([...teamDocs(SHAPE)]);
    const fay = await newRep(name, { pageSize: 60 });
    // The worker dies while the fourth page is being written: IndexedDB aborts that transaction.
    let pages = 0;
    let armed = true;
    let last: unknown;
    const stop = (_key: unknown, _row: unknown, tx: unknown) => {
      if (tx !== last) pages++;
      last = tx;
      if (armed && pages === 4) throw new Error('worker stopped');
    };
    fay.db.activities.hook('creating', stop);
    await expect(fay.sync()).rejects.toThrow('worker stopped');
    armed = false;
    const partial = await counts(fay.db);
    expect(partial.activities).toBeGreaterThan(0);
    expect(partial.activities).toBeLessThan(expected.activities);
    // The next run (a new worker: a new context on the same stores) carries on from the checkpoint.
    const again = { ...fay.ctx, pageSize: 60 };
    await syncOnce(again, fay.remote);
    expect(await counts(fay.db)).toEqual(whole);
    expect(await snapshot(fay.db)).toEqual(await referenceSnapshot([...teamDocs(SHAPE)]));
  });

  it("a page's new sequences' touch rows are written in the same round as its activities, and stored as before", async () => {
    const name = await team([...teamDocs(SHAPE)]);
    const fay = await newRep(name, { pageSize: 60 });
    // Per page (IndexedDB transaction): when its activities' rows were asked of IndexedDB, and
    // when its first touch row was answered. Dexie's hooks would hold one write until the other is
    // done: seen below Dexie instead.
    const log = new Map<IDBTransaction, string[]>();
    const of = (tx: IDBTransaction) => log.get(tx) ?? (log.set(tx, []).get(tx) as string[]);
    const proto = globalThis.IDBObjectStore.prototype;
    const add = proto.add;
    proto.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      const req = add.apply(this, args);
      const l = of(this.transaction);
      if (this.name === 'activities' && !l.includes('activities asked')) l.push('activities asked');
      if (this.name === 'touches')
        req.addEventListener('success', () => {
          if (!l.includes('touches done')) l.push('touches done');
        });
      return req;
    };
    onTestFinished(() => {
      proto.add = add;
    });
    await fay.sync();
    const both = [...log.values()].filter(
      (l) => l.includes('activities asked') && l.includes('touches done'),
    );
    expect(both.length).toBeGreaterThan(0);
    // Asked before the touch rows were answered: one round for both, not one after the other.
    for (const l of both) expect(l.indexOf('activities asked')).toBeLessThan(l.indexOf('touches done'));
    expect(await counts(fay.db)).toEqual(whole);
    expect(await snapshot(fay.db)).toEqual(await referenceSnapshot([...teamDocs(SHAPE)]));
  });

  it("a page whose activities' write fails stores none of it: its sequences and their touch rows roll back", async () => {
    const name = await team([...teamDocs(SHAPE)]);
    const fay = await newRep(name, { pageSize: 60 });
    // The first page that writes touch rows fails at its activities, asked after them.
    const asked = new Map<unknown, number[]>();
    let failed: number[] | undefined;
    fay.db.touches.hook('creating', (_key, row, tx) => {
      asked.set(tx, [...(asked.get(tx) ?? []), row.enrolmentId]);
    });
    fay.db.activities.hook('creating', (_key, _row, tx) => {
      if (failed || !asked.get(tx)?.length) return;
      failed = asked.get(tx);
      throw new Error('activities refused');
    });
    await expect(fay.sync()).rejects.toThrow('activities refused');
    const ids = [...new Set(failed)];
    expect(ids.length).toBeGreaterThan(0);
    expect((await fay.db.enrolments.bulkGet(ids)).filter(Boolean)).toEqual([]);
    expect(await fay.db.touches.where('enrolmentId').anyOf(ids).count()).toBe(0);
    // The pages before it are stored whole.
    const enrolments = await fay.db.enrolments.toArray();
    const planned = await fay.db.touches.toArray();
    expect(planned.every((t) => enrolments.some((e) => e.id === t.enrolmentId))).toBe(true);
  });

  it('a run stopped between pages, or while receiving from the server, resumes: nothing lost, nothing twice', async () => {
    const name = await team([...teamDocs(SHAPE)]);
    const fay = await newRep(name, { pageSize: 50 });
    // Stopped between two pages: the feed read fails after three pages.
    const local = fay.ctx.local;
    let reads = 0;
    const flaky: PouchLike = {
      allDocs: (o) => local.allDocs(o),
      bulkDocs: (d) => local.bulkDocs(d),
      get: (id, o) => local.get(id, o),
      info: () => (local.info as NonNullable<PouchLike['info']>)(),
      changes: (o) => {
        if (++reads === 4) return Promise.reject(new Error('worker stopped'));
        return local.changes(o);
      },
    };
    await expect(applyChangesAfterReplicate(fay, flaky)).rejects.toThrow('worker stopped');
    const mid = await counts(fay.db);
    expect(mid.contacts).toBeGreaterThan(0);
    expect(mid.activities).toBeLessThan(expected.activities);
    // And the next one loses the server in the middle of its replication.
    const cut = (async () => {
      const seen = server.requests.length;
      while (server.requests.length < seen + 3) await new Promise((r) => setTimeout(r, 1));
      await server.stop();
    })();
    await fay.sync().catch(() => undefined);
    await cut;
    await server.start();
    await fay.sync();
    expect(await counts(fay.db)).toEqual(whole);
  });
});

/** Replicates, then applies through `local` (a PouchDB whose feed may fail). */
async function applyChangesAfterReplicate(
  rep: { ctx: SyncContext; remote: SyncRemote },
  local: PouchLike,
): Promise<void> {
  await rep.remote.replicate();
  await applyChanges({ ...rep.ctx, local });
}

describe('applying received batches from the documents in hand', () => {
  beforeAll(() => {
    streaming = true;
  });

  /** Counts the documents PouchDB's feed hands the apply. */
  function countFeed(rep: { ctx: SyncContext }) {
    const local = rep.ctx.local;
    const read = { docs: 0 };
    rep.ctx.local = {
      allDocs: (o) => local.allDocs(o),
      bulkDocs: (d) => local.bulkDocs(d),
      get: (id, o) => local.get(id, o),
      info: () => (local.info as NonNullable<PouchLike['info']>)(),
      changes: async (o) => {
        const res = await local.changes(o);
        read.docs += res.results.length;
        return res;
      },
    };
    return read;
  }

  it('saves the whole team without reading it back from the feed, the checkpoint at the end of it', async () => {
    const docs = [...teamDocs(SHAPE)];
    const fay = await newRep(await team(docs), { pageSize: 100 });
    const read = countFeed(fay);
    expect((await fay.sync()).applied).toBe(total);
    // The feed gave only what this rep pushed before the pull (the team's names), nothing received.
    const own = (await fay.local.allDocs({ include_docs: true })).rows.filter(
      (r: { doc?: { by?: string } }) => r.doc?.by === 'rep-fay',
    );
    expect(own.length).toBeLessThan(3);
    expect(read.docs).toBe(own.length);
    expect(await counts(fay.db)).toEqual(whole);
    const seq = (await fay.local.info()).update_seq;
    expect((await fay.db.meta.get('sync.seq'))?.value).toBe(seq);
    expect(await snapshot(fay.db)).toEqual(await referenceSnapshot(docs, { streams: false }));
    expect(await fay.sync()).toEqual({ pushed: 0, applied: 0 });
  });

  it('looks up no link for a document this copy never held; one it held is linked as before', async () => {
    const docs = [...teamDocs(SHAPE)];
    const name = await team(docs);
    const fay = await newRep(name);
    const asked: string[] = [];
    const bulkGet = fay.db.syncIds.bulkGet.bind(fay.db.syncIds);
    fay.db.syncIds.bulkGet = ((keys: string[]) => {
      asked.push(...keys);
      return bulkGet(keys);
    }) as typeof fay.db.syncIds.bulkGet;
    // Contacts, sequences and activities are found by their rows' `gid` index.
    const tableOf = fay.db.table.bind(fay.db);
    fay.db.table = ((name: string) => {
      const table = tableOf(name);
      if (!['contacts', 'enrolments', 'activities'].includes(name)) return table;
      const where = (index: string) => {
        const clause = table.where(index);
        if (index !== 'gid') return clause;
        return Object.assign(Object.create(clause), {
          equals: (key: string) => {
            asked.push(key);
            return clause.equals(key);
          },
        });
      };
      return new Proxy(table, {
        get: (target, prop, receiver) => (prop === 'where' ? where : Reflect.get(target, prop, receiver)),
      });
    }) as typeof fay.db.table;
    await fay.sync();
    expect(await counts(fay.db)).toEqual(whole);
    const received = new Set(docs.map((d) => d._id));
    expect(asked.filter((gid) => received.has(gid))).toEqual([]);
    // A teammate's edit of a document this copy holds: its link is read, the same row updated.
    const contact = docs.find((d) => d.kind === 'contact') as { _id: string };
    const onServer = (await server.database(name).get(contact._id)) as unknown as {
      fields: Record<string, { v: unknown; t: string }>;
    } & Record<string, unknown>;
    await server.database(name).bulkDocs([
      {
        ...onServer,
        fields: { ...onServer.fields, title: { v: 'Owner, now', t: tick(ZERO_STAMP, NOW, 'rep-ana') } },
      },
    ]);
    fay.ctx.known = undefined;
    await fay.sync();
    expect(asked).toContain(contact._id);
    expect(await counts(fay.db)).toEqual(whole);
    const row = await fay.db.contacts
      .where('emailLower')
      .equals(contact._id.slice('contact:'.length))
      .first();
    expect(row?.title).toBe('Owner, now');
  });

  it("teammates' activities are saved here without a copy; contacts, sequences and opt-outs are copied", async () => {
    const docs = [...teamDocs(SHAPE)];
    const fay = await newRep(await team(docs));
    await fay.sync();
    expect(await counts(fay.db)).toEqual(whole);
    const copied = (await fay.local.allDocs()).rows.map((r: { id: string }) => r.id);
    const of = (kind: string) => copied.filter((id: string) => id.startsWith(`${kind}:`)).length;
    expect(of('activity')).toBe(0);
    expect(of('contact')).toBe(expected.contacts);
    expect(of('enrolment')).toBe(expected.enrolments);
    expect(of('suppression')).toBe(expected.suppressions);
    expect((await fay.db.meta.get(UNCOPIED_KEY))?.value).toBe(expected.activities);
    // The same as a rep whose copy holds everything.
    expect(await snapshot(fay.db)).toEqual(await referenceSnapshot(docs, { streams: false }));
    expect(await fay.sync()).toEqual({ pushed: 0, applied: 0 });
  });

  it('stopped after a page is saved and before its checkpoint: the pull brings it again, nothing twice', async () => {
    const docs = [...teamDocs(SHAPE)];
    const fay = await newRep(await team(docs));
    // The worker stops as the replicator comes to its third checkpoint since activities began to
    // come (it reads the copy's checkpoint first): from then on nothing more is saved or written.
    // Every checkpoint written before had better name only saved batches: their activities were
    // nowhere else.
    const put = fay.local.put.bind(fay.local);
    const get = fay.local.get.bind(fay.local);
    let checkpoints = 0;
    let stopped = false;
    // Every activity handed to the apply so far is stored by the time a checkpoint is written.
    let handed = 0;
    const stored: [number, number][] = [];
    const replicate = fay.remote.replicate;
    fay.remote.replicate = (progress, denied, received, ...rest) =>
      replicate(
        progress,
        denied,
        received &&
          ((docs, absent) => {
            handed += (docs as { _id: string }[]).filter((d) => d._id.startsWith('activity:')).length;
            received(docs, absent);
          }),
        ...rest,
      );
    fay.local.get = (id: string, ...rest: unknown[]) => {
      if (id.startsWith('_local/') && handed > 0 && ++checkpoints === 3) stopped = true;
      return get(id, ...rest);
    };
    fay.local.put = async (doc: { _id: string }, ...rest: unknown[]) => {
      if (stopped) throw new Error('worker stopped');
      if (doc._id.startsWith('_local/')) stored.push([handed, await fay.db.activities.count()]);
      return put(doc, ...rest);
    };
    const dead = () => {
      if (stopped) throw new Error('worker stopped');
    };
    fay.db.activities.hook('creating', dead);
    await expect(fay.sync()).rejects.toThrow('worker stopped');
    fay.db.activities.hook('creating').unsubscribe(dead);
    expect(stored.length).toBeGreaterThan(0);
    for (const [h, s] of stored) expect(s).toBe(h);
    stopped = false;
    fay.local.put = put;
    fay.local.get = get;
    fay.remote.replicate = replicate;
    const mid = await counts(fay.db);
    expect(mid.activities).toBeGreaterThan(0);
    expect(mid.activities).toBeLessThan(expected.activities);
    await fay.sync();
    expect(await counts(fay.db)).toEqual(whole);
    // Those the stopped run received after its apply had failed went into the copy, as any would.
    const copied = (await fay.local.allDocs()).rows.filter((r: { id: string }) =>
      r.id.startsWith('activity:'),
    );
    expect((await fay.db.meta.get(UNCOPIED_KEY))?.value).toBe(expected.activities - copied.length);
    expect(await snapshot(fay.db)).toEqual(await referenceSnapshot(docs, { streams: false }));
  });

  it("a teammate's activity the copy never held, deleted here with its lead: deleted on the server too", async () => {
    const docs = [...teamDocs(SHAPE)];
    const name = await team(docs);
    const fay = await newRep(name);
    await fay.sync();
    const activity = docs.find((d) => d.kind === 'activity' && (d as { contact?: string }).contact) as {
      _id: string;
      contact: string;
    };
    const lead = await fay.db.contacts.where('gid').equals(activity.contact).first();
    expect(lead).toBeDefined();
    const theirs = docs.filter(
      (d) => (d as { contact?: string }).contact === activity.contact && d.kind === 'activity',
    );
    await bulkContacts(fay.db, [lead?.id as number], { kind: 'delete' }, { now: NOW + 1, via: 'dashboard' });
    await fay.sync();
    for (const d of theirs) {
      const onServer = (await server.database(name).get(d._id)) as { deleted?: boolean };
      expect(onServer.deleted).toBe(true);
    }
    expect(await fay.db.outbox.count()).toBe(0);
  });

  it('batches kept waiting past the limit: the rest is read from the feed, nothing lost or twice', async () => {
    const docs = [...teamDocs(SHAPE)];
    const fay = await newRep(await team(docs));
    // Every batch is handed over at once, after the whole pull: far more than may wait.
    const replicate = fay.remote.replicate;
    fay.remote.replicate = async (progress, denied, received) => {
      const held: [object[], (id: string) => boolean][] = [];
      // (No room asked for: this remote writes on regardless.)
      await replicate(progress, denied, (d, absent) => held.push([d, absent]));
      expect(held.length).toBeGreaterThan(6);
      for (const [d, absent] of held) received?.(d, absent);
    };
    const read = countFeed(fay);
    await fay.sync();
    expect(read.docs).toBeGreaterThan(0);
    expect(await counts(fay.db)).toEqual(whole);
  });

  it('a document this copy already held comes back in conflict: read back, merged, the merge sent', async () => {
    const docs = [...teamDocs(SHAPE)];
    const name = await team(docs);
    const fay = await newRep(name);
    await fay.sync();
    const contact = docs.find((d) => d.kind === 'contact') as { _id: string };
    const row = await fay.db.contacts
      .where('emailLower')
      .equals(contact._id.slice('contact:'.length))
      .first();
    expect(row).toBeDefined();
    // Fay renames the lead here while a teammate changes its company on the server.
    await fay.db.contacts.update(row?.id as number, { firstName: 'Renamed here' });
    const onServer = (await server.database(name).get(contact._id)) as unknown as {
      fields: Record<string, { v: unknown; t: string }>;
    } & Record<string, unknown>;
    await server.database(name).bulkDocs([
      {
        ...onServer,
        fields: {
          ...onServer.fields,
          company: { v: 'Changed there', t: tick(ZERO_STAMP, NOW + 60_000, 'rep-ana') },
        },
      },
    ]);
    await fay.sync();
    const after = await fay.db.contacts.get(row?.id as number);
    expect(after).toMatchObject({ firstName: 'Renamed here', company: 'Changed there' });
    expect(await counts(fay.db)).toEqual(whole);
    const merged = (await server.database(name).get(contact._id, { conflicts: true })) as unknown as {
      _conflicts?: string[];
      fields: Record<string, { v: unknown }>;
    };
    expect(merged._conflicts ?? []).toEqual([]);
    expect(merged.fields.firstName?.v).toBe('Renamed here');
    expect(merged.fields.company?.v).toBe('Changed there');
  });
});
