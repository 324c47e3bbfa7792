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
 *   waits until every batch handed on with such an activity has been saved in Dexie
 *   (`settled`), so a worker stopped mid-pull pulls again whatever was only in memory.
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
  /**
   * Resolves once every batch handed on so far that held a document left out is saved in Dexie
   * (rejects if the apply failed): the replicator's checkpoint waits for it.
   */
  settled(): Promise<void>;
}

/** What `keepActivitiesOut` changes on the local copy. */
export interface KeepOutTarget {
  bulkDocs(...args: unknown[]): Promise<unknown[]>;
  put(...args: unknown[]): Promise<unknown>;
}

/**
 * Patches the local copy for one pull: the replicator's writes (`new_edits: false`) leave out
 * what `uncopiable` allows, answering for those as written, and its checkpoint writes
 * (`_local/…`) wait for `out.settled()`. The answer puts both back (call it once the pull is over).
 */
export function keepActivitiesOut(
  target: KeepOutTarget,
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
  target.put = async (...args: unknown[]) => {
    const id = (args[0] as { _id?: unknown } | undefined)?._id;
    if (typeof id === 'string' && id.startsWith('_local/')) await out.settled();
    return put(...args);
  };
  return () => {
    for (const k of ['bulkDocs', 'put'] as const) {
      if (own[k]) Object.assign(target, { [k]: before[k] });
      else delete (target as Partial<KeepOutTarget>)[k];
    }
  };
}
