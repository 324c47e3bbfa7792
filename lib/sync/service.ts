/**
 * Team sync in the background service worker: one run at a time (a Web Lock, so an alarm, the
 * browser coming back online and a click never overlap, with nothing kept in memory), PouchDB's
 * browser build for the local store and the server, and the status the pages show.
 */
import IndexedDbAdapter from 'pouchdb-adapter-indexeddb';
import PouchDB, { type PouchDatabase } from 'pouchdb-browser';
import {
  claimUnowned,
  getDb,
  OUTBOX_VERSION,
  SYNC_ON_KEY,
  SYNC_SEEDED_KEY,
  type TouchbaseDb,
} from '@/lib/db';
import { queueEverything, type SyncContext, type SyncProgress } from './engine';
import { COPY_ADAPTER, copyMoved, type MovableCopy, moveLocalCopy } from './local-copy';
import { fetchDocs, pull } from './pull';
import { checkInfo, describeSyncError, type SyncFailure, type SyncRemote, syncOnce } from './run';
import { UNCOPIED_KEY } from './uncopied';
import {
  type CheckedSetup,
  newReplicaId,
  type SyncConfig,
  type SyncStatus,
  syncConfig,
  syncStatus,
} from './setup';

PouchDB.plugin(IndexedDbAdapter);

/** The local PouchDB that replicates with the team's server (lib/sync/local-copy.ts). */
export const LOCAL_COPY = 'touchbase-team';
/** The same copy as it was kept before, under PouchDB's `idb` adapter: moved once, then deleted. */
const OLD_COPY = 'touchbase-sync';
const LOCK = 'touchbase-sync';
/** How long Connect waits for the first run before answering that it is still going. */
const CONNECT_ANSWER_MS = 45_000;

function remoteFor(cfg: Pick<SyncConfig, 'url' | 'database' | 'username' | 'password'>) {
  return new PouchDB(`${cfg.url}/${encodeURIComponent(cfg.database)}`, {
    skip_setup: true,
    auth: { username: cfg.username, password: cfg.password },
  });
}

/**
 * Documents per replication batch: each batch is a changes request, a revs_diff, a _bulk_get and
 * one local write, plus a checkpoint written on both sides, so a team's first sync of 120,000
 * documents takes 60 round trips of each instead of 240 at 500. Pages stay a few MB.
 */
const REPLICATION_BATCH = 2_000;
/** Batches of changes read ahead while one is written (PouchDB's default is 10). */
const REPLICATION_AHEAD = 3;

function remoteOf(local: PouchDatabase, cfg: SyncConfig): SyncRemote {
  const remote = remoteFor(cfg);
  return {
    check: async () => checkInfo(await remote.info()),
    streams: true,
    replicate: async (progress, denied, received, room, out) => {
      const sent = (await local.replicate.to(remote, {
        batch_size: REPLICATION_BATCH,
        batches_limit: REPLICATION_AHEAD,
      })) as { errors?: { id?: string; name?: string }[] } | undefined;
      // What the server holds beyond this copy and the teammates' activities kept without one: the
      // total of a first sync (CouchDB 2+ also sends `pending` with each batch, which is exact).
      const [mine, theirs, uncopied] = await Promise.all([
        local.info(),
        remote.info(),
        getDb().meta.get(UNCOPIED_KEY),
      ]);
      const beyond = Number(theirs.doc_count) - Number(mine.doc_count) - Number(uncopied?.value ?? 0);
      // Its own server object: the pull's checks and downloads start early (lib/sync/pull.ts).
      await pull(local, remoteFor(cfg), {
        batchSize: REPLICATION_BATCH,
        ahead: REPLICATION_AHEAD,
        // A large pull (a new rep's first) takes most documents from the feed itself; a small
        // one does not ask for bodies of documents this copy mostly holds already.
        bodies: beyond >= REPLICATION_BATCH,
        progress: (info) => {
          const total =
            info.pending !== undefined
              ? info.docs_written + info.pending
              : beyond >= info.docs_written
                ? beyond
                : undefined;
          progress?.({ done: info.docs_written, total });
        },
        received,
        room,
        out,
      });
      // A document the server's validate_doc_update refused (PouchDB's 'denied'): the run says so.
      const refused = (sent?.errors ?? [])
        .filter((e) => /^(forbidden|unauthorized)$/i.test(e.name ?? '') && typeof e.id === 'string')
        .map((e) => e.id as string);
      if (refused.length) denied?.(refused);
    },
    fetch: (ids) => fetchDocs(remote, ids),
  };
}

/**
 * Writes the progress of a long run into the status at most every `everyMs` (each write is an
 * extension API call, which also keeps the worker awake through a long first sync).
 */
function progressWriter(base: SyncStatus, everyMs = 500) {
  let last = 0;
  let writing: Promise<void> = Promise.resolve();
  return {
    report(p: SyncProgress) {
      const now = Date.now();
      if (now - last < everyMs) return;
      last = now;
      writing = writing.then(() => syncStatus.setValue({ ...base, progress: p })).catch(() => undefined);
    },
    /** Waits for the last write, so the run's final status is never overwritten by a late one. */
    done: () => writing,
  };
}

async function pendingCount(db: TouchbaseDb): Promise<number> {
  return db.verno >= OUTBOX_VERSION ? db.outbox.count() : 0;
}

/**
 * Tries the server with these settings before anything is kept: a wrong password or a database
 * without access comes back as a failure and sync stays as it was. On success the settings are
 * kept, existing data is queued once for the first push, and a first run starts.
 */
export async function connect(
  setup: CheckedSetup,
  now: number,
  afterLongRun?: () => Promise<unknown>,
): Promise<{ status: SyncStatus } | { failure: SyncFailure }> {
  const where = { url: setup.url, database: setup.database };
  try {
    checkInfo(await remoteFor(setup).info());
  } catch (err) {
    return { failure: describeSyncError(err, where) };
  }
  const prev = await syncConfig.getValue();
  const cfg: SyncConfig = { ...setup, enabled: true, replica: prev?.replica ?? newReplicaId() };
  await syncConfig.setValue(cfg);
  const db = getDb();
  await db.meta.put({ key: SYNC_ON_KEY, value: 1 });
  // Every contact has an owner: the rep's own ones become theirs (recorded, so pushed).
  await claimUnowned(db, { id: cfg.replica, name: cfg.repName }, now);
  if (!(await db.meta.get(SYNC_SEEDED_KEY))) {
    await queueEverything(db, now);
    await db.meta.put({ key: SYNC_SEEDED_KEY, value: now });
  }
  // A large team's first sync can outlast the message: Chrome ends a worker whose event goes
  // unanswered for five minutes, so past a while the answer is "syncing" and the run goes on
  // (its progress in the status, which Settings and the popup follow). Once it ends, what it
  // brought is recounted on the badge by `afterLongRun`, since no message's end does it then.
  let answered = false;
  const first = runSync('setup').then(async (status) => {
    if (answered) await afterLongRun?.().catch(() => undefined);
    return status;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = new Promise<SyncStatus>((resolve) => {
    timer = setTimeout(() => void syncStatus.getValue().then(resolve), CONNECT_ANSWER_MS);
  });
  const status = await Promise.race([first, later]);
  clearTimeout(timer);
  answered = true;
  return { status };
}

/** Turns sync off: nothing more is recorded or sent; the password is forgotten. */
export async function disconnect(): Promise<SyncStatus> {
  const cfg = await syncConfig.getValue();
  if (cfg) await syncConfig.setValue({ ...cfg, enabled: false, password: '' });
  const db = getDb();
  await db.transaction('rw', db.meta, db.outbox, async () => {
    await db.meta.delete(SYNC_ON_KEY);
    // Turning it on again queues everything afresh.
    await db.meta.delete(SYNC_SEEDED_KEY);
    await db.outbox.clear();
  });
  const status: SyncStatus = { state: 'off', pending: 0 };
  await syncStatus.setValue(status);
  return status;
}

/** Whether IndexedDB holds a database of this name (asked only when the API exists). */
async function hasDatabase(name: string): Promise<boolean> {
  if (typeof indexedDB.databases !== 'function') return true;
  return (await indexedDB.databases()).some((d) => d.name === name);
}

/** This device's copy of the team's documents, an older copy moved into it first. */
async function openLocalCopy(db: TouchbaseDb): Promise<PouchDatabase> {
  const copy = new PouchDB(LOCAL_COPY, { adapter: COPY_ADAPTER });
  if (!(await copyMoved(db))) {
    // PouchDB names its IndexedDB databases `_pouch_<name>`.
    const older = (await hasDatabase(`_pouch_${OLD_COPY}`))
      ? new PouchDB(OLD_COPY, { adapter: 'idb' })
      : undefined;
    const moved = await moveLocalCopy(
      db,
      older as unknown as MovableCopy | undefined,
      copy as unknown as MovableCopy,
    );
    if (older) console.info(`[touchbase] sync: ${moved} documents moved to the new local copy`);
  }
  return copy;
}

/**
 * The rep's **Sync now**: a run, after the one going on if there is one. That run may be past its
 * push already, so what the rep just did would wait for the next alarm (a click answered with the
 * other run's status looked done and was not). Answers after a while with the status, the run
 * going on, as Connect does (Chrome ends a worker whose message waits five minutes); `afterLongRun`
 * then recounts once it ends.
 */
export async function syncNow(afterLongRun?: () => Promise<unknown>): Promise<SyncStatus> {
  let answered = false;
  const run = runSync('click', { wait: true }).then(async (status) => {
    if (answered) await afterLongRun?.().catch(() => undefined);
    return status;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = new Promise<SyncStatus>((resolve) => {
    timer = setTimeout(() => void syncStatus.getValue().then(resolve), CONNECT_ANSWER_MS);
  });
  const status = await Promise.race([run, later]);
  clearTimeout(timer);
  answered = true;
  return status;
}

/**
 * One run, unless one is already going: then that run's status (the alarm, the browser coming
 * back online), or with `wait` a run of its own once that one ends. Never throws: the status says.
 */
export async function runSync(reason: string, opts: { wait?: boolean } = {}): Promise<SyncStatus> {
  const cfg = await syncConfig.getValue();
  if (!cfg?.enabled) return syncStatus.getValue();
  const go = async (): Promise<SyncStatus> => {
    const db = getDb();
    const before = await syncStatus.getValue();
    const syncing: SyncStatus = { ...before, state: 'syncing', pending: await pendingCount(db) };
    delete syncing.progress;
    await syncStatus.setValue(syncing);
    let local: PouchDatabase | undefined;
    const progress = progressWriter(syncing);
    const timings: string[] = [];
    const ctx: Omit<SyncContext, 'local'> = {
      db,
      replica: cfg.replica,
      user: cfg.username,
      now: () => Date.now(),
      progress: (p) => progress.report(p),
      timed: (step, ms) => timings.push(`${step} ${ms} ms`),
    };
    let status: SyncStatus;
    try {
      // Contacts added since (an import) are this rep's leads.
      await claimUnowned(db, { id: cfg.replica, name: cfg.repName }, Date.now());
      local = await openLocalCopy(db);
      const report = await syncOnce({ ...ctx, local }, remoteOf(local, cfg));
      console.info(
        `[touchbase] sync (${reason}): ${report.pushed} sent, ${report.applied} applied; ${timings.join(', ')}`,
      );
      status = {
        state: 'ok',
        lastSyncedAt: Date.now(),
        lastRunAt: Date.now(),
        pending: await pendingCount(db),
        ...(report.refused ? { refused: report.refused } : {}),
      };
    } catch (err) {
      console.warn(`[touchbase] sync (${reason}) failed`, err);
      status = {
        ...syncing,
        state: 'error',
        lastRunAt: Date.now(),
        pending: await pendingCount(db),
        error: describeSyncError(err, { url: cfg.url, database: cfg.database }),
      };
    } finally {
      await local?.close().catch(() => undefined);
    }
    delete status.progress;
    await progress.done();
    await syncStatus.setValue(status);
    return status;
  };
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return go();
  const res = await locks.request(LOCK, opts.wait ? {} : { ifAvailable: true }, async (lock) =>
    lock ? go() : undefined,
  );
  return res ?? syncStatus.getValue();
}
