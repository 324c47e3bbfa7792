/**
 * Teammates' activities stay out of the local copy.
 *
 * The local copy (PouchDB, lib/sync/local-copy.ts) is what PouchDB's replication needs to push
 * this rep's changes and to merge conflicting revisions. An activity is written once and never
 * edited (only marked `deleted` when its own action is undone), so a teammate's activity at its
 * first revision needs neither: the pull hands it to the apply, which stores it in Dexie, and
 * the copy never holds it. On a new rep's first sync of a large team that is most of the
 * documents (100,000 activities of 120,000), and writing them into the copy as well as into
 * Dexie took as long as the rest of the run: both go to the same IndexedDB backend.
 *
 * What keeps this whole:
 * - The replicator's checkpoint (`_local/…`, written on the copy first, then on the server)
 *   never names a batch whose left-out activities are not saved in Dexie yet (put off, or
 *   waiting for the apply: see `keepActivitiesOut`), so a worker stopped mid-pull pulls again
 *   whatever was only in memory.
 * - An activity left out is new here only if no earlier run stored one without a copy
 *   (`UNCOPIED_KEY`); otherwise the apply looks its global id up, as for any document the copy
 *   held before.
 * - One whose sequence or contact has not come yet is written into the copy after all, so the
 *   apply's retry of kept-aside documents finds it there.
 * - Deleting such an activity here (its contact deleted) fetches the server's version into the
 *   copy first, so the deletion reaches the team as before (`pushOutbox`).
 */
import { parseDocId } from './docs';

/**
 * `meta` row: how many teammates' activities this device stored without a copy (absent: none,
 * so a pull's activities that the copy has never held are new here).
 */
export const UNCOPIED_KEY = 'sync.uncopied';

interface ReplicatedDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _attachments?: unknown;
  _revisions?: { start?: number; ids?: unknown[] };
}

/**
 * Whether the pull may leave this replicated document out of the copy: an activity at its first
 * and only revision (no history to merge, nothing pending), that the copy does not hold at all.
 */
export function uncopiable(doc: ReplicatedDoc, absent: (id: string) => boolean): boolean {
  if (parseDocId(doc._id)?.[0] !== 'activity') return false;
  if (doc._deleted || '_attachments' in doc || !/^1-/.test(doc._rev ?? '')) return false;
  const h = doc._revisions;
  if (h && (h.start !== 1 || (h.ids?.length ?? 0) > 1)) return false;
  return absent(doc._id);
}

/** What the run tells the pull (lib/sync/run.ts). */
export interface KeepOut {
  /** False once the run no longer keeps received batches in hand: then everything is copied. */
  active(): boolean;
  /** The documents left out of the copy during this pull. */
  readonly ids: Set<string>;
  /** How many batches handed on with a document left out are not saved in Dexie yet. */
  unsaved(): number;
  /**
   * Resolves once every batch handed on so far that held a document left out is saved in Dexie
   * (rejects if the apply failed).
   */
  settled(): Promise<void>;
  /**
   * Checkpoint writes put off while batches were unsaved, the copy's then the server's: the run
   * makes them once everything handed on is saved (see `keepActivitiesOut`).
   */
  readonly later: Map<'copy' | 'server', () => Promise<unknown>>;
}

/** What `keepActivitiesOut` changes on the local copy (and the server's `put`). */
export interface KeepOutTarget {
  bulkDocs(...args: unknown[]): Promise<unknown[]>;
  put(...args: unknown[]): Promise<unknown>;
}

/**
 * Unsaved batches with documents left out that the pull may run ahead of the apply by: past
 * them its next checkpoint waits for the apply (memory holds those batches meanwhile).
 */
export const UNSAVED_AHEAD = 2;

/**
 * Patches the local copy (and the server's PouchDB, `source`) for one pull: the replicator's
 * writes (`new_edits: false`) leave out what `uncopiable` allows, answering for those as written;
 * and its checkpoints (`_local/…`, written on the copy, then on the server) never name a batch
 * whose left-out documents are not saved yet: while any is unsaved a checkpoint is put off (the
 * latest one kept in `out.later`, made once the apply has caught up), or, past `UNSAVED_AHEAD`
 * of them, waits for `out.settled()`. So the pull and the apply overlap, and a worker stopped
 * meanwhile pulls again from a checkpoint everything before which is saved. The answer puts
 * everything back (call it once the pull is over).
 */
export function keepActivitiesOut(
  target: KeepOutTarget,
  source: Pick<KeepOutTarget, 'put'> | undefined,
  absent: (id: string) => boolean,
  out: KeepOut,
): () => void {
  const own = { bulkDocs: Object.hasOwn(target, 'bulkDocs'), put: Object.hasOwn(target, 'put') };
  const before = { bulkDocs: target.bulkDocs, put: target.put };
  const bulkDocs = before.bulkDocs.bind(target);
  const put = before.put.bind(target);
  // Arguments go on exactly as given: PouchDB's browser build reads an `opts` that is passed but
  // undefined (`opts.force`) where it would have filled in one that is not passed at all.
  target.bulkDocs = async (...args: unknown[]) => {
    const [req, ...rest] = args;
    const r = req as { docs?: ReplicatedDoc[]; new_edits?: boolean } | undefined;
    if (!out.active() || !r || Array.isArray(req) || r.new_edits !== false || !Array.isArray(r.docs))
      return bulkDocs(...args);
    const left = new Set(r.docs.filter((d) => uncopiable(d, absent)));
    if (!left.size) return bulkDocs(...args);
    const kept = r.docs.filter((d) => !left.has(d));
    const written = kept.length ? await bulkDocs({ ...r, docs: kept }, ...rest) : [];
    for (const d of left) out.ids.add(d._id);
    return [...written, ...[...left].map((d) => ({ ok: true, id: d._id, rev: d._rev }))];
  };
  const checkpoint = (args: unknown[]) => {
    const doc = args[0] as { _id?: unknown; _rev?: string; last_seq?: unknown } | undefined;
    return typeof doc?._id === 'string' && doc._id.startsWith('_local/') ? doc : undefined;
  };
  // The checkpoints put off on the copy: the server's same checkpoint is put off with it.
  const putOff = new Set<unknown>();
  const skip = (doc: { _id?: unknown; _rev?: string }) => ({ ok: true, id: doc._id, rev: doc._rev });
  target.put = async (...args: unknown[]) => {
    const doc = checkpoint(args);
    if (!doc) return put(...args);
    if (out.unsaved() > UNSAVED_AHEAD) await out.settled();
    if (out.unsaved() > 0) {
      putOff.add(doc.last_seq);
      out.later.set('copy', () => put(...args));
      return skip(doc);
    }
    out.later.delete('copy');
    return put(...args);
  };
  let restoreSource: () => void = () => undefined;
  if (source) {
    const ownS = Object.hasOwn(source, 'put');
    const beforeS = source.put;
    const putS = beforeS.bind(source);
    source.put = async (...args: unknown[]) => {
      const doc = checkpoint(args);
      if (!doc) return putS(...args);
      if (putOff.has(doc.last_seq)) {
        out.later.set('server', () => putS(...args));
        return skip(doc);
      }
      out.later.delete('server');
      return putS(...args);
    };
    restoreSource = () => {
      if (ownS) source.put = beforeS;
      else delete (source as Partial<KeepOutTarget>).put;
    };
  }
  return () => {
    restoreSource();
    for (const k of ['bulkDocs', 'put'] as const) {
      if (own[k]) Object.assign(target, { [k]: before[k] });
      else delete (target as Partial<KeepOutTarget>)[k];
    }
  };
}
