/**
 * One undo mechanism for every destructive action. A Dexie middleware watches the writes of a
 * transaction started by `recordUndo` and keeps the first "before" image of every row it
 * touches; the action's transaction then stores that journal as an `undo` row, so the undo
 * survives the popup closing and the worker stopping. `undo()` puts the rows back in one
 * transaction: the same planned touches (same ids), the same states, and the activities the
 * action logged removed, as if it never happened. It refuses when a row changed since (a later
 * action), since putting the old row back would silently erase that change.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTransaction, IndexableType, Middleware } from 'dexie';
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

interface TableJournal {
  /** keyString -> [key, row before the first write, or ABSENT when it did not exist] */
  rows: Map<string, [unknown, unknown]>;
}

type Journal = Map<string, TableJournal>;

/** Journals of the transactions being recorded, by their low-level transaction. */
const journals = new WeakMap<DBCoreTransaction, Journal>();

function keyString(key: unknown): string {
  return JSON.stringify(key);
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
        const remember = (journal: Journal, keys: unknown[], before: unknown[]) => {
          let tj = journal.get(name);
          if (!tj) {
            tj = { rows: new Map() };
            journal.set(name, tj);
          }
          keys.forEach((k, i) => {
            const ks = keyString(k);
            if (!tj.rows.has(ks)) tj.rows.set(ks, [k, before[i] === undefined ? ABSENT : before[i]]);
          });
        };
        return {
          ...table,
          async mutate(req: DBCoreMutateRequest) {
            const journal = journals.get(req.trans);
            if (!journal) return table.mutate(req);
            if (req.type === 'deleteRange') {
              const { result } = await table.query({
                trans: req.trans,
                values: true,
                query: { index: pk, range: req.range },
              });
              const keys = result.map((v) => pk.extractKey?.(v));
              remember(journal, keys, result);
              return table.mutate(req);
            }
            if (req.type === 'delete' || req.type === 'put') {
              const keys =
                req.keys ??
                (req.type === 'put'
                  ? req.values.map((v) => (pk.extractKey ? pk.extractKey(v) : undefined))
                  : []);
              // Rows without a key yet (auto-increment puts) are new: their key comes back below.
              const known = keys.filter((k) => k !== undefined);
              if (known.length) {
                const before = await table.getMany({ trans: req.trans, keys: known });
                remember(journal, known, before);
              }
              const res = await table.mutate(req);
              if (req.type === 'put' && known.length < keys.length && res.results) {
                const fresh = res.results.filter((_, i) => keys[i] === undefined);
                remember(
                  journal,
                  fresh,
                  fresh.map(() => undefined),
                );
              }
              return res;
            }
            const res = await table.mutate(req);
            const added = (res.results ?? []).filter((_, i) => !(i in res.failures));
            remember(
              journal,
              added,
              added.map(() => undefined),
            );
            return res;
          },
        };
      },
    };
  },
};

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
  meta: { label: string; via: string; now: number },
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
      const entries = [...tj.rows.values()];
      const keys = entries.map(([k]) => k);
      const now = await db.table(table).bulkGet(keys as IndexableType[]);
      const change: UndoChange = { table, before: [], added: [], after: {} };
      entries.forEach(([k, before], i) => {
        change.after[keyString(k)] = fingerprint(now[i]);
        if (before === ABSENT) change.added.push(k);
        else change.before.push(before);
      });
      changes.push(change);
    }
    if (!changes.length) return { result };
    const row: Omit<UndoRow, 'id'> = {
      label: meta.label,
      via: meta.via,
      at: meta.now,
      expiresAt: meta.now + UNDO_WINDOW_MS,
      changes,
    };
    const id = (await db.undo.add(row as UndoRow)) as number;
    return { result, undo: { id, label: meta.label, expiresAt: row.expiresAt } };
  });
}

/** A refusal the toast shows ("Too late to undo"); nothing was written. */
export class UndoError extends Error {
  override name = 'UndoError';
}

/** Puts back exactly what the action changed, in one transaction, and forgets the entry. */
export async function undo(db: TouchbaseDb, undoId: number, now: number): Promise<{ label: string }> {
  return db.transaction('rw', db.tables, async () => {
    const entry = await db.undo.get(undoId);
    if (!entry || entry.expiresAt < now) {
      if (entry) await db.undo.delete(undoId);
      throw new UndoError('Too late to undo: that action can no longer be taken back.');
    }
    for (const c of entry.changes) {
      const table = db.table(c.table);
      const pk = table.schema.primKey.keyPath as string;
      const keys = [...c.added, ...c.before.map((r) => (r as Record<string, unknown>)[pk])];
      const current = await table.bulkGet(keys as IndexableType[]);
      keys.forEach((k, i) => {
        if (c.after[keyString(k)] !== fingerprint(current[i])) {
          throw new UndoError(`Can't undo "${entry.label}": it was changed again since. Nothing was undone.`);
        }
      });
    }
    // Reverse order of tables is not needed: rows are put back by key, whole.
    for (const c of entry.changes) {
      const table = db.table(c.table);
      if (c.added.length) await table.bulkDelete(c.added as IndexableType[]);
      if (c.before.length) await table.bulkPut(c.before);
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
