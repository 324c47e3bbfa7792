import type { Page, Worker } from '@playwright/test';
import { waitForDb } from './extension';

/** Every row of one of the extension's object stores, read in the service worker. */
export async function readStore<T = Record<string, unknown>>(sw: Worker, store: string): Promise<T[]> {
  await waitForDb(sw);
  return sw.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('touchbase');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction(name, 'readonly').objectStore(name).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return rows;
  }, store) as Promise<T[]>;
}

/**
 * Sends a runtime message from an extension page, through the real background handlers, and
 * returns its data (throws the handler's refusal).
 */
export async function send<T = unknown>(page: Page, type: string, payload: unknown): Promise<T> {
  const res = await page.evaluate(([type, payload]) => chrome.runtime.sendMessage({ type, payload }), [
    type,
    payload,
  ] as const);
  const r = res as { ok: boolean; data?: T; error?: string } | undefined;
  if (!r?.ok) throw new Error(`${type} refused: ${r?.error ?? 'no answer'}`);
  return r.data as T;
}
