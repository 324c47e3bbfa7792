/**
 * The one-time move of an older local copy (PouchDB's `idb` adapter, `touchbase-sync`) into the
 * `indexeddb` one (lib/sync/local-copy.ts), in real Chromium with the built extension.
 *
 * Rep B syncs as usual, then B's worker is put back in the state an older version left: its copy
 * of the team's documents under the `idb` adapter, with that copy's replication checkpoint with
 * the server, the apply checkpoint counting that copy's feed, and no new copy. The extension's
 * bundle is not reachable from a test, so the same PouchDB (pouchdb-browser, which carries the
 * `idb` adapter the move opens, and pouchdb-adapter-indexeddb) is bundled here with esbuild and
 * evaluated in B's worker. Then Ana adds a lead and B syncs: only Ana's new documents come from
 * the server, nothing B had is downloaded again or lost, and the old copy is gone.
 */
import type { Page, Worker } from '@playwright/test';
import { buildSync } from 'esbuild';
import { E2E_EXTENSION_DIR, expect, test } from './support/fixtures';
import { daytimeZone, sendFromPage } from './support/popup';
import { enrolLead, joinTeam, rowsOf, teamDashboard, teammate, teamSetup, teamServer } from './support/team';

test.use({ extensionDir: E2E_EXTENSION_DIR });
test.describe.configure({ timeout: 120_000 });

const server = teamServer({ team: ['ana', 'ben'] });

/** PouchDB as the extension bundles it, as a script that sets `globalThis.__TestPouch`. */
function pouchScript(): string {
  const out = buildSync({
    stdin: {
      contents: [
        "import PouchDB from 'pouchdb-browser';",
        "import IndexedDb from 'pouchdb-adapter-indexeddb';",
        'PouchDB.plugin(IndexedDb);',
        'globalThis.__TestPouch = PouchDB;',
      ].join('\n'),
      resolveDir: process.cwd(),
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

/**
 * Turns B's worker back into an older version's: its copy moved into `touchbase-sync` under the
 * `idb` adapter, which then replicates with the server once (its checkpoint), the apply
 * checkpoint set to that copy's feed (everything applied), the new copy deleted. Holds the sync
 * lock meanwhile, so no alarm run starts in between. Answers the ids the old copy holds.
 */
async function makeOldCopy(sw: Worker, remote: { url: string; username: string; password: string }) {
  await sw.evaluate(pouchScript());
  return sw.evaluate(async (remote) => {
    // biome-ignore lint/suspicious/noExplicitAny: PouchDB bundled by the test, untyped here.
    const P = (globalThis as any).__TestPouch;
    return navigator.locks.request('touchbase-sync', async () => {
      const fresh = new P('touchbase-team', { adapter: 'indexeddb' });
      const old = new P('touchbase-sync', { adapter: 'idb' });
      await fresh.replicate.to(old);
      const server = new P(remote.url, {
        skip_setup: true,
        auth: { username: remote.username, password: remote.password },
      });
      const pulled = await old.replicate.from(server);
      const info = await old.info();
      const ids: string[] = (await old.allDocs()).rows.map((r: { id: string }) => r.id);
      const checkpoints = (
        await old.allDocs({ startkey: '_local/', endkey: '_local/\uffff' }).catch(() => ({ rows: [] }))
      ).rows.length;
      await old.close();
      await fresh.destroy();
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('touchbase');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('meta', 'readwrite');
        tx.objectStore('meta').put({ key: 'sync.seq', value: info.update_seq });
        tx.objectStore('meta').delete('sync.copy');
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return { ids, docCount: info.doc_count as number, pulled: pulled.docs_written as number, checkpoints };
    });
  }, remote);
}

const pouchDatabases = (sw: Worker) =>
  sw.evaluate(async () =>
    (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('_pouch_')),
  );

test("an older idb copy is moved once: nothing B had is downloaded again or lost, Ana's new lead arrives, the old copy is gone", async ({
  context,
  extensionId,
}) => {
  const timeZone = daytimeZone();
  const a = await teamDashboard(context, extensionId, server, { name: 'Ana', timeZone });
  await enrolLead(a, 'Ada', timeZone);
  await enrolLead(a, 'Bo', timeZone);
  await sendFromPage(a, 'sync.connect', teamSetup(server, 'ana', 'Ana'));

  const b = await teammate(server);
  try {
    const sw = b.worker;
    const { page: pb } = await joinTeam(b.context, b.id, server, { username: 'ben', name: 'Ben', timeZone });
    type Contact = { firstName: string };
    type Act = { at: number; kind: string; text?: string };
    expect((await rowsOf<Contact>(pb, 'contacts')).map((c) => c.firstName).sort()).toEqual(['Ada', 'Bo']);
    const actsBefore = (await rowsOf<Act>(pb, 'activities')).length;
    expect(await pouchDatabases(sw)).toEqual(['_pouch_touchbase-team']);

    const old = await makeOldCopy(sw, { url: `${server.url}/team`, username: 'ben', password: 'ben-pw' });
    // The old copy holds everything B had and keeps its checkpoint. An older version's copy held
    // teammates' activities too, which B's copy now leaves out (lib/sync/uncopied.ts): the old one
    // takes exactly those from the server, and nothing else was left to pull.
    expect(old.docCount).toBeGreaterThanOrEqual(6);
    expect(old.pulled).toBe(actsBefore);
    expect(await pouchDatabases(sw)).toEqual(['_pouch_touchbase-sync']);

    // Ana adds a lead: the only documents B has not got.
    await enrolLead(a, 'Cy', timeZone);
    await sendFromPage(a, 'sync.now', {});

    // What B's worker asks the server for, document by document.
    const fetched: string[] = [];
    await b.context.route(`${server.url}/**`, (route) => {
      const req = route.request();
      const path = new URL(req.url()).pathname.split('/').filter(Boolean).map(decodeURIComponent);
      if (path[1] === '_bulk_get') {
        const body = JSON.parse(req.postData() ?? '{}') as { docs?: { id: string }[] };
        fetched.push(...(body.docs ?? []).map((d) => d.id));
      } else if (req.method() === 'GET' && path.length >= 2 && !path[1]?.startsWith('_'))
        fetched.push(path.slice(1).join('/'));
      return route.continue();
    });
    const logs: string[] = [];
    sw.on('console', (m) => logs.push(m.text()));

    const status = await sendFromPage<{ state: string }>(pb, 'sync.now', {});
    expect(status.state).toBe('ok');
    await expect
      .poll(() => logs.join('\n'))
      .toContain(`${old.docCount} documents moved to the new local copy`);

    // Nothing B had came down again; Ana's new lead did.
    expect(fetched.filter((id) => old.ids.includes(id))).toEqual([]);
    expect(fetched.length).toBeGreaterThan(0);
    // Nothing lost, nothing twice: every contact once, every activity as on Ana's side.
    expect((await rowsOf<Contact>(pb, 'contacts')).map((c) => c.firstName).sort()).toEqual([
      'Ada',
      'Bo',
      'Cy',
    ]);
    const log = async (p: Page) =>
      (await rowsOf<Act>(p, 'activities')).map((x) => `${x.at}|${x.kind}|${x.text ?? ''}`).sort();
    expect(await log(pb)).toEqual(await log(a));
    expect((await log(pb)).length).toBeGreaterThan(actsBefore);
    // The apply went on from where the old feed ended: only Ana's new documents were applied.
    const run = logs.find((l) => /sync \(click\): \d+ sent, \d+ applied/.test(l)) ?? '';
    const applied = Number(/(\d+) applied/.exec(run)?.[1]);
    expect(applied).toBe(fetched.length);
    // The old copy is gone, the move is recorded, and the next run moves nothing.
    expect(await pouchDatabases(sw)).toEqual(['_pouch_touchbase-team']);
    const moved = await sw.evaluate(
      () =>
        new Promise<unknown>((resolve, reject) => {
          const req = indexedDB.open('touchbase');
          req.onsuccess = () => {
            const get = req.result.transaction('meta').objectStore('meta').get('sync.copy');
            get.onsuccess = () => {
              resolve((get.result as { value?: unknown } | undefined)?.value);
              req.result.close();
            };
            get.onerror = () => reject(get.error);
          };
          req.onerror = () => reject(req.error);
        }),
    );
    expect(moved).toBe('indexeddb');
    logs.length = 0;
    await sendFromPage(pb, 'sync.now', {});
    expect(logs.join('\n')).not.toContain('documents moved');
  } finally {
    await b.close();
  }
});
