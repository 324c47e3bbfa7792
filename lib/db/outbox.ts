/**
 * The sync outbox: while team sync is on, every write to a shared table leaves an `outbox` entry
 * (`<table>:<key>`) in the same IndexedDB transaction as the write itself, so a change and the
 * note to push it commit together or not at all, whichever code path wrote it (repositories,
 * import batches, undo, restore). A Dexie middleware does it, like the undo journal: it widens
 * each read-write transaction over a shared table to take in `outbox` and `meta` as well.
 * Writes the replicator applies from the team are marked and not recorded (no echo).
 */
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTransaction,
  Middleware,
  Transaction,
} from 'dexie';
import type { MetaRow } from './schema';

/**
 * The tables whose rows the team shares. Playbooks and templates are recorded too, but only the
 * ones shared with the team become documents (the push drops the rest: lib/sync/library.ts).
 */
export const SHARED_TABLES = [
  'contacts',
  'enrolments',
  'activities',
  'suppressions',
  'playbooks',
  'templates',
] as const;
export type SharedTable = (typeof SHARED_TABLES)[number];
const SHARED = new Set<string>(SHARED_TABLES);
/** Tables whose outbox entries name the fields written, so a push stamps just those. */
const FIELD_TRACKED = new Set<string>(['contacts', 'playbooks', 'templates']);
/** Tables whose rows carry their global id (`gid`): a deletion's entry keeps it. */
const ROW_GID = new Set<string>(['contacts', 'enrolments', 'activities']);

/** `meta` key of this rep on the team (`{id, name}` JSON): lib/db/ownership.ts's SYNC_ME_KEY. */
const ME_KEY = 'sync.me';

/** `meta` key whose truthy value turns recording on (set by the sync setup, cleared when off). */
export const SYNC_ON_KEY = 'sync.on';

/**
 * `meta` key of when sync was last turned on (everything there then queued for the first push);
 * cleared when it is turned off, so turning it on again gives it a new value.
 */
export const SYNC_SEEDED_KEY = 'sync.seeded';

/** One row changed (or deleted) since it was last pushed. */
export interface OutboxRow {
  /** `<table>:<JSON key>`: one entry per row, however often it changed. */
  id: string;
  table: SharedTable;
  key: number | string;
  /** A fresh value at every write, so the pusher deletes only entries it actually pushed. */
  n: number;
  /** When the row was last written (epoch ms): the edit's time, for "the latest edit wins". */
  at: number;
  /**
   * Contacts, playbooks and templates: the fields written since the last push (`*` for a new or
   * deleted row), so the push stamps just those and a change applied from the team meanwhile is
   * not overwritten.
   */
  fields?: string[];
  /**
   * A deleted contact's, sequence's or activity's global id, taken from the row as it went: the
   * push needs it to delete the team's document, and the row that held it is gone by then.
   */
  gid?: string;
}

/** Field names that differ between two versions of a row (`*`: the row appeared or went). */
export function changedFields(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return ['*'];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
}

export function outboxId(table: string, key: unknown): string {
  return `${table}:${JSON.stringify(key)}`;
}

/** Transactions whose writes came from the team (applied changes): never recorded. */
const applying = new WeakSet<DBCoreTransaction>();

/** Marks a Dexie transaction as the replicator's: its writes are not pushed back. */
export function markApplying(tx: Transaction): void {
  applying.add((tx as unknown as { idbtrans: DBCoreTransaction }).idbtrans);
}

/** The middleware; `TouchbaseDb` installs it once the schema has an `outbox` (v9). */
export const outboxMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'touchbase-outbox',
  create(down) {
    const syncOn = new WeakMap<DBCoreTransaction, Promise<boolean>>();
    const meByTrans = new WeakMap<DBCoreTransaction, Promise<{ id: string; name: string } | undefined>>();
    const meOf = (trans: DBCoreTransaction) => {
      let p = meByTrans.get(trans);
      if (!p) {
        p = down
          .table('meta')
          .get({ trans, key: ME_KEY })
          .then((r: MetaRow | undefined) => {
            try {
              const v = typeof r?.value === 'string' ? (JSON.parse(r.value) as Record<string, unknown>) : {};
              return typeof v.id === 'string' && typeof v.name === 'string'
                ? { id: v.id, name: v.name }
                : undefined;
            } catch {
              return undefined;
            }
          });
        meByTrans.set(trans, p);
      }
      return p;
    };
    const isOn = (trans: DBCoreTransaction): Promise<boolean> => {
      let p = syncOn.get(trans);
      if (!p) {
        p = down
          .table('meta')
          .get({ trans, key: SYNC_ON_KEY })
          .then((r: MetaRow | undefined) => !!r?.value);
        syncOn.set(trans, p);
      }
      return p;
    };
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened =
          mode === 'readwrite' && stores.some((s) => SHARED.has(s))
            ? [...new Set([...stores, 'outbox', 'meta'])]
            : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!SHARED.has(name)) return table;
        const pk = table.schema.primaryKey;
        const record = async (
          trans: DBCoreTransaction,
          keys: unknown[],
          fieldsOf?: (i: number) => string[],
          gids?: (string | undefined)[],
        ) => {
          const byId = new Map<string, OutboxRow>();
          const at = Date.now();
          keys.forEach((key, i) => {
            if (typeof key !== 'number' && typeof key !== 'string') return;
            const id = outboxId(name, key);
            const row: OutboxRow = { id, table: name as SharedTable, key, n: Math.random(), at };
            if (fieldsOf) row.fields = [...new Set([...(byId.get(id)?.fields ?? []), ...fieldsOf(i)])];
            const gid = gids?.[i];
            if (gid !== undefined) row.gid = gid;
            byId.set(id, row);
          });
          const values = [...byId.values()];
          if (!values.length) return;
          if (fieldsOf) {
            // Fields written earlier and not pushed yet stay pending.
            const pending = await down.table('outbox').getMany({ trans, keys: values.map((v) => v.id) });
            values.forEach((v, i) => {
              const prev = pending[i] as OutboxRow | undefined;
              if (prev?.fields) v.fields = [...new Set([...prev.fields, ...(v.fields ?? [])])].sort();
            });
          }
          await down.table('outbox').mutate({ trans, type: 'put', values });
        };
        const trackFields = FIELD_TRACKED.has(name);
        const keepsGid = ROW_GID.has(name);
        const gidsOf = (rows: unknown[]) =>
          rows.map((r) => {
            const gid = (r as { gid?: unknown } | undefined)?.gid;
            return typeof gid === 'string' ? gid : undefined;
          });
        return {
          ...table,
          async mutate(asked: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
            let req = asked;
            if (applying.has(req.trans) || !(await isOn(req.trans))) return table.mutate(req);
            if (name === 'activities' && req.type === 'add') {
              // Who logged it, for the team's weekly review; rows put back (undo, restore) keep theirs.
              const me = await meOf(req.trans);
              if (me)
                req = {
                  ...req,
                  values: req.values.map((v) =>
                    v && typeof v === 'object' && !(v as { rep?: unknown }).rep ? { ...v, rep: me } : v,
                  ),
                };
            }
            if (req.type === 'deleteRange') {
              const { result } = await table.query({
                trans: req.trans,
                values: keepsGid,
                query: { index: pk, range: req.range },
              });
              const keys = keepsGid ? result.map((r) => pk.extractKey?.(r)) : result;
              const res = await table.mutate(req);
              await record(
                req.trans,
                keys,
                trackFields ? () => ['*'] : undefined,
                keepsGid ? gidsOf(result) : undefined,
              );
              return res;
            }
            if (req.type === 'delete') {
              const gone = keepsGid ? await table.getMany({ trans: req.trans, keys: req.keys }) : undefined;
              const res = await table.mutate(req);
              await record(req.trans, req.keys, trackFields ? () => ['*'] : undefined, gone && gidsOf(gone));
              return res;
            }
            const keys: unknown[] =
              req.keys ?? req.values.map((v) => (pk.extractKey ? pk.extractKey(v) : undefined));
            const known = keys.filter((k) => k !== undefined);
            const before =
              trackFields && known.length ? await table.getMany({ trans: req.trans, keys: known }) : [];
            const beforeByKey = new Map(known.map((k, i) => [JSON.stringify(k), before[i]]));
            const res = await table.mutate(req);
            // Auto-increment rows get their key only now; failed rows changed nothing.
            const written = (res.results ?? keys).map((k, i) => (i in res.failures ? undefined : k));
            const values = req.type === 'put' || req.type === 'add' ? req.values : [];
            await record(
              req.trans,
              written,
              trackFields
                ? (i) => changedFields(beforeByKey.get(JSON.stringify(written[i])), values[i])
                : undefined,
            );
            return res;
          },
        };
      },
    };
  },
};
