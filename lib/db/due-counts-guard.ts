/**
 * Keeps the popup's stored header counts and rows (lib/db/due-summary.ts) honest: every
 * read-write transaction that writes a table they depend on drops them, in that same transaction,
 * so what is there describes the rows that are there. Only the background's recount writes them (a
 * copy in a restored backup is blanked). A Dexie middleware, like the undo journal and the sync
 * outbox: it widens such transactions to take in `meta`. Kept apart from the counting so the
 * schema can install it without importing the repositories.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTransaction, Dexie, Middleware, Transaction } from 'dexie';
import type { MetaRow } from './schema';

/** `meta` key of the stored counts. */
export const DUE_COUNTS_KEY = 'due.counts';

/** `meta` key of the popup's first rows, stored with the counts (lib/db/popup-rows.ts). */
export const POPUP_ROWS_KEY = 'due.popupRows';

/**
 * What the popup's counts and rows depend on: a write to any of these drops both. Contacts for
 * their owners (team sync on: the counts are the rep's own leads'), and for the rows' names and
 * scores.
 */
const COUNTED_TABLES = new Set(['touches', 'enrolments', 'contacts', 'settings']);
/** The keys only the recount writes. */
const KEPT = [DUE_COUNTS_KEY, POPUP_ROWS_KEY];

/** Transactions of the recount: the only writer of the stored counts. */
const writers = new WeakSet<DBCoreTransaction>();

/** Marks a Dexie transaction as the recount's. */
export function markCountsWriter(tx: Transaction): void {
  writers.add((tx as unknown as { idbtrans: DBCoreTransaction }).idbtrans);
}

/**
 * For a write that moves planned touches from computed to stored rows and changes nothing the
 * counts see (the minute alarm's `storeLaterTouches`): marks the transaction as a counts writer
 * and answers what to call once written, with whether the write turned out to be just that. Then
 * the stored counts stay, their highest touch key moved past the new rows (only when they were
 * up to date before); otherwise they are dropped, as any other write drops them.
 */
export async function holdDueCounts(
  db: Dexie,
  tx: Transaction,
): Promise<(onlyComputedStored: boolean) => Promise<void>> {
  const lastTouch = async () =>
    ((await db.table('touches').orderBy(':id').lastKey()) as number | undefined) ?? 0;
  const before = await lastTouch();
  markCountsWriter(tx);
  return async (onlyComputedStored) => {
    const meta = db.table<MetaRow, string>('meta');
    if (!onlyComputedStored) return meta.bulkDelete(KEPT);
    const row = await meta.get(DUE_COUNTS_KEY);
    if (typeof row?.value !== 'string' || !row.value) return;
    const stored = JSON.parse(row.value) as { touchKey?: unknown };
    if (stored.touchKey !== before) return;
    stored.touchKey = await lastTouch();
    await meta.put({ key: DUE_COUNTS_KEY, value: JSON.stringify(stored) });
  };
}

/** The middleware; `TouchbaseDb` installs it. */
export const dueCountsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'touchbase-due-counts',
  create(down) {
    const dropped = new WeakSet<DBCoreTransaction>();
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened =
          mode === 'readwrite' && stores.some((s) => COUNTED_TABLES.has(s)) && !stores.includes('meta')
            ? [...stores, 'meta']
            : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name === 'meta') {
          return {
            ...table,
            mutate(req: DBCoreMutateRequest) {
              if ((req.type !== 'put' && req.type !== 'add') || writers.has(req.trans))
                return table.mutate(req);
              const values = req.values.map((v) => {
                const key = (v as MetaRow | undefined)?.key;
                return key !== undefined && KEPT.includes(key) ? { key, value: '' } : v;
              });
              return table.mutate({ ...req, values });
            },
          };
        }
        if (!COUNTED_TABLES.has(name)) return table;
        return {
          ...table,
          // The drop is asked first and the write hands back its own promise, nothing awaited
          // here: a transaction runs its requests in the order made, so once the write is done
          // the drop is too. Awaiting the drop in between lost Dexie's zone for the middlewares
          // above (the undo journal, and the sync outbox that reads on after a contact write).
          // A drop that fails aborts the transaction, the write with it: no stale counts stay.
          mutate(req: DBCoreMutateRequest) {
            if (!dropped.has(req.trans) && !writers.has(req.trans)) {
              dropped.add(req.trans);
              void down
                .table('meta')
                .mutate({ trans: req.trans, type: 'delete', keys: KEPT })
                .catch(() => {
                  try {
                    (req.trans as unknown as IDBTransaction).abort();
                  } catch {
                    // Already aborted.
                  }
                });
            }
            return table.mutate(req);
          },
        };
      },
    };
  },
};
