/**
 * One sync run and what a rep reads about it: the server is asked first (so a wrong password or a
 * database without access gets its own message and nothing moves), then push, replicate, apply.
 */
import { pushAssignDocs } from './assign-sync';
import { applyChanges, pushOutbox, type SyncContext } from './engine';

/** Why a run failed, in words a rep can act on. */
export type SyncErrorCode = 'unauthorized' | 'forbidden' | 'not-found' | 'unreachable' | 'failed';

export interface SyncFailure {
  code: SyncErrorCode;
  message: string;
}

/** CouchDB's (or the network's) error -> what the rep reads. */
export function describeSyncError(err: unknown, where: { url: string; database: string }): SyncFailure {
  const e = (err ?? {}) as { status?: number; name?: string; message?: string; code?: string };
  const status = typeof e.status === 'number' ? e.status : undefined;
  if (status === 401)
    return {
      code: 'unauthorized',
      message: 'The server refused this username and password (401). Check them and save again.',
    };
  if (status === 403)
    return {
      code: 'forbidden',
      message: `You are not allowed to read the database "${where.database}" (403). Ask whoever runs the server to add your user to its members.`,
    };
  if (status === 404)
    return {
      code: 'not-found',
      message: `There is no database "${where.database}" on ${where.url} (404). Check its name, or ask whoever runs the server to create it.`,
    };
  const text = `${e.name ?? ''} ${e.message ?? ''} ${e.code ?? ''}`;
  if (
    status === undefined ||
    status === 0 ||
    (status === 500 && /fetch|network|ECONNREFUSED|ECONNRESET|socket/i.test(text)) ||
    /Failed to fetch|NetworkError|fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT/i.test(text)
  )
    return {
      code: 'unreachable',
      message: `Could not reach ${where.url}. Check the address and your connection; changes are kept and sent at the next sync.`,
    };
  return {
    code: 'failed',
    message: `The sync stopped: ${e.message || `server answered ${status}`}. Changes are kept and sent at the next sync.`,
  };
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
  /** One-shot replication both ways between the local PouchDB and the server. */
  replicate(): Promise<void>;
}

export interface SyncReport {
  pushed: number;
  applied: number;
}

/** One whole run; throws what `describeSyncError` turns into words. */
export async function syncOnce(ctx: SyncContext, remote: SyncRemote): Promise<SyncReport> {
  await remote.check();
  const { pushed } = await pushOutbox(ctx);
  await pushAssignDocs(ctx);
  await remote.replicate();
  const { applied, resolved } = await applyChanges(ctx);
  // Conflicts resolved here go to the server now, so other replicas meet the merged version
  // rather than resolving the same conflict themselves.
  if (resolved) await remote.replicate();
  return { pushed, applied };
}
