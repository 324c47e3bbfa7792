/**
 * The pull of one run: PouchDB's replication from the server into the local copy, with the
 * changes this project makes to how it runs (each undone when the pull ends):
 * - checks and downloads started ahead (`readAhead`, lib/sync/read-ahead.ts);
 * - each batch written only once the apply has room for it (`holdWrites`);
 * - teammates' activities handed to the apply instead of written into the copy, the checkpoint
 *   waiting for them (`keepActivitiesOut`, lib/sync/uncopied.ts);
 * - each batch written handed on, with which of its documents the copy did not hold before.
 * The worker (lib/sync/service.ts) and the unit tests pull through this one function.
 */
import type { PouchDatabase } from 'pouchdb-browser';
import { holdWrites, type ReadAheadSource, type ReadAheadTarget, readAhead } from './read-ahead';
import { type KeepOut, type KeepOutTarget, keepActivitiesOut } from './uncopied';

/** What PouchDB tells after each batch it writes. */
export interface PullInfo {
  docs_written: number;
  pending?: number;
  docs?: object[];
}

export interface PullOptions {
  batchSize: number;
  /** Batches of changes read ahead while one is written. */
  ahead?: number;
  /** Ask the changes feed for the documents themselves (a large pull: see `readAhead`). */
  bodies?: boolean;
  /** Told after each batch written. */
  progress?: (info: PullInfo) => void;
  /** Handed each batch written, and which of its documents the copy did not hold at all. */
  received?: (docs: object[], absentBefore: (id: string) => boolean) => void;
  /** The apply has room for one more batch (see `holdWrites`). */
  room?: () => Promise<void>;
  /** Teammates' activities may stay out of the copy (see `keepActivitiesOut`). */
  out?: KeepOut;
}

export async function pull(local: PouchDatabase, source: PouchDatabase, opts: PullOptions): Promise<void> {
  const absent = new Set<string>();
  const isAbsent = (id: string) => absent.has(id);
  const target = local as unknown as ReadAheadTarget & KeepOutTarget;
  const restore = readAhead(source as unknown as ReadAheadSource, target, absent, { bodies: opts.bodies });
  const restoreRoom = opts.room ? holdWrites(target, opts.room) : () => undefined;
  const restoreOut = opts.out
    ? keepActivitiesOut(target, source as unknown as KeepOutTarget, isAbsent, opts.out)
    : () => undefined;
  try {
    // (PouchDB's replication is a thenable without `finally`.)
    await Promise.resolve(
      local.replicate
        .from(source, { batch_size: opts.batchSize, batches_limit: opts.ahead })
        .on('change', (info) => {
          opts.progress?.(info);
          // The batch just written, handed on as it is: the apply saves it without reading it back.
          if (info.docs?.length) opts.received?.(info.docs, isAbsent);
        }),
    );
  } finally {
    restoreOut();
    restoreRoom();
    restore();
  }
}

/** The server's current version of these documents, absent ones left out. */
export async function fetchDocs(remote: PouchDatabase, ids: string[]): Promise<object[]> {
  const got = await remote.allDocs({ keys: ids, include_docs: true });
  return got.rows.flatMap((r) => (r?.doc ? [r.doc as object] : []));
}
