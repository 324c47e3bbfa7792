/**
 * The replicator: Dexie's outbox -> the local PouchDB -> CouchDB and back. One run is push (the
 * outbox into PouchDB documents), replicate (PouchDB's own protocol, both ways, one-shot), then
 * apply (PouchDB's changes feed into Dexie, one transaction per batch with its checkpoint). Every
 * step resumes where it stopped: outbox entries go only once their documents are written, the
 * apply checkpoint moves in the same transaction as the rows. See README "Team sync".
 */
import type { PouchDatabase } from 'pouchdb-browser';
import { otherEmailId } from '@/lib/contacts/record';
import {
  type ActivityRow,
  allOptedOut,
  applyBatch,
  type ContactRow,
  type EnrolmentRow,
  markApplying,
  type MetaRow,
  normaliseEmail,
  normaliseExternalId,
  optedOutEverywhere,
  type OutboxRow,
  outboxId,
  ROW_GID_TABLES,
  type RowGidTable,
  type SharedTable,
  STOPPABLE,
  STORE_AHEAD_MS,
  storedTouchRows,
  type SuppressionRow,
  type SyncIdRow,
  syncMe,
  syncPlannedTouches,
  type TouchbaseDb,
  type TouchRow,
  writeTables,
} from '@/lib/db';
import { markCountsWriter } from '@/lib/db/due-counts-guard';
import { type DueCountsKeeper, type KeepBudget, keepDueCounts } from '@/lib/db/due-keep';
import { rowsPerKey } from '@/lib/db/per-key';
import { getSettings } from '@/lib/db/settings';
import { isMsg } from '@/lib/i18n/msg';
import type {
  ActivityDoc,
  ContactDoc,
  EnrolmentDoc,
  LibraryDoc,
  StampedValue,
  SuppressionDoc,
  SyncDoc,
} from './docs';
import { docId, parseDocId } from './docs';
import type { ContactKeys } from './contact-keys';
import { applyAssignDoc } from './assign-sync';
import { observe, type Stamp, tick, ZERO_STAMP } from './hlc';
import { applyLibraryDoc, buildLibraryDoc, type LibraryTable, libraryKind } from './library';
import { canonical, isSuppressed, mergeEnrolment, resolveVersions } from './merge';
import { UNCOPIED_KEY } from './uncopied';

/**
 * The slice of PouchDB's API the replicator uses (lib/sync/pouchdb-browser.d.ts declares it; a
 * Node PouchDB on the memory adapter fits too, as the unit tests use).
 */
export type PouchLike = Pick<PouchDatabase, 'allDocs' | 'bulkDocs' | 'get' | 'changes'> &
  Partial<Pick<PouchDatabase, 'info'>>;

/** Contact fields the team shares (`emailLower` is derived, `updatedAt` is local bookkeeping). */
export const SHARED_CONTACT_FIELDS = [
  'email',
  'externalIds',
  'firstName',
  'lastName',
  'company',
  'phone',
  'otherPhones',
  'otherEmails',
  'title',
  'linkedinUrl',
  'timeZone',
  'window',
  'leadSource',
  'topic',
  'language',
  'notes',
  'optOut',
  'custom',
  'createdAt',
  'owner',
] as const;

const META_CLOCK = 'sync.clock';
export const META_SEQ = 'sync.seq';
const META_DEFERRED = 'sync.deferred';

/** Outbox entries pushed per PouchDB write; changes applied per Dexie transaction. */
export const PUSH_BATCH = 500;
export const APPLY_BATCH = 2_000;

export interface SyncContext {
  db: TouchbaseDb;
  local: PouchLike;
  /** This rep's replica id (stable, from setup): it ends every stamp this replica issues. */
  replica: string;
  /** This rep's CouchDB username, named as the author of what they share (the server checks it). */
  user?: string;
  now: () => number;
  /** Changes applied per Dexie transaction ({@link APPLY_BATCH} unless a test wants small pages). */
  pageSize?: number;
  /**
   * Links to global ids (gid -> local key) this run has read or written in committed pages, so
   * a page only looks up the ones it has not met (an activity's contact and sequence were
   * usually linked a page before). One per run: `syncOnce` makes it.
   */
  known?: Map<string, number | string>;
  /**
   * The emails and external ids of the stored contacts, while it knows them all (a new rep's
   * run): a page's contacts are then found without a read per key. One per run: `syncOnce`.
   */
  contactKeys?: ContactKeys;
  /**
   * Contacts the popup's counts keeper may still read this run (lib/db/due-keep.ts): past it the
   * counts are dropped and counted once after the run. One per run: `syncOnce` makes it.
   */
  keepBudget?: KeepBudget;
  /** Told how far a long run has come (the first sync of a large team), for the progress line. */
  progress?: (p: SyncProgress) => void;
  /** Told how long each step of a run took (the worker logs it). */
  timed?: (step: string, ms: number) => void;
  /**
   * Teammates' activities the pull left out of the local copy are new here: no earlier run
   * stored one without a copy (lib/sync/uncopied.ts). `syncOnce` finds out once per run.
   */
  uncopiedNew?: boolean;
  /**
   * The server's current version of these documents (absent ones left out): the push takes a
   * teammate's activity the copy never held from there before deleting it. `syncOnce` sets it.
   */
  fetchRemote?: (ids: string[]) => Promise<object[]>;
}

/** Where a run is: receiving from the server, or saving what came into this browser's database. */
export interface SyncProgress {
  phase: 'receiving' | 'saving';
  done: number;
  /** How many in all, when the server or PouchDB says. */
  total?: number;
}

const TABLE_KIND = {
  contacts: 'contact',
  enrolments: 'enrolment',
  activities: 'activity',
  suppressions: 'suppression',
  playbooks: 'playbook',
  templates: 'template',
} as const;

/** Pushes order: parents before children, so a replica applying in order finds them. */
const PUSH_ORDER: SharedTable[] = [
  'contacts',
  'suppressions',
  'enrolments',
  'activities',
  'playbooks',
  'templates',
];

function isLibrary(table: SharedTable): table is LibraryTable {
  return table === 'playbooks' || table === 'templates';
}

function randomId(): string {
  return globalThis.crypto.randomUUID();
}

/** A contact's gid is its identity, so two reps who import the same lead meet on one document. */
export function contactGid(
  c: Pick<ContactRow, 'emailLower' | 'externalIds' | 'id'>,
  replica: string,
): string {
  const key = c.emailLower || c.externalIds?.[0] || `local:${replica}:${c.id}`;
  return docId('contact', key);
}

async function metaValue<T extends number | string>(db: TouchbaseDb, key: string, fallback: T): Promise<T> {
  const r = await db.meta.get(key);
  return (r?.value as T | undefined) ?? fallback;
}

/**
 * Enrolment fields that are this device's bookkeeping, not the team's: local ids, and
 * `laterDueAt` (and `laterNext`), the first touch this device has not stored yet (lib/db/horizon.ts), which each
 * replica recomputes from its own clock. Pushing it would send a change every time the alarm
 * stores touches.
 */
const LOCAL_ENROLMENT_FIELDS = ['id', 'contactId', 'laterDueAt', 'laterNext', 'gid'];

function strip(row: object, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!keys.includes(k) && v !== undefined) out[k] = v;
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

// ------------------------------------------------------------------ push

/**
 * Turns outbox entries into documents in the local PouchDB, batch by batch, and removes exactly
 * the entries it wrote (one rewritten meanwhile stays for the next run). Global ids are given
 * out and stored before any document carries them, so a worker stopped halfway never gives the
 * same row two ids.
 */
export async function pushOutbox(ctx: SyncContext): Promise<{ pushed: number }> {
  const { db } = ctx;
  let pushed = 0;
  for (;;) {
    const entries = await db.outbox.limit(PUSH_BATCH).toArray();
    if (!entries.length) return { pushed };
    entries.sort((a, b) => PUSH_ORDER.indexOf(a.table) - PUSH_ORDER.indexOf(b.table) || a.at - b.at);
    const prepared = await assignIds(ctx, entries);
    const existing = await ctx.local.allDocs({ keys: prepared.map((p) => p.gid), include_docs: true });
    const byId = new Map<string, SyncDoc>();
    for (const r of existing.rows) if (r?.doc) byId.set(r.id, r.doc as SyncDoc);
    // A teammate's activity deleted here (its contact deleted) that the copy never held
    // (lib/sync/uncopied.ts): the server's version comes into the copy, to be marked deleted on.
    const uncopied = prepared
      .filter((p) => !p.row && p.entry.table === 'activities' && !byId.has(p.gid))
      .map((p) => p.gid);
    if (uncopied.length && ctx.fetchRemote) {
      const theirs = (await ctx.fetchRemote(uncopied)) as SyncDoc[];
      if (theirs.length) await ctx.local.bulkDocs(theirs, { new_edits: false });
      for (const d of theirs) byId.set(d._id, d);
    }
    let clock = await metaValue<Stamp>(db, META_CLOCK, ZERO_STAMP);
    const me = (await syncMe(db)) ?? { id: ctx.replica, name: '' };
    const docs: object[] = [];
    for (const p of prepared) {
      const prev = byId.get(p.gid);
      const stamp = tick(clock, p.entry.at, ctx.replica);
      const doc = isLibrary(p.entry.table)
        ? buildLibraryDoc(
            libraryKind(p.entry.table),
            p.gid,
            p.entry,
            p.row as never,
            prev as LibraryDoc | undefined,
            stamp,
            me,
            ctx.user,
          )
        : buildDoc(p, prev, stamp);
      if (!doc) continue;
      clock = stamp;
      docs.push({ ...doc, _rev: prev?._rev, by: ctx.replica });
      byId.set(p.gid, doc);
    }
    if (docs.length) await ctx.local.bulkDocs(docs);
    await db.transaction('rw', [db.outbox, db.meta], async () => {
      const now = await db.outbox.bulkGet(entries.map((e) => e.id));
      const done = entries.filter((e, i) => now[i]?.n === e.n).map((e) => e.id);
      await db.outbox.bulkDelete(done);
      await db.meta.put({ key: META_CLOCK, value: clock });
    });
    pushed += docs.length;
  }
}

interface Prepared {
  entry: OutboxRow;
  gid: string;
  row?: Record<string, unknown>;
  /** Parents' gids (contact, enrolment) for enrolments and activities. */
  contact?: string;
  enrolment?: string;
}

async function assignIds(ctx: SyncContext, entries: OutboxRow[]): Promise<Prepared[]> {
  const { db, replica } = ctx;
  return db.transaction(
    'rw',
    [db.syncIds, db.contacts, db.enrolments, db.activities, db.suppressions, db.playbooks, db.templates],
    async (tx) => {
      // A row given its global id is not edited: nothing to push back, no count to redo.
      markApplying(tx);
      markCountsWriter(tx);
      // Rows read in this transaction, by outbox id; those given a gid are written back at the end.
      const rows = new Map<string, Record<string, unknown> | undefined>();
      const stamped = new Map<string, { table: RowGidTable; row: Record<string, unknown> }>();
      const rowOf = async (table: SharedTable, key: number | string) => {
        const id = outboxId(table, key);
        if (!rows.has(id))
          rows.set(id, (await db.table(table).get(key)) as Record<string, unknown> | undefined);
        return rows.get(id);
      };
      /** The row's global id: the one it carries, else a new one written onto it. */
      const rowGid = async (
        table: RowGidTable,
        key: number | undefined,
        make: (row: Record<string, unknown>) => string,
      ) => {
        if (key === undefined) return undefined;
        const row = await rowOf(table, key);
        if (!row) return undefined;
        if (typeof row.gid === 'string') return row.gid;
        row.gid = make(row);
        stamped.set(outboxId(table, key), { table, row });
        return row.gid as string;
      };
      const contactGidOf = (id: number | undefined) =>
        rowGid('contacts', id, (c) => contactGid(c as unknown as ContactRow, replica));
      // Playbooks and templates (few) keep their links in `syncIds`.
      const fresh = new Map<string, SyncIdRow>();
      const libraryGid = async (table: LibraryTable, local: string, make: () => string | undefined) => {
        const known =
          [...fresh.values()].find((r) => r.table === table && r.local === local) ??
          (await db.syncIds.where('[table+local]').equals([table, local]).first());
        if (known) return known.gid;
        const gid = make();
        if (gid) fresh.set(gid, { gid, table, local });
        return gid;
      };
      const out: Prepared[] = [];
      for (const entry of entries) {
        const row = await rowOf(entry.table, entry.key);
        let gid: string | undefined;
        const p: Partial<Prepared> = { entry, row };
        if (entry.table === 'suppressions') gid = docId('suppression', String(entry.key));
        else if (isLibrary(entry.table)) {
          // Only a shared one gets a document id: a private playbook or template never leaves.
          const kind = libraryKind(entry.table);
          gid = await libraryGid(entry.table, String(entry.key), () =>
            (row as { team?: unknown } | undefined)?.team ? docId(kind, randomId()) : undefined,
          );
        } else if (!row) {
          // Deleted: the id it had went into its outbox entry (none if it never had one).
          gid = entry.gid;
        } else if (entry.table === 'contacts') gid = await contactGidOf(entry.key as number);
        else {
          const table = entry.table;
          gid = await rowGid(table, entry.key as number, () => docId(TABLE_KIND[table], randomId()));
          p.contact = await contactGidOf(row.contactId as number | undefined);
          if (table === 'activities')
            p.enrolment = await rowGid('enrolments', row.enrolmentId as number | undefined, () =>
              docId('enrolment', randomId()),
            );
        }
        // A row deleted before it was ever pushed has no document to change.
        if (!gid) continue;
        out.push({ ...p, gid } as Prepared);
      }
      if (fresh.size) await db.syncIds.bulkPut([...fresh.values()]);
      for (const table of ROW_GID_TABLES) {
        const list = [...stamped.values()].filter((s) => s.table === table).map((s) => s.row);
        if (list.length) await db.table(table).bulkPut(list);
      }
      return out;
    },
  );
}

/** The document for one outbox entry, or `undefined` when the team already has this version. */
function buildDoc(p: Prepared, prev: SyncDoc | undefined, stamp: Stamp): SyncDoc | undefined {
  const kind = TABLE_KIND[p.entry.table as Exclude<SharedTable, LibraryTable>];
  const gone = !p.row;
  if (kind === 'contact') {
    const before = prev?.kind === 'contact' ? prev.fields : {};
    const fields: Record<string, StampedValue> = { ...before };
    const pending = new Set(p.entry.fields ?? ['*']);
    let changed = false;
    const set = (k: string, v: unknown) => {
      if (before[k] && sameValue(before[k]?.v, v)) return;
      if (!before[k] && v === undefined) return;
      fields[k] = { v: v ?? null, t: stamp };
      changed = true;
    };
    if (gone) set('deleted', true);
    else {
      for (const k of SHARED_CONTACT_FIELDS) if (pending.has('*') || pending.has(k)) set(k, p.row?.[k]);
      if (before.deleted?.v === true) set('deleted', false);
    }
    return changed ? { _id: p.gid, kind, fields } : undefined;
  }
  if (kind === 'enrolment') {
    const prevRow = prev?.kind === 'enrolment' ? prev.row : undefined;
    const row = gone ? { ...(prevRow ?? {}), state: 'removed' } : strip(p.row ?? {}, LOCAL_ENROLMENT_FIELDS);
    if (!prevRow && gone) return undefined;
    if (prevRow && sameValue(prevRow, row)) return undefined;
    const contact = p.contact ?? (prev as EnrolmentDoc | undefined)?.contact;
    if (!contact) return undefined;
    return { _id: p.gid, kind, contact, t: stamp, row };
  }
  if (kind === 'activity') {
    if (gone) {
      if (!prev || (prev as ActivityDoc).deleted) return undefined;
      return { ...(prev as ActivityDoc), _rev: undefined, deleted: true, t: stamp } as ActivityDoc;
    }
    if (prev) return undefined;
    const doc: ActivityDoc = {
      _id: p.gid,
      kind,
      t: stamp,
      row: strip(p.row ?? {}, ['id', 'contactId', 'enrolmentId', 'touchId', 'gid']),
    };
    if (p.contact) doc.contact = p.contact;
    if (p.enrolment) doc.enrolment = p.enrolment;
    return doc;
  }
  // suppression
  const prevS = prev?.kind === 'suppression' ? prev : undefined;
  if (gone) {
    if (!prevS || !isSuppressed(prevS)) return undefined;
    return {
      _id: p.gid,
      kind: 'suppression',
      t: stamp,
      row: prevS.row,
      at: prevS.at,
      withdrawnAt: p.entry.at,
    };
  }
  const row = p.row as unknown as SuppressionRow;
  const doc: SuppressionDoc = { _id: p.gid, kind: 'suppression', t: stamp, row: { ...row }, at: row.at };
  if (prevS?.withdrawnAt !== undefined) doc.withdrawnAt = prevS.withdrawnAt;
  if (prevS && sameValue(strip(prevS, ['_rev', 't', 'by']), strip(doc, ['t']))) return undefined;
  return doc;
}

// ------------------------------------------------------------------ apply

/** Runs `step`, telling `ctx.timed` how long it took (the worker sums these per run and logs them). */
async function timedStep<T>(ctx: SyncContext, name: string, step: () => Promise<T>): Promise<T> {
  if (!ctx.timed) return step();
  const t0 = Date.now();
  try {
    return await step();
  } finally {
    ctx.timed(name, Date.now() - t0);
  }
}

/**
 * Applies what PouchDB received into Dexie, from the stored checkpoint, a page of the changes
 * feed at a time: conflicting revisions are first resolved with the merge rules (merged body on
 * the winner, losers deleted), then each page lands in one Dexie transaction together with the
 * new checkpoint. A sequence or an activity whose contact (or sequence) is further down the feed
 * brings its parent along from PouchDB into the same page; one whose parent PouchDB does not have
 * is kept aside and tried again at the end of the run and at the next one.
 */
export async function applyChanges(ctx: SyncContext): Promise<{ applied: number; resolved: number }> {
  const { db } = ctx;
  let applied = 0;
  let resolved = 0;
  let deferred = JSON.parse(await metaValue<string>(db, META_DEFERRED, '[]')) as string[];
  const retryDeferred = async () => {
    const got = await ctx.local.allDocs({ keys: deferred, include_docs: true });
    const docs = got.rows.map((r) => r?.doc as SyncDoc | undefined).filter((d): d is SyncDoc => !!d);
    const res = await applyPage(ctx, docs, undefined);
    applied += res.applied;
    deferred = res.deferred;
  };
  if (deferred.length) await retryDeferred();
  const start = await metaValue<number | string>(db, META_SEQ, 0);
  let since = start;
  let deferredHere = false;
  for (;;) {
    const res = await timedStep(ctx, 'apply: read feed', () =>
      ctx.local.changes({
        since,
        include_docs: true,
        conflicts: true,
        limit: ctx.pageSize ?? APPLY_BATCH,
      }),
    );
    if (!res.results.length) break;
    const docs: SyncDoc[] = [];
    for (const ch of res.results) {
      if (ch.deleted || !ch.doc || !parseDocId(ch.id)) continue;
      let doc = ch.doc as SyncDoc & { by?: string };
      if (doc._conflicts?.length) {
        doc = await resolveConflicts(ctx, doc);
        resolved++;
      } else if (doc.by === ctx.replica) continue;
      docs.push(doc);
    }
    const before = deferred.length;
    const r = await timedStep(ctx, 'apply: pages', () => applyPage(ctx, docs, res.last_seq, deferred));
    applied += r.applied;
    deferred = r.deferred;
    if (deferred.length > before) deferredHere = true;
    since = res.last_seq;
    if (ctx.progress) {
      // Read again each page: while documents still arrive the feed grows under the apply.
      const total = await feedLength(ctx.local, start);
      const done = typeof since === 'number' && typeof start === 'number' ? since - start : applied;
      ctx.progress({ phase: 'saving', done, total });
    }
  }
  // Their parent may have come later in this same run.
  if (deferredHere && deferred.length) await retryDeferred();
  return { applied, resolved };
}

/**
 * Applies one batch the replication has just written into the local copy, from the documents in
 * hand (its `change` event) instead of reading them back from PouchDB's feed. A document the copy
 * did not hold at all before this batch (`fresh`) and that comes once in it is now the copy's
 * only revision of it, so it is applied as it came; any other is read back from the copy by id
 * (winner and conflicts, resolved as the feed's would be). The feed checkpoint does not move
 * here: `syncOnce` moves it once the whole pull is applied, so a worker stopped meanwhile
 * applies the pull again from the feed (which doubles nothing).
 */
export async function applyReceived(
  ctx: SyncContext,
  received: object[],
  fresh: (id: string) => boolean,
  /** Documents the pull left out of the copy (lib/sync/uncopied.ts): in hand and nowhere else. */
  uncopied?: (id: string) => boolean,
): Promise<{ applied: number; resolved: number }> {
  type Received = SyncDoc & { by?: string; _deleted?: boolean; _revisions?: unknown };
  const times = new Map<string, number>();
  for (const d of received as Received[]) times.set(d._id, (times.get(d._id) ?? 0) + 1);
  const docs: SyncDoc[] = [];
  const reread = new Set<string>();
  // Never in this copy before: nothing here links to it (a link is written only for a document
  // this copy holds, or in the push that is about to write it here).
  const unlinked = new Set<string>();
  // Left out of the copy, as received (with their history), by id.
  const leftOut = new Map<string, Received>();
  for (const d of received as Received[]) {
    if (!parseDocId(d._id)) continue;
    if (times.get(d._id) !== 1 || !fresh(d._id)) {
      reread.add(d._id);
      continue;
    }
    if (d._deleted || d.by === ctx.replica) continue;
    // The replicator's revision history is not part of the document the feed would give.
    const { _revisions: _h, ...doc } = d;
    docs.push(doc as SyncDoc);
    const left = !!uncopied?.(d._id);
    if (left) leftOut.set(d._id, d);
    // One left out of the copy may be here already from an earlier run that left it out too.
    if (!left || ctx.uncopiedNew) unlinked.add(d._id);
  }
  let resolved = 0;
  if (reread.size) {
    const got = await timedStep(ctx, 'apply: read back', () =>
      ctx.local.allDocs({ keys: [...reread], include_docs: true, conflicts: true }),
    );
    for (const r of got.rows) {
      let doc = r?.doc as (SyncDoc & { by?: string }) | undefined;
      if (!doc || doc._deleted) continue;
      if (doc._conflicts?.length) {
        doc = await resolveConflicts(ctx, doc);
        resolved++;
      } else if (doc.by === ctx.replica) continue;
      docs.push(doc);
    }
  }
  const deferred = JSON.parse(await metaValue<string>(ctx.db, META_DEFERRED, '[]')) as string[];
  const left = leftOut.size ? new Set(leftOut.keys()) : undefined;
  const r = await timedStep(ctx, 'apply: pages', () =>
    applyPage(ctx, docs, undefined, deferred, unlinked, left),
  );
  // Kept aside for want of its sequence or contact: into the copy after all, where the retry of
  // kept-aside documents reads them.
  const back = r.deferred.flatMap((id) => leftOut.get(id) ?? []);
  if (back.length) await ctx.local.bulkDocs(back, { new_edits: false });
  return { applied: r.applied, resolved };
}

/**
 * Moves the apply checkpoint to `seq` once everything the feed holds up to it is applied (the
 * pull applied from its events, see {@link applyReceived}); never backwards.
 */
export async function markApplied(ctx: SyncContext, seq: number | string): Promise<void> {
  const { db } = ctx;
  await db.transaction('rw', db.meta, async () => {
    const at = await metaValue<number | string>(db, META_SEQ, 0);
    if (typeof at === 'number' && typeof seq === 'number' && seq < at) return;
    await db.meta.put({ key: META_SEQ, value: seq as string });
  });
}

/** How many changes PouchDB's feed holds after `since`, when its sequence numbers say. */
async function feedLength(local: PouchLike, since: number | string): Promise<number | undefined> {
  if (typeof since !== 'number' || !local.info) return undefined;
  const seq = (await local.info()).update_seq;
  return typeof seq === 'number' ? Math.max(0, seq - since) : undefined;
}

/** Merges every leaf revision of a document into one, written on the winner; the losers go. */
export async function resolveConflicts(ctx: SyncContext, doc: SyncDoc): Promise<SyncDoc> {
  const losers = doc._conflicts ?? [];
  const versions = [doc];
  for (const rev of losers) versions.push((await ctx.local.get(doc._id, { rev })) as SyncDoc);
  const merged = resolveVersions(versions);
  await ctx.local.bulkDocs([
    { ...merged, _rev: doc._rev, by: ctx.replica },
    ...losers.map((rev) => ({ _id: doc._id, _rev: rev, _deleted: true })),
  ]);
  return merged;
}

const KIND_ORDER = ['playbook', 'template', 'contact', 'suppression', 'enrolment', 'activity', 'assign'];

/** Parents (contact, sequence) a document points at. */
function parentsOf(doc: SyncDoc): string[] {
  if (doc.kind === 'enrolment') return [doc.contact];
  if (doc.kind === 'activity') return [doc.contact, doc.enrolment].filter((g): g is string => !!g);
  return [];
}

/**
 * The parents of these documents that are neither here yet nor among them, read from PouchDB
 * (two levels: an activity's sequence, then that sequence's contact), conflicts resolved.
 */
async function missingParents(ctx: SyncContext, docs: SyncDoc[]): Promise<SyncDoc[]> {
  const have = new Set(docs.map((d) => d._id));
  const found: SyncDoc[] = [];
  let level = docs;
  for (let depth = 0; depth < 2 && level.length; depth++) {
    const wanted = [...new Set(level.flatMap(parentsOf))].filter((g) => !have.has(g));
    if (!wanted.length) break;
    const unsure = wanted.filter((g) => !ctx.known?.has(g));
    const linked = await lookUpLinks(ctx.db, unsure);
    const keys = unsure.filter((g) => !linked.has(g));
    if (!keys.length) break;
    const got = await ctx.local.allDocs({ keys, include_docs: true, conflicts: true });
    level = [];
    for (const r of got.rows) {
      let doc = r?.doc as SyncDoc | undefined;
      if (!doc || doc._deleted || !parseDocId(doc._id)) continue;
      if (doc._conflicts?.length) doc = await resolveConflicts(ctx, doc);
      have.add(doc._id);
      found.push(doc);
      level.push(doc);
    }
  }
  return found;
}

/** Global id -> local key, for every id a page touches; new links are written once at the end. */
interface Links {
  get(gid: string | undefined): number | string | undefined;
  set(gid: string, table: SharedTable, local: number | string): void;
}

/** The table a global id's row lives in, when rows carry it (`gid`); else `syncIds` or none. */
const GID_TABLE: Partial<Record<string, RowGidTable>> = {
  contact: 'contacts',
  enrolment: 'enrolments',
  activity: 'activities',
};

/**
 * The local keys of these global ids: a row's own `gid` index for contacts, sequences and
 * activities (one request per id, all asked at once), `syncIds` for playbooks and templates.
 */
async function lookUpLinks(db: TouchbaseDb, gids: readonly string[]): Promise<Map<string, number | string>> {
  const found = new Map<string, number | string>();
  const library: string[] = [];
  const reads: Promise<void>[] = [];
  for (const gid of gids) {
    const table = GID_TABLE[parseDocId(gid)?.[0] ?? ''];
    if (!table) {
      library.push(gid);
      continue;
    }
    reads.push(
      db
        .table(table)
        .where('gid')
        .equals(gid)
        .primaryKeys()
        .then((keys) => {
          const key = keys[0];
          if (typeof key === 'number') found.set(gid, key);
        }),
    );
  }
  const [rows] = await Promise.all([db.syncIds.bulkGet(library), ...reads]);
  for (const r of rows) if (r) found.set(r.gid, r.local);
  return found;
}

async function loadLinks(
  db: TouchbaseDb,
  docs: SyncDoc[],
  known: Map<string, number | string> | undefined,
  unlinked?: ReadonlySet<string>,
): Promise<{ links: Links; fresh: SyncIdRow[]; map: Map<string, number | string> }> {
  const map = new Map<string, number | string>();
  const gids: string[] = [];
  for (const gid of new Set(docs.flatMap((d) => [d._id, ...parentsOf(d)]))) {
    const local = known?.get(gid);
    if (local !== undefined) map.set(gid, local);
    else if (!unlinked?.has(gid)) gids.push(gid);
  }
  for (const [gid, local] of await lookUpLinks(db, gids)) map.set(gid, local);
  const fresh: SyncIdRow[] = [];
  return {
    fresh,
    map,
    links: {
      get: (gid) => (gid === undefined ? undefined : map.get(gid)),
      set: (gid, table, local) => {
        if (map.get(gid) === local) return;
        map.set(gid, local);
        // Rows that carry their gid got it as they were written; the library's go to `syncIds`.
        if (isLibrary(table)) fresh.push({ gid, table, local });
      },
    },
  };
}

/**
 * One page in one Dexie transaction with its checkpoint: contacts, then opt-outs, sequences and
 * activities, each kind read in one go and written with one bulk call (no read per document),
 * links to global ids written once, and the touches of every sequence that changed replanned
 * together at the end.
 */
async function applyPage(
  ctx: SyncContext,
  page: SyncDoc[],
  lastSeq: number | string | undefined,
  carried: string[] = [],
  /** Documents known to have no link here yet (see `applyReceived`): not looked up. */
  unlinked?: ReadonlySet<string>,
  /** Activities left out of the copy (see `applyReceived`): counted in `UNCOPIED_KEY` once stored. */
  uncopied?: ReadonlySet<string>,
): Promise<{ applied: number; deferred: string[] }> {
  const { db } = ctx;
  const unique = [...new Map(page.map((d) => [d._id, d])).values()];
  const docs = [...(await timedStep(ctx, 'apply: parents', () => missingParents(ctx, unique))), ...unique];
  docs.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  const now = ctx.now();
  let linked: Map<string, number | string> | undefined;
  const out = await applyPageTx(ctx, () =>
    db.transaction('rw', [...writeTables(db), db.templates, db.syncIds, db.meta, db.outbox], async (tx) => {
      markApplying(tx);
      // The page's first reads in one round (each round waits behind the replication's writes):
      // the popup's stored counts, to move with this page's owner and touch changes (not
      // dropped), the clock, and the links of the page's global ids.
      const [keep, stamp, { links, fresh, map }, uncopiedBefore] = await timedStep(
        ctx,
        'apply: first reads',
        () =>
          Promise.all([
            keepDueCounts(db, tx, ctx.keepBudget),
            metaValue<Stamp>(db, META_CLOCK, ZERO_STAMP),
            loadLinks(db, docs, ctx.known, unlinked),
            uncopied?.size ? metaValue<number>(db, UNCOPIED_KEY, 0) : 0,
          ]),
      );
      const deferred = new Set(carried);
      let clock = stamp;
      for (const doc of docs) for (const t of stampsOf(doc)) clock = observe(clock, t);
      linked = map;
      const replan: EnrolmentRow[] = [];
      const kind = <K extends SyncDoc['kind']>(k: K) =>
        docs.filter((d): d is Extract<SyncDoc, { kind: K }> => d.kind === k);
      // Opt-outs ride with the contacts: found among the rows the contacts' reads bring, their
      // flags and rows written with the contacts' writes (see `applyContacts`).
      // A step with nothing to do is not awaited: a run of awaits that reach no IndexedDB request
      // outlasts Dexie's hold on the transaction's zone (PrematureCommitError).
      const contacts = kind('contact');
      const optOuts = kind('suppression');
      const present =
        contacts.length || optOuts.length
          ? await timedStep(ctx, 'apply: contacts', () =>
              applyContacts(ctx, contacts, optOuts, now, links, replan, keep),
            )
          : (new Map() as Present);
      const results = [...kind('contact').map(() => true), ...kind('suppression').map(() => true)];
      const enrolments = kind('enrolment');
      const sequences = enrolments.length
        ? await timedStep(ctx, 'apply: sequences', () =>
            applyEnrolments(ctx, enrolments, links, present, replan, now, keep),
          )
        : undefined;
      const okE = sequences?.ok ?? [];
      // The new sequences' touch rows go with the activities' writes, in one round.
      const touches = sequences?.touches ?? [];
      const activities = kind('activity');
      const { ok: okA, added } = activities.length
        ? await timedStep(ctx, 'apply: activities', () => applyActivities(ctx, activities, links, touches))
        : { ok: [], added: [] };
      if (!activities.length && touches.length)
        await timedStep(ctx, 'apply: sequences', () => db.touches.bulkAdd(touches));
      // Team settings (assign:*) are not rows: `applied` counts what reached the tables.
      for (const doc of kind('assign')) {
        await applyAssignDoc(db, doc);
        deferred.delete(doc._id);
      }
      // The team library (few documents): one at a time, linked like the rest.
      const library = docs.filter((d): d is LibraryDoc => d.kind === 'playbook' || d.kind === 'template');
      for (const doc of library) {
        const table = doc.kind === 'playbook' ? 'playbooks' : 'templates';
        const localKey = links.get(doc._id) as string | undefined;
        const { local } = await applyLibraryDoc(db, doc, { replica: ctx.replica, now, localKey });
        if (local !== undefined) links.set(doc._id, table, local);
        deferred.delete(doc._id);
      }
      let applied = results.length + library.length;
      const settle = (list: SyncDoc[], ok: boolean[]) =>
        list.forEach((doc, i) => {
          if (ok[i]) {
            applied++;
            deferred.delete(doc._id);
          } else deferred.add(doc._id);
        });
      for (const doc of [...kind('contact'), ...kind('suppression')]) deferred.delete(doc._id);
      settle(enrolments, okE);
      settle(activities, okA);
      if (fresh.length) await timedStep(ctx, 'apply: link rows', () => db.syncIds.bulkPut(fresh));
      if (replan.length) await timedStep(ctx, 'apply: touches', () => syncPlannedTouches(db, replan, now));
      if (keep) await timedStep(ctx, 'apply: counts kept', () => keep.finish());
      const meta: MetaRow[] = [
        { key: META_CLOCK, value: clock },
        { key: META_DEFERRED, value: JSON.stringify([...deferred]) },
      ];
      if (lastSeq !== undefined) meta.push({ key: META_SEQ, value: lastSeq as string });
      const stored = uncopied?.size ? added.filter((gid) => uncopied.has(gid)).length : 0;
      if (stored) meta.push({ key: UNCOPIED_KEY, value: (uncopiedBefore as number) + stored });
      await db.meta.bulkPut(meta);
      return { applied, deferred: [...deferred] };
    }),
  );
  // Committed: what this page linked holds for the rest of the run.
  if (ctx.known && linked) for (const [gid, local] of linked) ctx.known.set(gid, local);
  return out;
}

/** A page's transaction; the contact index takes the page's writes in only once it committed. */
async function applyPageTx<T>(ctx: SyncContext, tx: () => Promise<T>): Promise<T> {
  try {
    const out = await tx();
    ctx.contactKeys?.committed();
    return out;
  } catch (err) {
    ctx.contactKeys?.failed();
    throw err;
  }
}

function stampsOf(doc: SyncDoc): Stamp[] {
  return 'fields' in doc ? Object.values(doc.fields).map((f) => f.t) : [doc.t];
}

/** A contact row a page lands on: stored (with its id) or to be added at the end of the kind. */
interface Target {
  id?: number;
  row: Record<string, unknown>;
  dirty: boolean;
  gone?: boolean;
  gids: string[];
}

/**
 * Applies contact documents field by field: each lands on the contact linked to its global id,
 * else on the oldest stored contact with its email or one of its external ids (two reps who
 * imported the same lead meet on one row); fields this replica changed and has not pushed yet
 * stay as they are. Answers the ids of the contacts that exist once it is done.
 *
 * The page's opt-outs (`optOuts`) are applied here too, after the contact documents: every
 * contact an opt-out names, as this page leaves the table, is opted out on every channel and its
 * running sequences stop. Their only round of their own is writing their rows: the contacts they
 * name are read in the contacts' one round of reads (their keys asked with the documents' keys),
 * their flags go out with the contacts' writes, and only contacts stored before the page have
 * sequences to read (one more round, only when there are any). Each round waits its turn behind
 * the replication's writes to the local copy: the four rounds a page they took were 8 to 14 s of
 * a first sync with 400 opt-outs.
 */
async function applyContacts(
  ctx: SyncContext,
  docs: ContactDoc[],
  optOuts: SuppressionDoc[],
  now: number,
  links: Links,
  replan: EnrolmentRow[],
  keep?: DueCountsKeeper,
): Promise<Present> {
  const { db } = ctx;
  const present: Present = new Map();
  if (!docs.length && !optOuts.length) return present;
  const named = namedBy(optOuts);
  const v = (doc: ContactDoc, k: string) => doc.fields[k]?.v;
  const emailOf = (doc: ContactDoc) => {
    const e = v(doc, 'email');
    return typeof e === 'string' ? normaliseEmail(e) : '';
  };
  const idsOf = (doc: ContactDoc, email: string) => {
    const ids = Array.isArray(v(doc, 'externalIds')) ? (v(doc, 'externalIds') as unknown[]) : [];
    const out = ids.map((id) => (typeof id === 'string' ? normaliseExternalId(id) : undefined));
    if (email) out.push(otherEmailId(email));
    return out.filter((id): id is string => !!id);
  };
  // Every stored row these documents may land on, in one round of reads issued together.
  const linkedIds = [
    ...new Set(docs.map((d) => links.get(d._id)).filter((id) => id !== undefined)),
  ] as number[];
  const emails = [
    ...new Set([...docs.map(emailOf).filter(Boolean), ...named.names.flatMap((n) => n.emails)]),
  ];
  const extIds = [
    ...new Set([...docs.flatMap((d) => idsOf(d, emailOf(d))), ...named.names.flatMap((n) => n.ids)]),
  ];
  const keys = ctx.contactKeys;
  const [linkedRows, byEmail, byExt, settings] = await timedStep(ctx, 'apply: contacts (reads)', async () => {
    // One round of requests where it can: while the replication writes, each round waits its
    // turn behind it. The index's answer comes with the first; the key reads too once it is off.
    const asking = !!keys && !keys.dropped;
    const [indexed, linkedRows, settings, ...byKeys] = await Promise.all([
      asking && keys.ready(db),
      db.contacts.bulkGet(linkedIds),
      getSettings(db),
      ...(asking
        ? []
        : [contactsByKeys(db, 'emailLower', emails), contactsByKeys(db, 'externalIds', extIds)]),
    ]);
    if (indexed && keys) {
      // The rows holding these keys, by primary key: the rows the index reads would find.
      const linked = new Set(linkedIds);
      const more = keys.find(emails, extIds).filter((id) => !linked.has(id));
      return [[...linkedRows, ...(await db.contacts.bulkGet(more))], [], [], settings] as const;
    }
    const [byEmail, byExt] = asking
      ? await Promise.all([
          contactsByKeys(db, 'emailLower', emails),
          contactsByKeys(db, 'externalIds', extIds),
        ])
      : (byKeys as [ContactRow[], ContactRow[]]);
    return [linkedRows, byEmail, byExt, settings] as const;
  });
  const targets = new Map<number, Target>();
  const emailIdx = new Map<string, Target[]>();
  const extIdx = new Map<string, Target[]>();
  const index = (t: Target) => {
    const e = t.row.emailLower;
    if (typeof e === 'string' && e) emailIdx.set(e, [...(emailIdx.get(e) ?? []), t]);
    for (const x of (t.row.externalIds as string[] | undefined) ?? [])
      extIdx.set(x, [...(extIdx.get(x) ?? []), t]);
  };
  const unindex = (t: Target) => {
    for (const [k, list] of [...emailIdx, ...extIdx]) {
      const rest = list.filter((x) => x !== t);
      if (rest.length !== list.length) (emailIdx.has(k) ? emailIdx : extIdx).set(k, rest);
    }
  };
  for (const r of [...linkedRows, ...byEmail, ...byExt]) {
    if (!r || targets.has(r.id)) continue;
    const t: Target = { id: r.id, row: r as unknown as Record<string, unknown>, dirty: false, gids: [] };
    targets.set(r.id, t);
    index(t);
  }
  // Owners as stored, to tell the counts' keeper which leads move into or out of this rep's work.
  const ownerBefore = new Map([...targets].map(([id, t]) => [id, t.row.owner]));
  const pending = targets.size
    ? await db.outbox.bulkGet([...targets.keys()].map((id) => outboxId('contacts', id)))
    : [];
  const mineOf = new Map([...targets.keys()].map((id, i) => [id, new Set(pending[i]?.fields ?? [])]));
  const added: Target[] = [];
  for (const doc of docs) {
    const linked = links.get(doc._id) as number | undefined;
    let t = linked === undefined ? undefined : targets.get(linked);
    if (t?.gone) t = undefined;
    if (!t) {
      // The oldest stored contact with this email or external id, else one added in this page.
      const email = emailOf(doc);
      const hits = [
        ...(email ? (emailIdx.get(email) ?? []) : []),
        ...idsOf(doc, email).flatMap((x) => extIdx.get(x) ?? []),
      ].filter((x) => !x.gone);
      t =
        hits.filter((x) => x.id !== undefined).sort((a, b) => (a.id as number) - (b.id as number))[0] ??
        hits[0];
    }
    if (v(doc, 'deleted') === true) {
      if (t?.id !== undefined) {
        await keep?.before([t.id]);
        await deleteContactLocally(db, t.id);
        keys?.wrote(t.id, undefined);
      }
      if (t) {
        t.gone = true;
        unindex(t);
      }
      continue;
    }
    const mine = t?.id === undefined ? new Set<string>() : (mineOf.get(t.id) ?? new Set<string>());
    const patch: Record<string, unknown> = {};
    for (const k of SHARED_CONTACT_FIELDS) {
      if (!(k in doc.fields) || mine.has(k) || mine.has('*')) continue;
      const value = v(doc, k);
      if (t && sameValue(t.row[k], value ?? undefined)) continue;
      patch[k] = value === null ? undefined : value;
    }
    if (typeof patch.email === 'string') {
      const lower = (patch.email as string).trim().toLowerCase();
      const holder = lower ? (emailIdx.get(lower) ?? []).find((x) => x !== t && !x.gone) : undefined;
      if (holder) delete patch.email;
      else if (lower) patch.emailLower = lower;
    }
    if (t) {
      if (Object.keys(patch).length) {
        unindex(t);
        for (const [k, value] of Object.entries(patch)) {
          if (value === undefined) delete t.row[k];
          else t.row[k] = value;
        }
        t.row.updatedAt = now;
        t.dirty = true;
        index(t);
      }
    } else {
      const fresh: Record<string, unknown> = {
        email: '',
        externalIds: [],
        firstName: '',
        lastName: '',
        company: '',
        phone: '',
        title: '',
        timeZone: settings.timeZone,
        leadSource: settings.defaultSource,
        notes: '',
        optOut: {},
        custom: {},
        createdAt: now,
        ...strip(patch, []),
        updatedAt: now,
      };
      if (!fresh.emailLower) delete fresh.emailLower;
      t = { row: fresh, dirty: true, gids: [] };
      added.push(t);
      index(t);
    }
    t.gids.push(doc._id);
  }
  // A row takes the first global id that lands on it, written with it; another one that lands
  // there too (a teammate's copy of the same lead, met by email) is linked for this run only, and
  // found by email or external id again next time.
  for (const t of [...targets.values(), ...added]) {
    if (t.gone || t.row.gid !== undefined || !t.gids.length) continue;
    t.row.gid = t.gids[0];
    t.dirty = true;
  }
  // The contacts each opt-out names, as the table will hold them once this page is written.
  const live = [...targets.values(), ...added].filter((t) => !t.gone);
  const optedOut = named.names.map(({ emails, ids }) =>
    live.filter(
      (t) =>
        (typeof t.row.emailLower === 'string' && emails.includes(t.row.emailLower)) ||
        ((t.row.externalIds as unknown[] | undefined) ?? []).some((x) => ids.includes(x as string)),
    ),
  );
  for (const t of new Set(optedOut.flat())) {
    t.row.optOut = allOptedOut();
    t.row.updatedAt = now;
    t.dirty = true;
  }
  // Contacts stored before this page may have sequences running; new ones have none yet.
  const stored = [...new Set(optedOut.flat())].filter((t) => t.id !== undefined).map((t) => t.id as number);
  const changed = [...targets.values()].filter((t) => t.dirty && !t.gone);
  const fresh = added.filter((t) => !t.gone);
  if (keep) {
    const moved = changed.filter((t) => !sameValue(ownerBefore.get(t.id as number), t.row.owner));
    await keep.before(moved.map((t) => t.id as number));
    keep.rewritten(changed.map((t) => t.id as number));
  }
  const sequences = await timedStep(ctx, 'apply: contacts (writes)', async () => {
    // One round: the contacts, the opt-outs' rows, and the sequences of the contacts they name,
    // all asked before any answer is awaited, in the order they were written before. Each round
    // waits its turn behind the replication's writes to the local copy: asked one after the
    // other's answer, the opt-outs' rows took a round of their own on every page (4.6 s of 14 s
    // of a 2,000-contact first sync). Then awaited one by one, never inside Promise.all, which
    // lost Dexie's zone for the page's transaction (PrematureCommitError).
    const asked = inOneRound([
      changed.length ? db.contacts.bulkPut(changed.map((t) => t.row as unknown as ContactRow)) : undefined,
      fresh.length
        ? db.contacts.bulkAdd(
            fresh.map((t) => t.row as unknown as ContactRow),
            { allKeys: true },
          )
        : undefined,
      named.gone.length ? db.suppressions.bulkDelete(named.gone) : undefined,
      named.rows.length ? db.suppressions.bulkPut(named.rows) : undefined,
      stored.length ? rowsPerKey(db.enrolments, 'contactId', stored) : undefined,
    ] as const);
    // Only what was asked is awaited: an await that reaches no request loses the zone too.
    if (asked[0]) await asked[0];
    if (asked[1]) {
      const ids = await asked[1];
      fresh.forEach((t, i) => {
        t.id = ids[i] as number;
      });
    }
    if (asked[2]) await asked[2];
    if (asked[3]) await asked[3];
    const sequences = asked[4] ? await asked[4] : [];
    return new Map(stored.map((id, i) => [id, sequences[i] ?? []]));
  });
  named.rows.forEach((row, i) => {
    links.set(named.live[i]!._id, 'suppressions', row.key);
  });
  await timedStep(ctx, 'apply: opt-outs', () =>
    stopSequences(
      db,
      named.rows,
      optedOut.map((ts) => ts.map((t) => t.id as number).sort((a, b) => a - b)),
      sequences,
      now,
      replan,
      keep,
    ),
  );
  for (const t of [...targets.values(), ...fresh]) {
    if (t.gone || t.id === undefined) continue;
    if (t.dirty) keys?.wrote(t.id, t.row);
    present.set(t.id, optedOutEverywhere(t.row as unknown as ContactRow));
    for (const gid of t.gids) links.set(gid, 'contacts', t.id);
  }
  return present;
}

/**
 * Requests asked together (each already sent): the caller awaits them one by one, in order. One
 * that fails makes the caller throw at its await, and the page's transaction aborts; the later
 * ones then fail too, and are marked handled here so that is not reported again as unhandled.
 */
function inOneRound<const T extends readonly (PromiseLike<unknown> | undefined)[]>(asked: T): T {
  for (const p of asked) p?.then(undefined, () => undefined);
  return asked;
}

/**
 * The contacts whose `index` holds any of `keys`: one request per key, all asked at once. Not
 * `anyOf`, whose cursor waits for each step's answer before asking the next: while the replication
 * writes the local copy on the same IndexedDB backend, each of those waits took about a
 * millisecond (contacts' reads were 21 s of a first sync, at load 12).
 */
async function contactsByKeys(
  db: TouchbaseDb,
  index: 'emailLower' | 'externalIds',
  keys: readonly string[],
): Promise<ContactRow[]> {
  return (await rowsPerKey(db.contacts, index, keys)).flat();
}

async function deleteContactLocally(db: TouchbaseDb, contactId: number): Promise<void> {
  await db.touches.where('contactId').equals(contactId).delete();
  await db.enrolments.where('contactId').equals(contactId).delete();
  await db.contacts.delete(contactId);
}

/** Opt-out documents' rows (the live ones), the keys of withdrawn ones, and who each names. */
function namedBy(docs: SuppressionDoc[]) {
  const keyOf = (doc: SuppressionDoc) => doc._id.slice('suppression:'.length);
  const live = docs.filter((d) => isSuppressed(d));
  const rows = live.map((doc) => ({
    ...(doc.row as unknown as SuppressionRow),
    key: keyOf(doc),
    at: doc.at,
  }));
  const gone = docs.filter((d) => !isSuppressed(d)).map(keyOf);
  // The contacts each names, as `findContacts` finds them (an email may also be another address).
  const names = rows.map((row) => {
    const emails = row.emailLower ? [normaliseEmail(row.emailLower)].filter(Boolean) : [];
    const ids = [
      ...new Set(
        [...(row.externalIds ?? []), ...emails.map(otherEmailId)]
          .map((id) => (typeof id === 'string' ? normaliseExternalId(id) : undefined))
          .filter((id): id is string => !!id),
      ),
    ];
    return { emails, ids };
  });
  return { live, rows, gone, names };
}

/**
 * The contacts here once the page's contacts are applied (written by the page, or read for its
 * sequences), each with whether it is opted out on every channel.
 */
type Present = Map<number, boolean>;

/**
 * Stops the running sequences of the contacts each opt-out names (`contacts[i]` for `rows[i]`,
 * by id), with the reason of the first opt-out that names them: a contact two opt-outs name
 * stops once (the second found nothing running when they were applied one by one).
 */
async function stopSequences(
  db: TouchbaseDb,
  rows: SuppressionRow[],
  contacts: number[][],
  sequencesOf: Map<number, EnrolmentRow[]>,
  now: number,
  replan: EnrolmentRow[],
  keep?: DueCountsKeeper,
): Promise<void> {
  const seen = new Set<number>();
  const stops: { row: SuppressionRow; running: EnrolmentRow[] }[] = [];
  for (const [i, row] of rows.entries()) {
    const running = (contacts[i] ?? [])
      .filter((id) => !seen.has(id))
      .flatMap((id) => {
        seen.add(id);
        return (sequencesOf.get(id) ?? []).filter((e) => STOPPABLE.has(e.state));
      });
    if (running.length) stops.push({ row, running });
  }
  if (!stops.length) return;
  await keep?.before(stops.flatMap((s) => s.running.map((e) => e.contactId)));
  for (const { row, running } of stops) {
    const { applied } = await applyBatch(
      db,
      running,
      isMsg(row.reasonMsg)
        ? { type: 'opt-out', msg: row.reasonMsg }
        : { type: 'opt-out', text: row.reason || undefined },
      now,
      'team',
    );
    replan.push(...applied);
  }
}

/**
 * Applies sequence documents in one read and one write; `false` for one whose contact is not
 * here yet (kept aside). A sequence also changed here and not pushed yet merges both sides.
 */
async function applyEnrolments(
  ctx: SyncContext,
  docs: EnrolmentDoc[],
  links: Links,
  present: Present,
  replan: EnrolmentRow[],
  now: number,
  keep?: DueCountsKeeper,
): Promise<{ ok: boolean[]; touches?: TouchRow[] }> {
  const { db } = ctx;
  if (!docs.length) return { ok: [] };
  const contactIds = docs.map((d) => links.get(d.contact) as number | undefined);
  const unsure = [...new Set(contactIds.filter((id): id is number => id !== undefined && !present.has(id)))];
  const localIds = docs.map((d) => links.get(d._id) as number | undefined);
  const known = localIds.filter((id): id is number => id !== undefined);
  const [contacts, curs, pending] = await Promise.all([
    db.contacts.bulkGet(unsure),
    db.enrolments.bulkGet(known),
    db.outbox.bulkGet(known.map((id) => outboxId('enrolments', id))),
  ]);
  for (const c of contacts) if (c) present.set(c.id, optedOutEverywhere(c));
  const curOf = new Map(known.map((id, i) => [id, curs[i]]));
  const pendingOf = new Map(known.map((id, i) => [id, pending[i]]));
  const ok: boolean[] = [];
  const rows: EnrolmentRow[] = [];
  const gids: string[] = [];
  const fresh = new Map<EnrolmentRow, Omit<TouchRow, 'id'>[]>();
  docs.forEach((doc, i) => {
    const contactId = contactIds[i];
    if (contactId === undefined || !present.has(contactId)) {
      ok.push(false);
      return;
    }
    const localId = localIds[i];
    const cur = localId === undefined ? undefined : curOf.get(localId);
    let row = doc.row;
    if (cur && localId !== undefined && pendingOf.get(localId)) {
      // Changed here too and not pushed yet: both sides' actions combine.
      const mine: EnrolmentDoc = { ...doc, t: ZERO_STAMP, row: strip(cur, LOCAL_ENROLMENT_FIELDS) };
      row = mergeEnrolment(mine, doc).row;
    }
    // The whole row is replaced: fields the other side no longer has must go here too.
    const next = { ...row, contactId, gid: doc._id } as EnrolmentRow;
    if (cur) next.id = cur.id;
    else {
      // New here: planned before its write, so the row is written once with its `laterDueAt`
      // (not again by the replan), and it has no stored touches to read and diff. As for an
      // import's, only the touches due within the hour (and step 0) become rows: every reader
      // computes the rest from `laterDueAt` (lib/db/horizon.ts), and the minute alarm stores each
      // hour as it comes. A new rep's first sync of 10,000 teammates' sequences wrote 8,600 touch
      // rows (each one's next step, mostly weeks ahead), now 2,100. The hour's are stored here so
      // the alarm finds none to write mid-sync (its sequence writes would queue outbox entries).
      fresh.set(next, storedTouchRows(next, now, now + STORE_AHEAD_MS - 1, true));
    }
    rows.push(next);
    gids.push(doc._id);
    ok.push(true);
  });
  if (!rows.length) return { ok };
  // A sequence's contact now and, should it have moved, the one it had.
  await keep?.before(rows.flatMap((r) => [r.contactId, curOf.get(r.id as number)?.contactId ?? r.contactId]));
  const ids = (await db.enrolments.bulkPut(rows, { allKeys: true })) as number[];
  const touches: TouchRow[] = [];
  rows.forEach((r, i) => {
    r.id = ids[i] as number;
    links.set(gids[i] as string, 'enrolments', r.id);
    const planned = fresh.get(r);
    if (!planned) replan.push(r);
    else for (const t of planned) touches.push({ ...t, enrolmentId: r.id } as TouchRow);
  });
  // A teammate's sequence that arrives running for a lead already opted out here (its opt-out
  // came in an earlier page or run, before its owner stopped it): an opt-out wins over a plan,
  // so it stops here now, as `stopSequences` stops the ones stored when the opt-out arrives.
  const late = rows.filter((r) => present.get(r.contactId) && STOPPABLE.has(r.state));
  // The new sequences' touch rows need only their ids: handed to the caller, written with the
  // page's next writes (the activities'), one round less per page. Each round waits its turn
  // behind the replication's writes to the local copy. Asked here and awaited in the caller
  // instead, the page's transaction lost Dexie's zone (PrematureCommitError).
  if (!late.length) return { ok, touches };
  // Rare: the stop reads the touch rows, so they are written first.
  if (touches.length) await db.touches.bulkAdd(touches);
  await keep?.before(late.map((r) => r.contactId));
  const { applied } = await applyBatch(db, late, { type: 'opt-out' }, now, 'team');
  replan.push(...applied);
  return { ok };
}

/**
 * Applies activity documents in one read and one write: an activity already here is left as
 * it is (keyed by its global id, never added twice), an undone one is removed; `false` for one
 * whose contact is not here yet (kept aside). `added`: the global ids of the rows added.
 */
async function applyActivities(
  ctx: SyncContext,
  docs: ActivityDoc[],
  links: Links,
  /** The page's new sequences' touch rows (see `applyEnrolments`): written first, in the same round. */
  touches: readonly TouchRow[] = [],
): Promise<{ ok: boolean[]; added: string[] }> {
  const { db } = ctx;
  const localIds = docs.map((d) => links.get(d._id) as number | undefined);
  const known = docs
    .map((d, i) => (d.deleted ? undefined : localIds[i]))
    .filter((id): id is number => id !== undefined);
  const existing = new Set((await db.activities.bulkGet(known)).filter((a) => !!a).map((a) => a.id));
  const ok: boolean[] = [];
  const dels: number[] = [];
  const rows: ActivityRow[] = [];
  const gids: string[] = [];
  docs.forEach((doc, i) => {
    const localId = localIds[i];
    if (doc.deleted) {
      if (localId !== undefined) dels.push(localId);
      ok.push(true);
      return;
    }
    if (localId !== undefined && existing.has(localId)) {
      ok.push(true);
      return;
    }
    const contactId = doc.contact ? (links.get(doc.contact) as number | undefined) : undefined;
    if (doc.contact && contactId === undefined) {
      ok.push(false);
      return;
    }
    const row = { ...doc.row, gid: doc._id } as unknown as ActivityRow;
    if (contactId !== undefined) row.contactId = contactId;
    const enrolmentId = links.get(doc.enrolment) as number | undefined;
    if (enrolmentId !== undefined) row.enrolmentId = enrolmentId;
    rows.push(row);
    gids.push(doc._id);
    ok.push(true);
  });
  // One round: the sequences' touch rows, the undone activities' removal and the new rows, all
  // asked then awaited one by one (never inside Promise.all), only what was asked.
  const asked = inOneRound([
    touches.length ? db.touches.bulkAdd(touches) : undefined,
    dels.length ? db.activities.bulkDelete(dels) : undefined,
    rows.length ? db.activities.bulkAdd(rows, { allKeys: true }) : undefined,
  ] as const);
  if (asked[0]) await asked[0];
  if (asked[1]) await asked[1];
  if (asked[2]) {
    const ids = (await asked[2]) as number[];
    gids.forEach((gid, i) => {
      links.set(gid, 'activities', ids[i] as number);
    });
  }
  return { ok, added: gids };
}

// ------------------------------------------------------------------ turning it on

/**
 * Queues every shared row for the first push (sync just turned on), a table at a time, one
 * transaction per slice so a large database never holds one long transaction.
 */
export async function queueEverything(db: TouchbaseDb, now: number): Promise<number> {
  let queued = 0;
  for (const table of PUSH_ORDER) {
    const keys = (await db.table(table).toCollection().primaryKeys()) as (number | string)[];
    for (let i = 0; i < keys.length; i += 5_000) {
      const slice = keys.slice(i, i + 5_000);
      await db.outbox.bulkPut(
        slice.map((key) => {
          const r: OutboxRow = { id: outboxId(table, key), table, key, n: Math.random(), at: now };
          if (table === 'contacts') r.fields = ['*'];
          return r;
        }),
      );
      queued += slice.length;
    }
  }
  return queued;
}
