import type { Worker } from '@playwright/test';

/** Reads the toolbar badge as Chrome shows it. */
export async function badge(sw: Worker): Promise<{ text: string; color: number[] }> {
  return sw.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    color: (await chrome.action.getBadgeBackgroundColor({})) as number[],
  }));
}

/** Fires the real named alarm soon, instead of sleeping until its next minute. */
export async function fireDueAlarm(sw: Worker, inMs = 10): Promise<void> {
  await sw.evaluate(async (delay) => {
    await chrome.alarms.create('touchbase-due', { when: Date.now() + delay, periodInMinutes: 1 });
  }, inMs);
}

/**
 * Waits until the extension itself has created its database (Dexie's first open), so a test
 * that seeds rows never races the schema creation.
 */
export async function waitForDb(sw: Worker): Promise<void> {
  await sw.evaluate(async () => {
    for (let i = 0; i < 200; i++) {
      const dbs = await indexedDB.databases();
      if (dbs.some((d) => d.name === 'touchbase' && (d.version ?? 0) > 0)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('The extension never opened its database');
  });
}

/** Writes rows straight into one of the extension's object stores (test seeding). */
export async function seedRows(
  sw: Worker,
  store: string,
  rows: Record<string, unknown>[],
): Promise<number[]> {
  await waitForDb(sw);
  return sw.evaluate(
    async ({ store, rows }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('touchbase');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const ids: number[] = [];
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(store, 'readwrite');
        const os = tx.objectStore(store);
        for (const row of rows) {
          const req = os.add(row);
          req.onsuccess = () => ids.push(req.result as number);
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return ids;
    },
    { store, rows },
  );
}
