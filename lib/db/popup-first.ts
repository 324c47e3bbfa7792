/**
 * What the popup's first paint reads (components/popup/first-paint.ts): the header counts and rows
 * the background stored with its last recount (lib/db/due-summary.ts) and what decides whether
 * they still hold, in one read transaction of plain IndexedDB. Dexie and the schema (100 KB of
 * code the popup would compile first) load afterwards with the rest of the popup.
 *
 * It only reads. A database that is not there yet is not created (the open is abandoned in its
 * upgrade), and the connection closes as soon as the reads are in, so it never holds up a
 * version change of Dexie's.
 */
import { DUE_COUNTS_KEY, POPUP_ROWS_KEY } from './due-counts-guard';
import { parseRows, parseStored, type StoredCountsRead, type StoredPopupRows } from './due-summary-check';
import type { MetaRow } from './schema';

/** lib/db/schema.ts `DB_NAME` (that module brings Dexie; a unit test keeps the two equal). */
export const FIRST_DB_NAME = 'touchbase';
/** lib/db/outbox.ts `SYNC_ON_KEY`, likewise. */
export const FIRST_SYNC_ON_KEY = 'sync.on';

export interface FirstRead extends StoredCountsRead {
  rows: StoredPopupRows | undefined;
  /** Team sync is on: its owners and teammates' leads are the full popup's to draw. */
  syncOn: boolean;
}

function lastKeyOf(store: IDBObjectStore, done: (k: number) => void): void {
  const req = store.openKeyCursor(null, 'prev');
  req.onsuccess = () => done(typeof req.result?.key === 'number' ? req.result.key : 0);
}

/** The stored counts and rows and their checks, or `undefined` when anything is missing or fails. */
export function readFirstPaint(
  idb: IDBFactory = indexedDB,
  name = FIRST_DB_NAME,
): Promise<FirstRead | undefined> {
  return new Promise((resolve) => {
    let req: IDBOpenDBRequest;
    try {
      req = idb.open(name);
    } catch {
      resolve(undefined);
      return;
    }
    // No database yet: leave creating it to Dexie.
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onerror = () => resolve(undefined);
    req.onblocked = () => resolve(undefined);
    req.onsuccess = () => {
      const db = req.result;
      try {
        const tx = db.transaction(['meta', 'touches', 'enrolments'], 'readonly');
        const meta = tx.objectStore('meta');
        const counts = meta.get(DUE_COUNTS_KEY);
        const rows = meta.get(POPUP_ROWS_KEY);
        const on = meta.get(FIRST_SYNC_ON_KEY);
        let touchKey = 0;
        let enrolmentKey = 0;
        lastKeyOf(tx.objectStore('touches'), (k) => {
          touchKey = k;
        });
        lastKeyOf(tx.objectStore('enrolments'), (k) => {
          enrolmentKey = k;
        });
        tx.oncomplete = () => {
          db.close();
          const syncOn = !!(on.result as MetaRow | undefined)?.value;
          resolve({
            stored: parseStored(counts.result as MetaRow | undefined),
            rows: parseRows(rows.result as MetaRow | undefined),
            // Counts taken for a rep (sync on) are never this read's: it is only used with sync off.
            me: undefined,
            touchKey,
            enrolmentKey,
            syncOn,
          });
        };
        tx.onerror = () => {
          db.close();
          resolve(undefined);
        };
        tx.onabort = tx.onerror;
      } catch {
        // A store missing (a database from before the stores existed): the full popup reads.
        db.close();
        resolve(undefined);
      }
    };
  });
}
