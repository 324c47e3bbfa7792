/**
 * What the two-profile team specs share: the in-process CouchDB server of a spec file, letting a
 * profile reach it, a rep's connect settings, and reading a profile's rows straight from IndexedDB.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { type CouchServer, startCouchServer } from './couch-server';
import { test } from './fixtures';

/**
 * Starts one server for the spec file's tests (`beforeAll`) with Ana and Ben as users (passwords
 * `ana-pw`, `ben-pw`) and `members` as each database's members, and closes it after them. Call
 * it at the top of the file: what it answers stands for that server, so the tests use it as one
 * (reading it before `beforeAll` ran throws).
 */
export function teamServer(members: Record<string, string[]>): CouchServer {
  let server: CouchServer | undefined;
  test.beforeAll(async () => {
    server = await startCouchServer({ users: { ana: 'ana-pw', ben: 'ben-pw' }, members });
  });
  test.afterAll(async () => {
    await server?.close();
  });
  return new Proxy({} as CouchServer, {
    get(_, key) {
      if (!server) throw new Error('teamServer: the server starts in beforeAll; read it in a test');
      const value = Reflect.get(server, key);
      return typeof value === 'function' ? value.bind(server) : value;
    },
  });
}

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
