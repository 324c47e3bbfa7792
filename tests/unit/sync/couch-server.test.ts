/**
 * The test server in a child process (`startCouchServer({ child: true })`, used by the sync
 * benchmarks): the same CouchDB answers as in the test process (401, 403, 404, validation), the
 * same data through a stop and a start, every request reported, and the process gone on close.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CouchServer, startCouchServer } from '../../e2e/support/couch-server';
import { NodePouchDB } from '../../e2e/support/pouchdb-node';

// biome-ignore lint/suspicious/noExplicitAny: PouchDB is untyped in Node tests (tests/e2e/support/pouchdb-node.ts).
type Pouch = any;

let server: CouchServer;

beforeAll(async () => {
  server = await startCouchServer({
    users: { fay: 'fay-pw', gus: 'gus-pw' },
    members: { team: ['fay'], checked: ['fay'] },
    validate: true,
    child: true,
  });
});
afterAll(async () => {
  await server.close();
});

const as = (user: string, pw: string, db: string): Pouch =>
  new NodePouchDB(`${server.url}/${db}`, { skip_setup: true, auth: { username: user, password: pw } });

describe('startCouchServer({ child: true })', () => {
  it('answers as CouchDB does: a wrong password, a non-member, an unknown database', async () => {
    const status = async (db: Pouch) => {
      const info = await db.info().catch((e: { status?: number }) => e);
      return (info as { status?: number; error?: string }).status ?? (info as { error?: string }).error;
    };
    expect(await status(as('fay', 'nope', 'team'))).toMatch(/401|unauthorized/);
    expect(await status(as('gus', 'gus-pw', 'team'))).toMatch(/403|forbidden/);
    expect(await status(as('fay', 'fay-pw', 'nowhere'))).toMatch(/404|not_found/);
  });

  it('replicates both ways, keeps its data through a stop and a start, and reports each request', async () => {
    const team = server.database('team');
    await team.bulkDocs(Array.from({ length: 300 }, (_, i) => ({ _id: `contact:${i}`, i })));
    expect((await team.info()).doc_count).toBe(300);
    const local = new NodePouchDB(`child-${Math.random()}`, { adapter: 'memory' });
    const seen = server.requests.length;
    await local.replicate.from(as('fay', 'fay-pw', 'team'), { batch_size: 100 });
    expect((await local.info()).doc_count).toBe(300);
    await local.put({ _id: 'contact:mine', i: -1 });
    await server.stop();
    await expect(local.replicate.to(as('fay', 'fay-pw', 'team'), { retry: false })).rejects.toBeTruthy();
    await server.start();
    await local.replicate.to(as('fay', 'fay-pw', 'team'));
    expect(await team.get('contact:mine')).toMatchObject({ i: -1 });
    // The requests arrive over IPC a moment after their answers.
    await expect
      .poll(() =>
        server.requests.slice(seen).some((r) => r.method === 'POST' && r.url.includes('_bulk_docs')),
      )
      .toBe(true);
    expect(server.requests.slice(seen).some((r) => r.url.includes('_changes'))).toBe(true);
    expect(server.requests.every((r) => typeof r.ms === 'number' && r.status > 0)).toBe(true);
    await expect(team.get('contact:absent')).rejects.toMatchObject({ status: 404 });
  });

  it('runs validate_doc_update in the child as in the test process', async () => {
    const checked = server.database('checked');
    await checked.bulkDocs([
      {
        _id: '_design/rules',
        validate_doc_update: `function (doc) { if (doc.bad) throw { forbidden: 'no bad documents' }; }`,
      },
    ]);
    const db = as('fay', 'fay-pw', 'checked');
    const res = await db.bulkDocs([
      { _id: 'a', ok: 1 },
      { _id: 'b', bad: true },
    ]);
    expect(res[0]).toMatchObject({ ok: true, id: 'a' });
    expect(res[1]).toMatchObject({ id: 'b', error: 'forbidden' });
    expect((await checked.info()).doc_count).toBe(2);
  });
});
