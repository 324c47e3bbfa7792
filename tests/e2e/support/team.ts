/**
 * What the two-profile team specs share: letting a profile reach the in-process CouchDB server,
 * a rep's connect settings, and reading a profile's rows straight from IndexedDB.
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { CouchServer } from './couch-server';

/** Lets this profile's requests to the test server through (everything else stays aborted). */
export async function allowServer(context: BrowserContext, server: CouchServer): Promise<void> {
  await context.route(`${server.url}/**`, (route) => route.continue());
}

/** The `sync.connect` settings of one rep (password `<username>-pw` unless given). */
export function teamSetup(
  server: CouchServer,
  username: string,
  repName: string,
  opts: { password?: string; database?: string } = {},
) {
  return {
    url: server.url,
    database: opts.database ?? 'team',
    username,
    password: opts.password ?? `${username}-pw`,
    repName,
  };
}

/** Every row of one store of a profile's database, read from an extension page. */
export function rowsOf<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (store) =>
      new Promise<T[]>((resolve, reject) => {
        const req = indexedDB.open('touchbase');
        req.onsuccess = () => {
          const all = req.result.transaction(store).objectStore(store).getAll();
          all.onsuccess = () => {
            resolve(all.result as T[]);
            req.result.close();
          };
          all.onerror = () => reject(all.error);
        };
        req.onerror = () => reject(req.error);
      }),
    store,
  );
}
