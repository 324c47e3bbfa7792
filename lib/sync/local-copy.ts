/**
 * Where the worker keeps its local copy of the team's documents, and the one move an older
 * copy needs.
 *
 * The copy used to live under PouchDB's `idb` adapter, which writes two rows for each document
 * (the document's revision tree, and its body by sequence) and reads both again for each change
 * it lists. It now lives under PouchDB's `indexeddb` adapter: one row per document, and its
 * changes feed is one index walk. A rep who already has a copy under the old adapter gets
 * everything in it moved across once, by PouchDB's own replication between the two local
 * databases (every revision, conflicts included), before a run does anything else; then the old
 * one is deleted. The replication checkpoints with the server are not moved (they name the old
 * database), so the next pull checks the server's feed from the start once: documents the copy
 * already holds are not downloaded again.
 */
import type { TouchbaseDb } from '@/lib/db';
import { META_SEQ } from './engine';

/** `meta` row saying which adapter holds this device's copy (absent: the old `idb` one, if any). */
export const COPY_KEY = 'sync.copy';
export const COPY_ADAPTER = 'indexeddb';

/** What the move calls on a local PouchDB. */
export interface MovableCopy {
  info(): Promise<Record<string, unknown>>;
  replicate: {
    to(target: never, opts?: { batch_size?: number; batches_limit?: number }): PromiseLike<unknown>;
  };
  destroy(): Promise<unknown>;
}

export async function copyMoved(db: TouchbaseDb): Promise<boolean> {
  return (await db.meta.get(COPY_KEY))?.value === COPY_ADAPTER;
}

/**
 * Moves everything `older` holds into `copy` (no older copy: nothing to move) and records that
 * it is done. The apply checkpoint counted the older copy's changes feed: when everything in it
 * had been applied the checkpoint moves to the end of the new feed; otherwise it starts over,
 * and applying a document again changes nothing (contacts field by field, activities by their
 * global id, sequences replaced whole). Answers how many documents were moved.
 */
export async function moveLocalCopy(
  db: TouchbaseDb,
  older: MovableCopy | undefined,
  copy: MovableCopy,
): Promise<number> {
  let moved = 0;
  let seq: number | string = 0;
  if (older) {
    const before = await older.info();
    moved = Number(before.doc_count ?? 0);
    await older.replicate.to(copy as never, { batch_size: 2_000, batches_limit: 3 });
    const applied = (await db.meta.get(META_SEQ))?.value;
    const all = applied !== undefined && applied === before.update_seq;
    seq = all ? ((await copy.info()).update_seq as number | string) : 0;
  }
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: META_SEQ, value: seq });
    await db.meta.put({ key: COPY_KEY, value: COPY_ADAPTER });
  });
  // Everything is in the new copy and recorded: the old one can go (if this fails, it only
  // takes disk space; it is never read again).
  await older?.destroy().catch(() => undefined);
  return moved;
}
