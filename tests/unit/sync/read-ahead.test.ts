/**
 * The pull with its checks and downloads started early (lib/sync/read-ahead.ts): PouchDB's
 * replicator still decides what moves, so the local copy ends exactly as a plain pull leaves it
 * (every revision, conflicts included), each document is downloaded once, the next batch's
 * download overlaps the current batch's write, and whatever was not read ahead (or failed) is
 * asked of the server as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdWrites, readAhead, type ReadAheadSource, type ReadAheadTarget } from '@/lib/sync/read-ahead';
import { type CouchServer, startCouchServer } from '../../e2e/support/couch-server';
import { NodePouchDB } from '../../e2e/support/pouchdb-node';

const PouchDB = NodePouchDB;
const DBS = Array.from({ length: 8 }, (_, i) => `ra${i}`);
let server: CouchServer;
let n = 0;

beforeAll(async () => {
  server = await startCouchServer({
    users: { fay: 'fay-pw' },
    members: Object.fromEntries(DBS.map((d) => [d, ['fay']])),
  });
});
afterAll(async () => {
  await server.close();
});

// biome-ignore lint/suspicious/noExplicitAny: PouchDB is untyped in Node tests (tests/e2e/support/pouchdb-node.ts).
type Pouch = any;

/** A server database holding `count` documents, two of them with conflicting revisions. */
async function seeded(count: number): Promise<string> {
  const name = DBS.shift() as string;
  const db = server.database(name);
  const docs = Array.from({ length: count }, (_, i) => ({
    _id: `activity:${String(i).padStart(5, '0')}`,
    i,
  }));
  for (let i = 0; i < docs.length; i += 200) await db.bulkDocs(docs.slice(i, i + 200));
  // Two replicas wrote the same document: both leaves live on the server.
  const raw = new PouchDB(`${server.url}/${name}`, { auth: { username: 'fay', password: 'fay-pw' } });
  for (const id of ['activity:00003', 'activity:00042'])
    await raw.bulkDocs(
      [
        { _id: id, _rev: '2-aaaa', _revisions: { start: 2, ids: ['aaaa', 'x1'] }, side: 'a' },
        { _id: id, _rev: '2-bbbb', _revisions: { start: 2, ids: ['bbbb', 'x1'] }, side: 'b' },
      ],
      { new_edits: false },
    );
  return name;
}

function remote(name: string): Pouch {
  return new PouchDB(`${server.url}/${name}`, {
    skip_setup: true,
    auth: { username: 'fay', password: 'fay-pw' },
  });
}

function localCopy(): Pouch {
  return new PouchDB(`ra-local-${n++}`, { adapter: 'memory' });
}

/** Every document with all its leaf revisions and bodies: two copies compare equal. */
async function contents(db: Pouch) {
  const all = await db.allDocs({ include_docs: true, conflicts: true });
  const out: Record<string, unknown> = {};
  for (const r of all.rows) {
    const leaves = await db.get(r.id, { open_revs: 'all', revs: true });
    out[r.id] = leaves
      .map((l: { ok: { _rev: string } }) => l.ok)
      .sort((a: { _rev: string }, b: { _rev: string }) => a._rev.localeCompare(b._rev));
  }
  return out;
}

const OPTS = { batch_size: 50, batches_limit: 3 };

describe('a pull read ahead', () => {
  it('leaves the local copy exactly as a plain pull does, conflicts included, each document downloaded once', async () => {
    const name = await seeded(230);
    const plain = localCopy();
    const plainResult = await plain.replicate.from(remote(name), OPTS);

    const local = localCopy();
    const source = remote(name);
    const asked: string[] = [];
    const bulkGet = source.bulkGet.bind(source);
    source.bulkGet = (opts: { docs: { id: string }[] }) => {
      asked.push(...opts.docs.map((d) => d.id));
      return bulkGet(opts);
    };
    const restore = readAhead(source as ReadAheadSource, local as ReadAheadTarget);
    const result = await local.replicate.from(source, OPTS);
    restore();

    expect(result.docs_written).toBe(plainResult.docs_written);
    expect(await contents(local)).toEqual(await contents(plain));
    // Every leaf of each conflicted document (its first revision and the two written on top of
    // another ancestor), everything else once.
    expect(asked.length).toBe(234);
    expect(new Set(asked).size).toBe(230);
    expect((await local.get('activity:00042', { conflicts: true }))._conflicts).toHaveLength(2);
  });

  it('with the bodies in the feed: the same copy, and only documents past their first revision downloaded', async () => {
    const name = await seeded(230);
    // One document edited twice after its first write: its history must come whole.
    const raw = remote(name);
    const edited = await raw.get('activity:00100');
    const second = await raw.put({ ...edited, i: 'edited' });
    await raw.put({ ...edited, _rev: second.rev, i: 'edited again' });
    const plain = localCopy();
    const plainResult = await plain.replicate.from(remote(name), OPTS);

    const local = localCopy();
    const source = remote(name);
    const asked: string[] = [];
    const feeds: unknown[] = [];
    const bulkGet = source.bulkGet.bind(source);
    source.bulkGet = (opts: { docs: { id: string }[] }) => {
      asked.push(...opts.docs.map((d) => d.id));
      return bulkGet(opts);
    };
    const changes = source.changes.bind(source);
    source.changes = (opts: { include_docs?: boolean }) => {
      feeds.push(opts.include_docs);
      return changes(opts);
    };
    const restore = readAhead(source as ReadAheadSource, local as ReadAheadTarget, undefined, {
      bodies: true,
    });
    const result = await local.replicate.from(source, OPTS);
    restore();

    expect(result.docs_written).toBe(plainResult.docs_written);
    expect(await contents(local)).toEqual(await contents(plain));
    expect((await local.get('activity:00100', { revs: true }))._revisions.ids).toHaveLength(3);
    // The two conflicted documents (three leaves each) and the edited one; the rest came with the feed.
    expect(asked.sort()).toEqual([
      'activity:00003',
      'activity:00003',
      'activity:00003',
      'activity:00042',
      'activity:00042',
      'activity:00042',
      'activity:00100',
    ]);
    expect(feeds.length).toBeGreaterThan(4);
    expect(feeds.every((f) => f === true)).toBe(true);
  });

  it('downloads the next batch while the current one is written', async () => {
    const name = await seeded(200);
    const local = localCopy();
    const source = remote(name);
    const events: string[] = [];
    const bulkGet = source.bulkGet.bind(source);
    source.bulkGet = async (opts: object) => {
      events.push('download');
      return bulkGet(opts);
    };
    const bulkDocs = local.bulkDocs.bind(local);
    local.bulkDocs = async (...args: unknown[]) => {
      events.push('write start');
      // A browser's disk: the write takes a while, time enough for the next batch's changes.
      await new Promise((r) => setTimeout(r, 150));
      const r = await bulkDocs(...args);
      events.push('write end');
      return r;
    };
    const restore = readAhead(source as ReadAheadSource, local as ReadAheadTarget);
    await local.replicate.from(source, OPTS);
    restore();
    const firstWriteEnd = events.indexOf('write end');
    // Four batches: at least the second one's download started before the first write ended.
    expect(events.filter((e) => e === 'download')).toHaveLength(4);
    expect(events.slice(0, firstWriteEnd).filter((e) => e === 'download').length).toBeGreaterThan(1);
    expect((await local.info()).doc_count).toBe(200);
  });

  it('asks the server again when a read-ahead download failed, and nothing is missing', async () => {
    const name = await seeded(120);
    const local = localCopy();
    const source = remote(name);
    const bulkGet = source.bulkGet.bind(source);
    let calls = 0;
    source.bulkGet = (opts: object) => {
      calls++;
      if (calls === 2) return Promise.reject(Object.assign(new Error('fetch failed'), { status: 500 }));
      return bulkGet(opts);
    };
    const restore = readAhead(source as ReadAheadSource, local as ReadAheadTarget);
    await local.replicate.from(source, OPTS);
    restore();
    // Three batches, one of them downloaded twice (read ahead, failed; asked again).
    expect(calls).toBe(4);
    expect((await local.info()).doc_count).toBe(120);
  });

  it("answers the replicator's revision check as PouchDB's own does, for documents held, partly held and absent", async () => {
    const name = await seeded(60);
    const local = localCopy();
    await local.replicate.from(remote(name), OPTS);
    await local.bulkDocs([
      { _id: 'activity:00010', _deleted: true, _rev: (await local.get('activity:00010'))._rev },
    ]);
    const held = await local.get('activity:00005');
    const diff: Record<string, string[]> = {
      'activity:00005': [held._rev, '9-ffff'],
      'activity:00003': ['2-aaaa', '2-bbbb', '3-cccc'],
      'activity:00010': ['1-dead'],
      'activity:99999': ['1-abcd', '2-abcd'],
      'activity:00007': [(await local.get('activity:00007'))._rev],
    };
    const own = await local.revsDiff(diff);
    const source = remote(name);
    const restore = readAhead(source as ReadAheadSource, local as ReadAheadTarget);
    const quick = await local.revsDiff(diff);
    restore();
    expect(quick).toEqual(own);
    expect(Object.keys(quick).sort()).toEqual([
      'activity:00003',
      'activity:00005',
      'activity:00010',
      'activity:99999',
    ]);
  });

  it('puts the local copy and the server object back as they were', async () => {
    const local = localCopy();
    const source = remote('ra-none');
    const before = [local.revsDiff, source.bulkGet, source.changes];
    const restore = readAhead(source as ReadAheadSource, local as ReadAheadTarget);
    expect(local.revsDiff).not.toBe(before[0]);
    expect(source.bulkGet).not.toBe(before[1]);
    restore();
    expect([local.revsDiff, source.bulkGet, source.changes]).toEqual(before);
  });

  it('writes each batch only once there is room, and names the documents the copy did not hold', async () => {
    const name = await seeded(230);
    const local = localCopy();
    const source = remote(name);
    const absent = new Set<string>();
    const revsDiff = local.revsDiff;
    const restore = readAhead(source, local, absent);
    // Room for one batch at a time, given by hand.
    let allowed = 0;
    const waiters: (() => void)[] = [];
    const room = async () => {
      while (allowed <= 0) await new Promise<void>((r) => waiters.push(r));
      allowed--;
    };
    const release = () => {
      allowed++;
      for (const w of waiters.splice(0)) w();
    };
    const restoreRoom = holdWrites(local, room);
    let written = 0;
    const pull = local.replicate.from(source, OPTS).on('change', () => {
      written++;
    });
    const done = Promise.resolve(pull);
    for (let batch = 1; batch <= 5; batch++) {
      await new Promise((r) => setTimeout(r, 150));
      // Nothing more was written than there was room for.
      expect(written).toBe(batch - 1);
      release();
    }
    await done;
    restoreRoom();
    restore();
    expect(written).toBe(5);
    expect((await local.info()).doc_count).toBe(230);
    expect(absent.size).toBe(230);
    expect(local.revsDiff).toBe(revsDiff);
  });
});
