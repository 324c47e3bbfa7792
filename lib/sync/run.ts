/**
 * One sync run and what a rep reads about it: the server is asked first (so a wrong password or a
 * database without access gets its own message and nothing moves), then push, replicate, apply.
 */
import { pushAssignDocs } from './assign-sync';
import { ContactKeys } from './contact-keys';
import type { LibraryDoc } from './docs';
import {
  applyChanges,
  applyReceived,
  markApplied,
  pushOutbox,
  type SyncContext,
  type SyncProgress,
} from './engine';
import { type KeepOut, UNCOPIED_KEY } from './uncopied';
import { KEEP_LIMIT } from '@/lib/db/due-keep';
import { englishText, type Msg, msg } from '@/lib/i18n/msg';

/** Why a run failed, in words a rep can act on. */
export type SyncErrorCode = 'unauthorized' | 'forbidden' | 'not-found' | 'unreachable' | 'failed';

export interface SyncFailure {
  code: SyncErrorCode;
  /** What the rep reads, as data: render it where it is shown (a status stored before has none). */
  msg?: Msg;
  /** The same in English (logs, and statuses stored before messages had keys). */
  message: string;
}

function failure(code: SyncErrorCode, m: Msg): SyncFailure {
  return { code, msg: m, message: englishText(m) };
}

/** CouchDB's (or the network's) error -> what the rep reads. */
export function describeSyncError(err: unknown, where: { url: string; database: string }): SyncFailure {
  const e = (err ?? {}) as { status?: number; name?: string; message?: string; code?: string };
  const status = typeof e.status === 'number' ? e.status : undefined;
  if (status === 401) return failure('unauthorized', msg('sync_err_unauthorized'));
  if (status === 403) return failure('forbidden', msg('sync_err_forbidden', { database: where.database }));
  if (status === 404)
    return failure('not-found', msg('sync_err_not_found', { database: where.database, url: where.url }));
  const text = `${e.name ?? ''} ${e.message ?? ''} ${e.code ?? ''}`;
  if (
    status === undefined ||
    status === 0 ||
    (status === 500 && /fetch|network|ECONNREFUSED|ECONNRESET|socket/i.test(text)) ||
    /Failed to fetch|NetworkError|fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT/i.test(text)
  )
    return failure('unreachable', msg('sync_err_unreachable', { url: where.url }));
  // The server's own words, when it gave any, are passed on as they are.
  return failure(
    'failed',
    msg('sync_err_failed', {
      reason: e.message || msg('sync_err_server_answered', { status: String(status) }),
    }),
  );
}

/**
 * PouchDB's `info()` on a remote database answers CouchDB's refusals as a body
 * (`{error: 'unauthorized'}`) instead of throwing: this turns them into the error they are.
 */
export function checkInfo(info: unknown): void {
  const e = (info ?? {}) as { error?: unknown; reason?: unknown };
  if (typeof e.error !== 'string') return;
  const status =
    e.error === 'unauthorized' ? 401 : e.error === 'forbidden' ? 403 : e.error === 'not_found' ? 404 : 500;
  throw Object.assign(new Error(typeof e.reason === 'string' ? e.reason : e.error), {
    status,
    name: e.error,
  });
}

export interface SyncRemote {
  /** Reads the database's info: throws CouchDB's 401/403/404 or a network error. */
  check(): Promise<void>;
  /**
   * One-shot replication both ways between the local PouchDB and the server; `progress` hears
   * how many documents came from the server so far (and of how many, when it can tell).
   */
  replicate(
    progress?: (p: Omit<SyncProgress, 'phase'>) => void,
    /**
     * Told of documents the server refused to take (CouchDB's `forbidden`/`unauthorized` per
     * document, from a `validate_doc_update` such as couchdb/validate_doc_update.js), by id.
     */
    denied?: (ids: string[]) => void,
    /**
     * Handed each batch of documents the pull has just written into the local copy (PouchDB's
     * `change` event), with which of them the copy did not hold at all before that batch.
     */
    received?: (docs: object[], absentBefore: (id: string) => boolean) => void,
    /**
     * Resolves when the apply can take another batch: the pull waits for it before each batch
     * it writes, so received batches never pile up in memory faster than they are saved.
     */
    room?: () => Promise<void>,
    /**
     * Given when the run keeps received batches in hand: the pull may then leave teammates'
     * activities out of the local copy (lib/sync/uncopied.ts), its checkpoint waiting for them.
     */
    out?: KeepOut,
  ): Promise<void>;
  /** `replicate` hands on every batch it writes into the local copy (`received`). */
  streams?: boolean;
  /** The server's current version of these documents (absent ones left out). */
  fetch?(ids: string[]): Promise<object[]>;
}

export interface SyncReport {
  pushed: number;
  applied: number;
  /** Shared playbooks or templates the server refused to take out, put back as it has them. */
  refused?: number;
}

/**
 * The server kept a shared playbook or template this replica tried to stop sharing or delete
 * (only its author's CouchDB user may: couchdb/validate_doc_update.js). Nothing is lost: the
 * server's version is written here on top of the refused one, so the library has it again after
 * this run's apply, and the next replication sends that version back to the server, which takes
 * it (it changes nothing there). A refusal of anything else is left as it is: PouchDB already
 * moved on, and the next edit tries again. Answers how many were put back.
 */
async function restoreRefused(ctx: SyncContext, remote: SyncRemote, denied: string[]): Promise<number> {
  const ids = [...new Set(denied)].filter((id) => /^(playbook|template):/.test(id));
  if (!ids.length || !remote.fetch) return 0;
  const theirs = (await remote.fetch(ids)) as LibraryDoc[];
  const mine = await ctx.local.allDocs({ keys: theirs.map((d) => d._id), include_docs: true });
  const writes: object[] = [];
  theirs.forEach((server, i) => {
    const row = mine.rows[i];
    const local = row?.doc as LibraryDoc | undefined;
    const rev = (row as { value?: { rev?: string } } | undefined)?.value?.rev;
    if (!rev) return;
    const f = local?.fields ?? {};
    const author = (d: LibraryDoc | undefined) => JSON.stringify(d?.fields?.author?.v ?? null);
    // Only what the server's rule refused: a tombstone, or another author. A refused deletion of a
    // conflict's losing revision (a teammate tidying up) leaves this copy as it is.
    if (!local?._deleted && f.deleted?.v !== true && author(local) === author(server)) return;
    const {
      _rev: _r,
      _revisions: _h,
      by: _by,
      ...body
    } = server as LibraryDoc & {
      _revisions?: unknown;
      by?: string;
    };
    // No `by`: the apply skips this replica's own writes, and this one must reach the library.
    writes.push({ ...body, _rev: rev });
  });
  if (writes.length) await ctx.local.bulkDocs(writes);
  return writes.length;
}

/** How long the apply waits for the next replicated batch before looking at the feed anyway. */
const APPLY_POLL_MS = 250;
/**
 * Received batches (2,000 documents each) that may wait for the apply: the pull holds its next
 * write until there is room (`room`). A remote that writes on regardless past twice as many
 * makes the run stop keeping them and read PouchDB's feed instead, so a slow apply never holds
 * the whole team in memory.
 */
const MAX_WAITING_BATCHES = 3;

/**
 * One whole run; throws what `describeSyncError` turns into words. What the server sends is
 * saved into Dexie while the rest is still coming, so a large first sync waits for the slower of
 * the two instead of both one after the other. With a remote that `streams`, each replicated
 * batch is applied from its documents in hand (`applyReceived`), after what the feed already
 * held (a run stopped before, this run's own push) is applied from the checkpoint; once the
 * pull is in and applied, the checkpoint moves to the copy's sequence then. Otherwise the apply
 * reads PouchDB's changes feed (page by page, each with its checkpoint) as the replication
 * writes it.
 */
export async function syncOnce(ctx: SyncContext, remote: SyncRemote): Promise<SyncReport> {
  const outer = ctx.timed;
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const out = await run();
    outer?.(name, Date.now() - t0);
    return out;
  };
  // The apply's own steps come page by page: summed, and told once at the end of the run.
  const sums = new Map<string, number>();
  const summed: SyncContext = {
    ...ctx,
    timed: ctx.timed && ((name, ms) => sums.set(name, (sums.get(name) ?? 0) + ms)),
    known: ctx.known ?? new Map(),
    contactKeys: ctx.contactKeys ?? new ContactKeys(),
    keepBudget: ctx.keepBudget ?? { left: KEEP_LIMIT },
    fetchRemote: ctx.fetchRemote ?? remote.fetch?.bind(remote),
  };
  // No teammate's activity stored here without a copy yet: those this pull leaves out are new.
  summed.uncopiedNew = summed.uncopiedNew ?? !(await ctx.db.meta.get(UNCOPIED_KEY));
  ctx = summed;
  await step('check', () => remote.check());
  const { pushed } = await step('push', () => pushOutbox(ctx));
  await pushAssignDocs(ctx);
  let receiving = true;
  let wake: () => void = () => undefined;
  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, APPLY_POLL_MS);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  // While documents arrive the progress line speaks of receiving; saving is told once they are in.
  const quiet: SyncContext = { ...ctx, progress: (p) => (receiving ? undefined : ctx.progress?.(p)) };
  let applied = 0;
  let resolved = 0;
  const add = (r: { applied: number; resolved: number }) => {
    applied += r.applied;
    resolved += r.resolved;
  };
  // Batches in hand, in the order they were written (numbered); `null` once they no longer all are.
  type Batch = { docs: object[]; absent: (id: string) => boolean; n: number; out: boolean };
  let waiting: Batch[] | null = null;
  if (remote.streams) {
    add(await applyChanges(quiet));
    waiting = [];
  }
  let applyEnded = false;
  const roomWaiters: (() => void)[] = [];
  const freeRoom = () => {
    for (const w of roomWaiters.splice(0)) w();
  };
  const room = async () => {
    while (waiting && !applyEnded && waiting.length >= MAX_WAITING_BATCHES)
      await new Promise<void>((resolve) => roomWaiters.push(resolve));
  };
  // Batches handed on and saved, by number; those handed on with a document left out of the copy.
  let handed = 0;
  let saved = 0;
  const outBatches: number[] = [];
  let applyFailed: { reason: unknown } | undefined;
  const settledWaiters: { n: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const tellSettled = () => {
    for (const w of settledWaiters.splice(0)) {
      if (applyFailed) w.reject(applyFailed.reason);
      else if (saved >= w.n) w.resolve();
      else settledWaiters.push(w);
    }
  };
  const out: KeepOut | undefined = waiting
    ? {
        active: () => !!waiting && !applyEnded,
        ids: new Set(),
        unsaved: () => outBatches.filter((n) => n > saved).length,
        later: new Map(),
        settled: () =>
          new Promise<void>((resolve, reject) => {
            settledWaiters.push({ n: outBatches.at(-1) ?? 0, resolve, reject });
            tellSettled();
          }),
      }
    : undefined;
  const t0 = Date.now();
  const denied: string[] = [];
  let receivedDocs = 0;
  const replicated = remote
    .replicate(
      (p) => {
        ctx.progress?.({ phase: 'receiving', ...p });
        wake();
      },
      (ids) => denied.push(...ids),
      (docs, absent) => {
        if (!waiting) return;
        const n = ++handed;
        const left = !!out?.ids.size && (docs as { _id: string }[]).some((d) => out.ids.has(d._id));
        if (left) {
          outBatches.push(n);
        }
        // A batch with documents left out of the copy is never let go (they are nowhere else);
        // the replicator's checkpoint waits for them, so such batches cannot pile up.
        if (!left && waiting.length >= 2 * MAX_WAITING_BATCHES && !waiting.some((b) => b.out)) waiting = null;
        else {
          waiting.push({ docs, absent, n, out: left });
          receivedDocs += docs.length;
        }
        wake();
      },
      room,
      out,
    )
    .finally(() => {
      receiving = false;
      outer?.('replicate', Date.now() - t0);
      wake();
    });
  // Documents applied from an earlier batch of this pull are in the copy: no longer absent.
  const seen = new Set<string>();
  let savedDocs = 0;
  const applying = (async () => {
    for (;;) {
      // Every batch waiting, in one page: each page's fixed round trips are paid once for them.
      const batches = waiting?.splice(0, MAX_WAITING_BATCHES) ?? [];
      freeRoom();
      if (batches.length) {
        const docs = batches.flatMap((b) => b.docs);
        // Absent from the copy before the batch that brought it (one that came twice is read back).
        const from = new Map<string, (typeof batches)[number]>();
        for (const b of batches) for (const d of b.docs as { _id: string }[]) from.set(d._id, b);
        add(
          await applyReceived(
            ctx,
            docs,
            (id) => !!from.get(id)?.absent(id) && !seen.has(id),
            out && ((id) => out.ids.has(id)),
          ),
        );
        for (const d of docs as { _id: string }[]) seen.add(d._id);
        savedDocs += docs.length;
        saved = Math.max(saved, ...batches.map((b) => b.n));
        tellSettled();
        if (!receiving) ctx.progress?.({ phase: 'saving', done: savedDocs, total: receivedDocs });
        continue;
      }
      if (!receiving) break;
      if (!waiting) add(await applyChanges(quiet));
      if (!receiving) break;
      await sleep();
    }
  })()
    .catch((reason) => {
      // Nor its checkpoint waiting for documents that will not be saved.
      applyFailed = { reason };
      throw reason;
    })
    .finally(() => {
      // A failed apply must not leave the pull waiting for room that never comes.
      applyEnded = true;
      freeRoom();
      tellSettled();
    });
  // A failed replication stops the run, once the page being saved is in.
  const [rep, app] = await Promise.allSettled([replicated, applying]);
  if (rep.status === 'rejected') throw rep.reason;
  if (app.status === 'rejected') throw app.reason;
  // Everything handed on is saved: the checkpoints put off meanwhile are made now.
  if (out) for (const write of out.later.values()) await write();
  if (waiting && ctx.local.info) {
    // Everything the copy holds now came before the pull (applied first) or in a batch applied
    // since (or is this run's own conflict resolution): the feed is applied up to here.
    await markApplied(ctx, (await ctx.local.info()).update_seq as number | string);
  }
  const refused = await restoreRefused(ctx, remote, denied);
  const last = await step('apply', () => applyChanges(quiet));
  add(last);
  // Conflicts resolved here go to the server now, so other replicas meet the merged version
  // rather than resolving the same conflict themselves.
  if (resolved || refused) await step('replicate again', () => remote.replicate());
  for (const [name, ms] of sums) outer?.(name, ms);
  return refused ? { pushed, applied, refused } : { pushed, applied };
}
