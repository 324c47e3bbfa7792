/**
 * What the two-profile team specs share: the in-process CouchDB server of a spec file, letting a
 * profile reach it, a second rep's profile, a rep joining the team, and reading a profile's rows
 * straight from IndexedDB.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { type CouchServer, startCouchServer } from './couch-server';
import { openDashboard } from './dashboard';
import { E2E_EXTENSION_DIR, launchExtension, serviceWorkerOf, test } from './fixtures';
import { sendFromPage } from './popup';

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

/**
 * A second rep's browser profile with the e2e build (the test's own `context` is the first), its
 * worker and extension id, the test server let through. `close()` it in a `finally`.
 */
export async function teammate(
  server: CouchServer,
): Promise<{ context: BrowserContext; worker: Worker; id: string; close: () => Promise<void> }> {
  const profile = await launchExtension(E2E_EXTENSION_DIR);
  try {
    await allowServer(profile.context, server);
    const worker = await serviceWorkerOf(profile.context);
    return { ...profile, worker, id: new URL(worker.url()).host };
  } catch (err) {
    await profile.close();
    throw err;
  }
}

/**
 * A new dashboard page of this profile on Settings, the test server let through; given `rep`,
 * the rep's time zone and name saved, as a rep does before joining the team.
 */
export async function teamDashboard(
  context: BrowserContext,
  extensionId: string,
  server: CouchServer,
  rep?: { name: string; timeZone: string },
): Promise<Page> {
  await allowServer(context, server);
  const page = await context.newPage();
  await openDashboard(page, extensionId, 'settings');
  if (rep) await sendFromPage(page, 'settings.save', { patch: { timeZone: rep.timeZone, name: rep.name } });
  return page;
}

/**
 * This profile joins the team as `username` (shown to the team as `name`): {@link teamDashboard}
 * (the time zone and name saved only given `timeZone`), then `sync.connect`, which checks the
 * server and runs the first sync. Answers the page and what `sync.connect` answered.
 */
export async function joinTeam(
  context: BrowserContext,
  extensionId: string,
  server: CouchServer,
  rep: { username: string; name: string; timeZone?: string; database?: string },
): Promise<{ page: Page; joined: unknown }> {
  const { username, name, timeZone, database } = rep;
  const page = await teamDashboard(context, extensionId, server, timeZone ? { name, timeZone } : undefined);
  const joined = await sendFromPage(
    page,
    'sync.connect',
    teamSetup(server, username, name, database ? { database } : {}),
  );
  return { page, joined };
}

/** Enrols a new lead `firstName` (`<firstname>@example.com`) in speed-to-lead from `page`. */
export async function enrolLead(page: Page, firstName: string, timeZone: string): Promise<void> {
  await sendFromPage(page, 'enrol', {
    contact: { email: `${firstName.toLowerCase()}@example.com`, firstName, lastName: 'Lead', timeZone },
    playbookId: 'speed-to-lead-90',
    source: 'web-form',
    via: 'e2e',
  });
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
