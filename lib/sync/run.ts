/**
 * One sync run and what a rep reads about it: the server is asked first (so a wrong password or a
 * database without access gets its own message and nothing moves), then push, replicate, apply.
 */
import { pushAssignDocs } from './assign-sync';
import { applyChanges, pushOutbox, type SyncContext, type SyncProgress } from './engine';
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
  replicate(progress?: (p: Omit<SyncProgress, 'phase'>) => void): Promise<void>;
}

export interface SyncReport {
  pushed: number;
  applied: number;
}

/** How long the apply waits for the next replicated batch before looking at the feed anyway. */
const APPLY_POLL_MS = 250;

/**
 * One whole run; throws what `describeSyncError` turns into words. What the server sends is
 * saved into Dexie while the rest is still coming: the apply reads PouchDB's changes feed (page
 * by page, each with its checkpoint) as the replication writes it, so a large first sync waits
 * for the slower of the two instead of both one after the other.
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
  };
  ctx = summed;
  await step('check', () => remote.check());
  const { pushed } = await step('push', () => pushOutbox(ctx));
  await pushAssignDocs(ctx);
  let receiving = true;
  let wake: () => void = () => undefined;
  const t0 = Date.now();
  const replicated = remote
    .replicate((p) => {
      ctx.progress?.({ phase: 'receiving', ...p });
      wake();
    })
    .finally(() => {
      receiving = false;
      outer?.('replicate', Date.now() - t0);
      wake();
    });
  // While documents arrive the progress line speaks of receiving; saving is told once they are in.
  const quiet: SyncContext = { ...ctx, progress: (p) => (receiving ? undefined : ctx.progress?.(p)) };
  let applied = 0;
  let resolved = 0;
  const applying = (async () => {
    while (receiving) {
      const r = await applyChanges(quiet);
      applied += r.applied;
      resolved += r.resolved;
      if (!receiving) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, APPLY_POLL_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  // A failed replication stops the run, once the page being saved is in.
  const [rep, app] = await Promise.allSettled([replicated, applying]);
  if (rep.status === 'rejected') throw rep.reason;
  if (app.status === 'rejected') throw app.reason;
  const last = await step('apply', () => applyChanges(quiet));
  applied += last.applied;
  resolved += last.resolved;
  // Conflicts resolved here go to the server now, so other replicas meet the merged version
  // rather than resolving the same conflict themselves.
  if (resolved) await step('replicate again', () => remote.replicate());
  for (const [name, ms] of sums) outer?.(name, ms);
  return { pushed, applied };
}
