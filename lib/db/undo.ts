/**
 * One undo mechanism for every destructive action. A Dexie middleware watches the writes of a
 * transaction started by `recordUndo` and keeps the first "before" image of every row it
 * touches; the action's transaction then stores that journal as an `undo` row, so the undo
 * survives the popup closing and the worker stopping. `undo()` puts the rows back in one
 * transaction: the same planned touches (same ids), the same states, and the activities the
 * action logged removed, as if it never happened. It refuses when a row changed since (a later
 * action), since putting the old row back would silently erase that change.
 */
import { type Msg, MsgError, msg } from '@/lib/i18n/msg';
import Dexie, {
  type DBCore,
  type DBCoreMutateRequest,
  type DBCoreTransaction,
  type IndexableType,
  type Middleware,
  type Table,
} from 'dexie';
import type { UndoTicket } from '@/lib/messaging/protocol';
import type { TouchbaseDb, UndoChange, UndoRow } from './schema';

/** How long an action stays undoable: long enough to reopen the popup and click Undo. */
export const UNDO_WINDOW_MS = 20_000;

/**
 * Tables whose writes are never journaled: the journal itself, the background's bookkeeping, and
 * the sync outbox (an undo is itself a change the team must hear about).
 */
const NOT_JOURNALED = new Set(['undo', 'meta', 'outbox']);

const ABSENT = Symbol('absent');

/** What undo changes back on a row that was there before and after: see UndoChange.patched. */
type Patch = [Record<string, unknown>, string[]];

interface TableJournal {
  /**
   * keyString -> [key, row before the first write (ABSENT when it did not exist), fingerprint of
   * the row after the latest write, and, when it is still there, the patch back to the row
   * before]. The "after" side is taken from the writes themselves, so recording an action never
   * reads its rows back.
   */
  rows: Map<string, [unknown, unknown, string, Patch?]>;
  /** Rows the action already read in its transaction (see rememberBefore), by keyString. */
  known: Map<string, unknown>;
}

type Journal = Map<string, TableJournal>;

/** Journals of the transactions being recorded, by their low-level transaction. */
const journals = new WeakMap<DBCoreTransaction, Journal>();

function keyString(key: unknown): string {
  return typeof key === 'number' ? String(key) : JSON.stringify(key);
}

function tableJournal(journal: Journal, name: string): TableJournal {
  let tj = journal.get(name);
  if (!tj) {
    tj = { rows: new Map(), known: new Map() };
    journal.set(name, tj);
  }
  return tj;
}

/**
 * Keeps the first before-image of each key; later ones are not what undo must restore. Its
 * "after" fingerprint is set by the write that follows ('' until then: unchanged).
 */
function rememberRows(tj: TableJournal, keys: readonly unknown[], before: readonly unknown[]): void {
  keys.forEach((k, i) => {
    const ks = keyString(k);
    if (!tj.rows.has(ks)) {
      const b = before[i];
      tj.rows.set(ks, [k, b === undefined ? ABSENT : b, '']);
    }
  });
}

function currentJournal(): Journal | undefined {
  const trans = (Dexie.currentTransaction as unknown as { idbtrans?: DBCoreTransaction } | null)?.idbtrans;
  return trans ? journals.get(trans) : undefined;
}

/** True inside an action whose changes are being recorded for undo. */
export function isRecordingUndo(): boolean {
  return currentJournal() !== undefined;
}

/**
 * Tells the journal of the current transaction (if it is being recorded) what `rows` of `table`
 * hold right now, so its next write to them need not read them first. Only for rows read in this
 * same transaction and not written since: they become what undo puts back.
 */
export function rememberBefore(table: Table, rows: readonly object[]): void {
  const journal = currentJournal();
  if (!journal || !rows.length) return;
  const kp = table.schema.primKey.keyPath as string;
  const tj = tableJournal(journal, table.name);
  for (const r of rows) tj.known.set(keyString((r as Record<string, unknown>)[kp]), r);
}

/** The Dexie middleware; `TouchbaseDb` installs it. */
export const undoMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'touchbase-undo',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (NOT_JOURNALED.has(name)) return table;
        const pk = table.schema.primaryKey;
        const keyPath = typeof pk.keyPath === 'string' ? pk.keyPath : undefined;
        /** Before-images of the keys not journaled yet, in one read. */
        const readBefore = async (trans: DBCoreTransaction, tj: TableJournal, keys: readonly unknown[]) => {
          const unknown: unknown[] = [];
          for (const k of keys) {
            if (k === undefined) continue;
            const ks = keyString(k);
            if (tj.rows.has(ks)) continue;
            const row = tj.known.get(ks);
            if (row !== undefined) tj.rows.set(ks, [k, row, '']);
            else unknown.push(k);
          }
          if (unknown.length) rememberRows(tj, unknown, await table.getMany({ trans, keys: unknown }));
        };
        const setAfter = (tj: TableJournal, key: unknown, row: unknown) => {
          const entry = tj.rows.get(keyString(key));
          if (!entry) {
            tj.rows.set(keyString(key), [key, ABSENT, fingerprint(row)]);
            return;
          }
          entry[2] = fingerprint(row);
          // Taken at the write: a caller may change its object afterwards without writing it.
          entry[3] = patchBack(entry[1], row);
        };
        /** A written value as stored: an auto-incremented key is part of the row read back. */
        const stored = (value: unknown, key: unknown) =>
          keyPath && value && typeof value === 'object' && !(keyPath in value)
            ? { ...(value as object), [keyPath]: key }
            : value;
        return {
          ...table,
          async mutate(req: DBCoreMutateRequest) {
            const journal = journals.get(req.trans);
            if (!journal) return table.mutate(req);
            const tj = tableJournal(journal, name);
            if (req.type === 'deleteRange') {
              // Keys first: rows the action already read (rememberBefore) are not read again;
              // otherwise the range's rows in one read, not one lookup per key.
              const { result: keys } = await table.query({
                trans: req.trans,
                values: false,
                query: { index: pk, range: req.range },
              });
              const unknown = keys.some((k) => !tj.rows.has(keyString(k)) && !tj.known.has(keyString(k)));
              if (unknown) {
                const { result } = await table.query({
                  trans: req.trans,
                  values: true,
                  query: { index: pk, range: req.range },
                });
                rememberRows(
                  tj,
                  result.map((v) => pk.extractKey?.(v)),
                  result,
                );
              } else await readBefore(req.trans, tj, keys);
              const res = await table.mutate(req);
              for (const k of keys) setAfter(tj, k, undefined);
              return res;
            }
            if (req.type === 'delete') {
              await readBefore(req.trans, tj, req.keys);
              const res = await table.mutate(req);
              req.keys.forEach((k, i) => {
                if (!(i in res.failures)) setAfter(tj, k, undefined);
              });
              return res;
            }
            const keys: unknown[] =
              req.keys ?? req.values.map((v) => (pk.extractKey ? pk.extractKey(v) : undefined));
            // Adds and auto-incremented puts are new rows: nothing to read before them.
            if (req.type === 'put') await readBefore(req.trans, tj, keys);
            const res = await table.mutate(req);
            req.values.forEach((v, i) => {
              if (i in res.failures) return;
              const key = keys[i] ?? res.results?.[i];
              if (key === undefined) return;
              if (!tj.rows.has(keyString(key))) tj.rows.set(keyString(key), [key, ABSENT, '-']);
              setAfter(tj, key, stored(v, key));
            });
            return res;
          },
        };
      },
    };
  },
};

/**
 * The fields that turn row `after` back into row `before` (both plain objects), or undefined
 * when either is not one. Fields equal on both sides (the same value, or the same canonical
 * JSON) are left out.
 */
function patchBack(before: unknown, after: unknown): Patch | undefined {
  if (!isPlainRow(before) || !isPlainRow(after)) return undefined;
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const k of Object.keys(before)) {
    const b = before[k];
    if (b === undefined) continue;
    const a = after[k];
    if (a === b) continue;
    if (a !== undefined && typeof a === 'object' && typeof b === 'object' && canonical(a) === canonical(b))
      continue;
    set[k] = b;
  }
  for (const k of Object.keys(after)) if (after[k] !== undefined && before[k] === undefined) unset.push(k);
  return [set, unset];
}

function isPlainRow(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype
  );
}

/** The row before, from the row after the action (fingerprint checked) and its patch. */
function patched(after: unknown, [set, unset]: Patch): Record<string, unknown> {
  const row = { ...(after as Record<string, unknown>), ...set };
  for (const k of unset) delete row[k];
  return row;
}

/** Canonical JSON (sorted keys), so the same row always gives the same fingerprint. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .filter((k) => o[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

/** 53-bit string hash (cyrb53): a fingerprint, not a security measure. */
function fingerprint(row: unknown): string {
  if (row === undefined) return '-';
  const s = canonical(row);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * Runs `fn` in one transaction over every table and records what it changed as an undo entry,
 * written in that same transaction (all or nothing, action and undo entry together). Nothing
 * changed, no entry. Expired entries are swept on the way.
 */
export async function recordUndo<T>(
  db: TouchbaseDb,
  meta: {
    /** What the toast says: a message, rendered where it is shown (text is kept as written). */
    label: Msg | string;
    via: string;
    now: number;
    /**
     * The time once the action has run: the undo window counts from then, so a bulk action
     * that takes longer than the window still leaves the rep its full 20 seconds. Default `now`.
     */
    clock?: () => number;
  },
  fn: () => Promise<T>,
): Promise<{ result: T; undo?: UndoTicket }> {
  return db.transaction('rw', db.tables, async (tx) => {
    const journal: Journal = new Map();
    const trans = (tx as unknown as { idbtrans: DBCoreTransaction }).idbtrans;
    journals.set(trans, journal);
    let result: T;
    try {
      result = await fn();
    } finally {
      journals.delete(trans);
    }
    await db.undo.where('expiresAt').below(meta.now).delete();
    const changes: UndoChange[] = [];
    for (const [table, tj] of journal) {
      const change: UndoChange = { table, before: [], added: [], after: {} };
      const patches: NonNullable<UndoChange['patched']> = [];
      for (const [k, before, after, patch] of tj.rows.values()) {
        change.after[keyString(k)] = after || fingerprint(before === ABSENT ? undefined : before);
        if (before === ABSENT) change.added.push(k);
        else if (patch && after) patches.push([k, ...patch]);
        else change.before.push(before);
      }
      if (patches.length) change.patched = patches;
      changes.push(change);
    }
    if (!changes.length) return { result };
    const row: Omit<UndoRow, 'id'> = {
      label: meta.label,
      via: meta.via,
      at: meta.now,
      expiresAt: Math.max(meta.now, meta.clock?.() ?? meta.now) + UNDO_WINDOW_MS,
      changes,
    };
    const id = (await db.undo.add(row as UndoRow)) as number;
    return { result, undo: { id, label: meta.label, expiresAt: row.expiresAt } };
  });
}

/** A refusal the toast shows ("Too late to undo"); nothing was written. */
export class UndoError extends MsgError {
  override name = 'UndoError';
}

/** Puts back exactly what the action changed, in one transaction, and forgets the entry. */
export async function undo(db: TouchbaseDb, undoId: number, now: number): Promise<{ label: Msg | string }> {
  return db.transaction('rw', db.tables, async () => {
    const entry = await db.undo.get(undoId);
    if (!entry || entry.expiresAt < now) {
      if (entry) await db.undo.delete(undoId);
      throw new UndoError(msg('err_undo_too_late'));
    }
    const restored: unknown[][] = [];
    for (const c of entry.changes) {
      const table = db.table(c.table);
      const pk = table.schema.primKey.keyPath as string;
      const patches = c.patched ?? [];
      const keys = [
        ...c.added,
        ...c.before.map((r) => (r as Record<string, unknown>)[pk]),
        ...patches.map((p) => p[0]),
      ];
      const current = await table.bulkGet(keys as IndexableType[]);
      keys.forEach((k, i) => {
        if (c.after[keyString(k)] !== fingerprint(current[i])) {
          throw new UndoError(msg('err_undo_changed', { label: entry.label }));
        }
      });
      const from = keys.length - patches.length;
      restored.push([
        ...c.before,
        ...patches.map(([, set, unset], i) => patched(current[from + i], [set, unset])),
      ]);
    }
    // Reverse order of tables is not needed: rows are put back by key, whole.
    for (const [i, c] of entry.changes.entries()) {
      const table = db.table(c.table);
      if (c.added.length) await table.bulkDelete(c.added as IndexableType[]);
      if (restored[i]!.length) await table.bulkPut(restored[i]!);
    }
    await db.undo.delete(undoId);
    return { label: entry.label };
  });
}

/** The newest undo entry still open for a surface (the popup shows it again when reopened). */
export async function latestUndo(db: TouchbaseDb, via: string, now: number): Promise<UndoTicket | undefined> {
  const open = await db.undo.where('expiresAt').above(now).reverse().sortBy('at');
  const e = open.find((u) => u.via === via);
  return e && { id: e.id, label: e.label, expiresAt: e.expiresAt };
}
