/**
 * The team library's author-only rule on the server (couchdb/validate_doc_update.js): the
 * function alone, as CouchDB compiles it from the file, and two reps syncing through the
 * in-process CouchDB-protocol server with validation on, as a team whose admin installed it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { claimUnowned, SYNC_ON_KEY, saveSettings, TouchbaseDb } from '@/lib/db';
import { shareLibraryItem } from '@/lib/db/library-share';
import { savePlaybook } from '@/lib/db/playbooks';
import type { LibraryDoc } from '@/lib/sync/docs';
import type { PouchLike, SyncContext } from '@/lib/sync/engine';
import { checkInfo, type SyncRemote, syncOnce } from '@/lib/sync/run';
import { syncStatusLine } from '@/lib/sync/status-text';
import { type CouchServer, startCouchServer } from '../../e2e/support/couch-server';
import { NodePouchDB } from '../../e2e/support/pouchdb-node';

const SOURCE = readFileSync('couchdb/validate_doc_update.js', 'utf8');
// As CouchDB's and PouchDB's evaluators do: the source is one function expression.
const validate = new Function(`return (${SOURCE.replace(/;\s*$/, '')});`)() as (
  newDoc: object,
  oldDoc: object | null,
  userCtx: { name: string | null; roles: string[] },
) => void;
const T0 = Date.parse('2026-03-03T15:00:00Z');

const shared = (fields: Record<string, unknown> = {}, id = 'playbook:g'): LibraryDoc =>
  ({
    _id: id,
    kind: id.startsWith('template:') ? 'template' : 'playbook',
    fields: {
      name: { v: 'Inbound fast', t: '1' },
      author: { v: { id: 'rep-ana', name: 'Ana', user: 'ana' }, t: '1' },
      deleted: { v: false, t: '1' },
      ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { v, t: '2' }])),
    },
  }) as LibraryDoc;
const who = (name: string, roles: string[] = []) => ({ name, roles });
const refusal = (f: () => void) => {
  try {
    f();
    return undefined;
  } catch (e) {
    return e as { forbidden?: string };
  }
};

describe('validate_doc_update: only the author stops sharing or deletes', () => {
  it.each([
    ['a teammate edits a shared playbook', shared({ name: 'Renamed' }), shared(), who('ben'), false],
    ['a teammate turns it into a tombstone', shared({ deleted: true }), shared(), who('ben'), true],
    ['a teammate deletes the document', { _id: 'playbook:g', _deleted: true }, shared(), who('ben'), true],
    [
      'a teammate makes himself the author',
      shared({ author: { id: 'rep-ben', name: 'Ben', user: 'ben' } }),
      shared(),
      who('ben'),
      true,
    ],
    [
      'a teammate drops the author’s user (then could delete)',
      shared({ author: { id: 'rep-ana', name: 'Ana' } }),
      shared(),
      who('ben'),
      true,
    ],
    [
      'the same for a template',
      shared({ deleted: true }, 'template:t'),
      shared({}, 'template:t'),
      who('ben'),
      true,
    ],
    ['the author stops sharing', shared({ deleted: true }), shared(), who('ana'), false],
    ['the author deletes the document', { _id: 'playbook:g', _deleted: true }, shared(), who('ana'), false],
    ['a server admin may', shared({ deleted: true }), shared(), who('root', ['_admin']), false],
    ['a new shared playbook', shared(), null, who('ben'), false],
    ['one already a tombstone, shared again', shared(), shared({ deleted: true }), who('ben'), false],
    [
      'shared before authors were named by user: the extension’s rule only',
      shared({ deleted: true }),
      shared({ author: { id: 'rep-ana', name: 'Ana' } }),
      who('ben'),
      false,
    ],
    [
      'anything but the library',
      { _id: 'contact:ada@example.com', _deleted: true },
      { _id: 'contact:ada@example.com' },
      who('ben'),
      false,
    ],
  ])('%s', (_name, next, old, user, refused) => {
    const e = refusal(() => validate(next, old, user));
    if (refused) expect(e?.forbidden).toMatch(/^touchbase-author-only: only ana, who shared it/);
    else expect(e).toBeUndefined();
  });
});

// ------------------------------------------------------------------ two reps, a validating server

let server: CouchServer;
let n = 0;
const opened: TouchbaseDb[] = [];
beforeAll(async () => {
  server = await startCouchServer({
    users: { ana: 'ana-pw', ben: 'ben-pw' },
    members: { libv: ['ana', 'ben'] },
    validate: true,
  });
  // The team admin installs it (README › Running CouchDB for a team); admins are not validated.
  await server.database('libv').bulkDocs([{ _id: '_design/touchbase', validate_doc_update: SOURCE }]);
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

async function rep(user: 'ana' | 'ben') {
  const me = { id: `rep-${user}`, name: user === 'ana' ? 'Ana' : 'Ben' };
  const db = new TouchbaseDb(`libv-${user}-${n++}`);
  await db.open();
  opened.push(db);
  await saveSettings(db, { timeZone: 'America/New_York', name: me.name });
  await db.meta.put({ key: SYNC_ON_KEY, value: 1 });
  await claimUnowned(db, me, T0);
  const local = new NodePouchDB(`libv-local-${user}-${n}`, { adapter: 'memory' });
  const remoteDb = new NodePouchDB(`${server.url}/libv`, {
    skip_setup: true,
    auth: { username: user, password: `${user}-pw` },
  });
  const ctx: SyncContext = { db, local: local as PouchLike, replica: me.id, user, now: () => Date.now() };
  // As the worker's remote does (lib/sync/service.ts): refused documents are told, and read back.
  const remote: SyncRemote = {
    check: async () => checkInfo(await remoteDb.info()),
    replicate: async (_progress, denied) => {
      const sent = await local.replicate.to(remoteDb);
      await local.replicate.from(remoteDb);
      const ids = (sent.errors ?? [])
        .filter((e: { name?: string }) => e.name === 'forbidden')
        .map((e: { id: string }) => e.id);
      if (ids.length) denied?.(ids);
    },
    fetch: async (ids) =>
      (await remoteDb.allDocs({ keys: ids, include_docs: true })).rows.flatMap((r: { doc?: object }) =>
        r.doc ? [r.doc] : [],
      ),
  };
  return { db, local, remoteDb, sync: () => syncOnce(ctx, remote) };
}

describe('the author-only rule on a validating server', () => {
  it('a teammate’s edit lands; his tombstone, deletion or take-over is refused and put back; the author’s unshare lands', async () => {
    const a = await rep('ana');
    const b = await rep('ben');
    const steps = [
      { channel: 'call' as const, day: 0, purpose: 'acknowledge' as const },
      { channel: 'email' as const, day: 1, purpose: 'value' as const },
    ];
    const { id } = await savePlaybook(a.db, { name: 'Inbound fast', steps }, T0);
    await shareLibraryItem(a.db, 'playbook', id, true);
    await a.sync();
    const [row] = (await server.database('libv').allDocs({ include_docs: true })).rows.filter((r) =>
      r.id.startsWith('playbook:'),
    );
    const gid = row?.id as string;
    expect((row?.doc as LibraryDoc | undefined)?.fields.author?.v).toEqual({
      id: 'rep-ana',
      name: 'Ana',
      user: 'ana',
    });

    // Ben's edit replicates through the validation and reaches Ana, author's user kept.
    await b.sync();
    await savePlaybook(b.db, { id, name: 'Inbound faster', steps }, T0 + 1);
    await b.sync();
    const onServer = (await server.database('libv').get(gid)) as unknown as LibraryDoc;
    expect(onServer.fields.name?.v).toBe('Inbound faster');
    expect(onServer.fields.author?.v).toEqual({ id: 'rep-ana', name: 'Ana', user: 'ana' });
    await a.sync();
    expect((await a.db.playbooks.get(id))?.name).toBe('Inbound faster');

    // Straight to the server with Ben's password: CouchDB's 403, nothing changes.
    const put = (doc: object) =>
      fetch(`${server.url}/libv/${encodeURIComponent(gid)}`, {
        method: 'PUT',
        headers: {
          authorization: `Basic ${Buffer.from('ben:ben-pw').toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(doc),
      });
    const tombstone = { ...onServer, fields: { ...onServer.fields, deleted: { v: true, t: '9' } } };
    const refused = await put(tombstone);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      error: 'forbidden',
      reason: expect.stringMatching(/only ana/),
    });
    const del = await fetch(`${server.url}/libv/${encodeURIComponent(gid)}?rev=${onServer._rev}`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from('ben:ben-pw').toString('base64')}` },
    });
    expect(del.status).toBe(403);
    const takeOver = {
      ...onServer,
      fields: { ...onServer.fields, author: { v: { id: 'rep-ben', name: 'Ben', user: 'ben' }, t: '9' } },
    };
    expect((await put(takeOver)).status).toBe(403);

    // Ben's own copy turned into a tombstone (an older or altered client): the run says the
    // server kept it, and his library has it back as the team has it.
    const mine = (await b.local.get(gid)) as LibraryDoc & { _rev: string };
    await b.local.put({ ...mine, fields: { ...mine.fields, deleted: { v: true, t: '9' } } });
    const report = await b.sync();
    expect(report.refused).toBe(1);
    expect(syncStatusLine({ state: 'ok', pending: 0, lastSyncedAt: T0, refused: 1 }, T0)).toContain(
      'the server kept 1 shared playbook or template as the team has it',
    );
    expect(((await server.database('libv').get(gid)) as unknown as LibraryDoc).fields.deleted?.v).toBe(false);
    expect(await b.db.playbooks.get(id)).toMatchObject({
      name: 'Inbound faster',
      team: { by: { id: 'rep-ana' } },
    });
    // The version put back went to the server (it takes it), and the next run has nothing to say.
    expect((await b.sync()).refused).toBeUndefined();
    await a.sync();
    expect((await a.db.playbooks.get(id))?.team?.by.id).toBe('rep-ana');

    // Ana stops sharing: the server takes it, and it leaves Ben's library.
    await shareLibraryItem(a.db, 'playbook', id, false);
    await a.sync();
    expect(((await server.database('libv').get(gid)) as unknown as LibraryDoc).fields.deleted?.v).toBe(true);
    await b.sync();
    expect(await b.db.playbooks.get(id)).toBeUndefined();
  });
});
