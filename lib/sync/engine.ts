/**
 * The replicator: Dexie's outbox -> the local PouchDB -> CouchDB and back. One run is push (the
 * outbox into PouchDB documents), replicate (PouchDB's own protocol, both ways, one-shot), then
 * apply (PouchDB's changes feed into Dexie, one transaction per batch with its checkpoint). Every
 * step resumes where it stopped: outbox entries go only once their documents are written, the
 * apply checkpoint moves in the same transaction as the rows. See README "Team sync".
 */
import { CHANNELS, type Channel } from '@/lib/cadence';
import {
  type ActivityRow,
  applyBatch,
  type ContactRow,
  type EnrolmentRow,
  findContacts,
  markApplying,
  type OutboxRow,
  outboxId,
  type SharedTable,
  type SuppressionRow,
  type SyncIdRow,
  syncMe,
  syncPlannedTouches,
  type TouchbaseDb,
  writeTables,
} from '@/lib/db';
import { getSettings } from '@/lib/db/settings';
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
import { applyAssignDoc } from './assign-sync';
import { observe, type Stamp, tick, ZERO_STAMP } from './hlc';
import { applyLibraryDoc, buildLibraryDoc, type LibraryTable, libraryKind } from './library';
import { canonical, isSuppressed, mergeEnrolment, resolveVersions } from './merge';

/** The slice of PouchDB's API the replicator uses (a browser or a Node PouchDB both fit). */
export interface PouchLike {
  allDocs(opts: { keys: string[]; include_docs: true }): Promise<{
    rows: (
      | { id: string; doc?: unknown; value?: { rev: string; deleted?: boolean }; error?: string }
      | undefined
    )[];
  }>;
  bulkDocs(docs: object[]): Promise<unknown[]>;
  get(id: string, opts?: { rev?: string; conflicts?: boolean }): Promise<unknown>;
  changes(opts: {
    since: number | string;
    include_docs: true;
    conflicts: true;
    limit: number;
  }): Promise<{ results: { id: string; deleted?: boolean; doc?: unknown }[]; last_seq: number | string }>;
}

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
const META_SEQ = 'sync.seq';
const META_DEFERRED = 'sync.deferred';

/** Outbox entries pushed per PouchDB write; changes applied per Dexie transaction. */
export const PUSH_BATCH = 500;
export const APPLY_BATCH = 250;

export interface SyncContext {
  db: TouchbaseDb;
  local: PouchLike;
  /** This rep's replica id (stable, from setup): it ends every stamp this replica issues. */
  replica: string;
  now: () => number;
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

/** Local key of a document id, if this replica has seen it. */
async function localOf(db: TouchbaseDb, gid: string): Promise<number | string | undefined> {
  return (await db.syncIds.get(gid))?.local;
}

/**
 * Enrolment fields that are this device's bookkeeping, not the team's: local ids, and
 * `laterDueAt`, the first touch this device has not stored yet (lib/db/horizon.ts), which each
 * replica recomputes from its own clock. Pushing it would send a change every time the alarm
 * stores touches.
 */
const LOCAL_ENROLMENT_FIELDS = ['id', 'contactId', 'laterDueAt'];

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
    async () => {
      const fresh = new Map<string, SyncIdRow>();
      const gidOf = async (table: SharedTable, local: number | string, make: () => string | undefined) => {
        const known =
          [...fresh.values()].find((r) => r.table === table && r.local === local) ??
          (await db.syncIds.where('[table+local]').equals([table, local]).first());
        if (known) return known.gid;
        const gid = make();
        if (gid) fresh.set(gid, { gid, table, local });
        return gid;
      };
      const contactGidOf = async (id: number | undefined) => {
        if (id === undefined) return undefined;
        const c = await db.contacts.get(id);
        return gidOf('contacts', id, () => (c ? contactGid(c, replica) : undefined));
      };
      const out: Prepared[] = [];
      for (const entry of entries) {
        const row = (await db.table(entry.table).get(entry.key)) as Record<string, unknown> | undefined;
        let gid: string | undefined;
        const p: Partial<Prepared> = { entry, row };
        if (entry.table === 'contacts') gid = await contactGidOf(entry.key as number);
        else if (entry.table === 'suppressions') gid = docId('suppression', String(entry.key));
        else if (isLibrary(entry.table)) {
          // Only a shared one gets a document id: a private playbook or template never leaves.
          const kind = libraryKind(entry.table);
          gid = await gidOf(entry.table, entry.key, () =>
            (row as { team?: unknown } | undefined)?.team ? docId(kind, randomId()) : undefined,
          );
        } else {
          gid = await gidOf(entry.table, entry.key, () =>
            row ? docId(TABLE_KIND[entry.table], randomId()) : undefined,
          );
          if (row) {
            p.contact = await contactGidOf(row.contactId as number | undefined);
            if (entry.table === 'activities' && row.enrolmentId !== undefined)
              p.enrolment = await gidOf('enrolments', row.enrolmentId as number, () =>
                docId('enrolment', randomId()),
              );
          }
        }
        // A row deleted before it was ever pushed has no document to change.
        if (!gid) continue;
        out.push({ ...p, gid } as Prepared);
      }
      if (fresh.size) await db.syncIds.bulkPut([...fresh.values()]);
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
      row: strip(p.row ?? {}, ['id', 'contactId', 'enrolmentId', 'touchId']),
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

/**
 * Applies what PouchDB received into Dexie, from the stored checkpoint: conflicting revisions are
 * first resolved with the merge rules (merged body on the winner, losers deleted), then each
 * batch lands in one Dexie transaction together with the new checkpoint.
 */
export async function applyChanges(ctx: SyncContext): Promise<{ applied: number; resolved: number }> {
  const { db } = ctx;
  let applied = 0;
  let resolved = 0;
  let deferred = JSON.parse(await metaValue<string>(db, META_DEFERRED, '[]')) as string[];
  if (deferred.length) {
    const got = await ctx.local.allDocs({ keys: deferred, include_docs: true });
    const docs = got.rows.map((r) => r?.doc as SyncDoc | undefined).filter((d): d is SyncDoc => !!d);
    const res = await applyBatchOfDocs(ctx, docs, undefined);
    applied += res.applied;
    deferred = res.deferred;
  }
  for (;;) {
    const since = await metaValue<number | string>(db, META_SEQ, 0);
    const res = await ctx.local.changes({ since, include_docs: true, conflicts: true, limit: APPLY_BATCH });
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
    const r = await applyBatchOfDocs(ctx, docs, res.last_seq, deferred);
    applied += r.applied;
    deferred = r.deferred;
  }
  return { applied, resolved };
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

async function applyBatchOfDocs(
  ctx: SyncContext,
  docs: SyncDoc[],
  lastSeq: number | string | undefined,
  carried: string[] = [],
): Promise<{ applied: number; deferred: string[] }> {
  const { db } = ctx;
  docs.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  const now = ctx.now();
  return db.transaction(
    'rw',
    [...writeTables(db), db.templates, db.syncIds, db.meta, db.outbox],
    async (tx) => {
      markApplying(tx);
      const deferred = new Set(carried);
      let clock = await metaValue<Stamp>(db, META_CLOCK, ZERO_STAMP);
      const replan: EnrolmentRow[] = [];
      let applied = 0;
      for (const doc of docs) {
        deferred.delete(doc._id);
        for (const t of stampsOf(doc)) clock = observe(clock, t);
        const ok = await applyDoc(ctx, doc, now, replan);
        if (!ok) deferred.add(doc._id);
        // Team settings (assign:*) are not rows: `applied` counts what reached the tables.
        else if (doc.kind !== 'assign') applied++;
      }
      await syncPlannedTouches(db, replan, now);
      await db.meta.put({ key: META_CLOCK, value: clock });
      await db.meta.put({ key: META_DEFERRED, value: JSON.stringify([...deferred]) });
      if (lastSeq !== undefined) await db.meta.put({ key: META_SEQ, value: lastSeq });
      return { applied, deferred: [...deferred] };
    },
  );
}

function stampsOf(doc: SyncDoc): Stamp[] {
  return 'fields' in doc ? Object.values(doc.fields).map((f) => f.t) : [doc.t];
}

/** Applies one document; `false` when its parent contact is not here yet (retried next run). */
async function applyDoc(
  ctx: SyncContext,
  doc: SyncDoc,
  now: number,
  replan: EnrolmentRow[],
): Promise<boolean> {
  switch (doc.kind) {
    case 'contact':
      await applyContact(ctx, doc, now);
      return true;
    case 'suppression':
      await applySuppression(ctx, doc, now, replan);
      return true;
    case 'enrolment':
      return applyEnrolment(ctx, doc, replan);
    case 'activity':
      return applyActivity(ctx, doc);
    case 'assign':
      await applyAssignDoc(ctx.db, doc);
      return true;
    case 'playbook':
    case 'template': {
      const table = doc.kind === 'playbook' ? 'playbooks' : 'templates';
      const localKey = (await localOf(ctx.db, doc._id)) as string | undefined;
      const { local } = await applyLibraryDoc(ctx.db, doc, { replica: ctx.replica, now, localKey });
      if (local !== undefined) await link(ctx.db, doc._id, table, local);
      return true;
    }
  }
}

async function link(db: TouchbaseDb, gid: string, table: SharedTable, local: number | string): Promise<void> {
  await db.syncIds.put({ gid, table, local });
}

async function applyContact(ctx: SyncContext, doc: ContactDoc, now: number): Promise<void> {
  const { db } = ctx;
  const v = (k: string) => doc.fields[k]?.v;
  let localId = (await localOf(db, doc._id)) as number | undefined;
  let row = localId === undefined ? undefined : await db.contacts.get(localId);
  if (!row) {
    const email = typeof v('email') === 'string' ? (v('email') as string) : '';
    const ids = Array.isArray(v('externalIds')) ? (v('externalIds') as string[]) : [];
    [row] = await findContacts(db, { emails: email ? [email] : [], externalIds: ids });
    localId = row?.id;
  }
  if (v('deleted') === true) {
    if (localId !== undefined) await deleteContactLocally(db, localId);
    return;
  }
  const pending = localId === undefined ? undefined : await db.outbox.get(outboxId('contacts', localId));
  const mine = new Set(pending?.fields ?? []);
  const patch: Record<string, unknown> = {};
  for (const k of SHARED_CONTACT_FIELDS) {
    if (!(k in doc.fields) || mine.has(k) || mine.has('*')) continue;
    const value = v(k);
    if (row && sameValue((row as unknown as Record<string, unknown>)[k], value ?? undefined)) continue;
    patch[k] = value === null ? undefined : value;
  }
  if (typeof patch.email === 'string') {
    const lower = (patch.email as string).trim().toLowerCase();
    const holder = lower ? await db.contacts.where('emailLower').equals(lower).first() : undefined;
    if (holder && holder.id !== localId) delete patch.email;
    else if (lower) patch.emailLower = lower;
  }
  if (row && localId !== undefined) {
    if (Object.keys(patch).length) await db.contacts.update(localId, { ...patch, updatedAt: now });
  } else {
    const settings = await getSettings(db);
    const fresh = {
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
    } as Omit<ContactRow, 'id'>;
    if (!fresh.emailLower) delete fresh.emailLower;
    localId = (await db.contacts.add(fresh as ContactRow)) as number;
  }
  await link(db, doc._id, 'contacts', localId);
}

async function deleteContactLocally(db: TouchbaseDb, contactId: number): Promise<void> {
  await db.touches.where('contactId').equals(contactId).delete();
  await db.enrolments.where('contactId').equals(contactId).delete();
  await db.contacts.delete(contactId);
}

async function applySuppression(
  ctx: SyncContext,
  doc: SuppressionDoc,
  now: number,
  replan: EnrolmentRow[],
): Promise<void> {
  const { db } = ctx;
  const key = doc._id.slice('suppression:'.length);
  if (!isSuppressed(doc)) {
    await db.suppressions.delete(key);
    return;
  }
  const row = { ...(doc.row as unknown as SuppressionRow), key, at: doc.at };
  await db.suppressions.put(row);
  await link(db, doc._id, 'suppressions', key);
  // An opt-out anywhere stops every touch here, for every contact it names.
  const contacts = await findContacts(db, {
    emails: row.emailLower ? [row.emailLower] : [],
    externalIds: row.externalIds ?? [],
  });
  for (const c of contacts) {
    const all = Object.fromEntries(CHANNELS.map((ch: Channel) => [ch, true])) as ContactRow['optOut'];
    await db.contacts.update(c.id, { optOut: all, updatedAt: now });
    const running = (await db.enrolments.where('contactId').equals(c.id).toArray()).filter((e) =>
      ['active', 'paused', 'booked', 'completed'].includes(e.state),
    );
    if (!running.length) continue;
    const { applied } = await applyBatch(
      db,
      running,
      { type: 'opt-out', text: row.reason || undefined },
      now,
      'team',
    );
    replan.push(...applied);
  }
}

async function applyEnrolment(ctx: SyncContext, doc: EnrolmentDoc, replan: EnrolmentRow[]): Promise<boolean> {
  const { db } = ctx;
  const contactId = (await localOf(db, doc.contact)) as number | undefined;
  if (contactId === undefined || !(await db.contacts.get(contactId))) return false;
  const localId = (await localOf(db, doc._id)) as number | undefined;
  const cur = localId === undefined ? undefined : await db.enrolments.get(localId);
  let row = doc.row;
  if (cur && (await db.outbox.get(outboxId('enrolments', cur.id)))) {
    // Changed here too and not pushed yet: both sides' actions combine.
    const mine: EnrolmentDoc = { ...doc, t: ZERO_STAMP, row: strip(cur, LOCAL_ENROLMENT_FIELDS) };
    row = mergeEnrolment(mine, doc).row;
  }
  const next = { ...row, contactId } as EnrolmentRow;
  if (cur) next.id = cur.id;
  // Fields the other side no longer has must go here too.
  const id = (await db.enrolments.put(next)) as number;
  next.id = id;
  await link(db, doc._id, 'enrolments', id);
  replan.push(next);
  return true;
}

async function applyActivity(ctx: SyncContext, doc: ActivityDoc): Promise<boolean> {
  const { db } = ctx;
  const localId = (await localOf(db, doc._id)) as number | undefined;
  if (doc.deleted) {
    if (localId !== undefined) await db.activities.delete(localId);
    return true;
  }
  if (localId !== undefined && (await db.activities.get(localId))) return true;
  const contactId = doc.contact ? ((await localOf(db, doc.contact)) as number | undefined) : undefined;
  if (doc.contact && contactId === undefined) return false;
  const row = { ...doc.row } as unknown as ActivityRow;
  if (contactId !== undefined) row.contactId = contactId;
  const enrolmentId = doc.enrolment ? ((await localOf(db, doc.enrolment)) as number | undefined) : undefined;
  if (enrolmentId !== undefined) row.enrolmentId = enrolmentId;
  const id = (await db.activities.add(row)) as number;
  await link(db, doc._id, 'activities', id);
  return true;
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
