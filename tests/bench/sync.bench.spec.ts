/**
 * Team sync round trip in real Chromium: an opt-out logged in one profile, visible in the other.
 * Two profiles of the e2e build (the loopback server granted) and a CouchDB-protocol server in this
 * process. Each sample: Ben opts a contact out, Ben's worker syncs, Ana's worker syncs, and Ana's
 * sequence for that contact is opted out. The alarm's interval (one minute) comes on top when
 * nobody presses "Sync now"; this measures the rest (push, replication both ways, apply).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { type CouchServer, startCouchServer } from '../e2e/support/couch-server';
import { E2E_EXTENSION_DIR, expect, launchExtension, serviceWorkerOf, test } from '../e2e/support/fixtures';
import { daytimeZone, sendFromPage } from '../e2e/support/popup';
import { median, record } from './record';

test.use({ extensionDir: E2E_EXTENSION_DIR });

const SAMPLES = 7;

async function openRep(context: BrowserContext, server: CouchServer, name: string): Promise<Page> {
  await context.route(`${server.url}/**`, (route) => route.continue());
  const sw = await serviceWorkerOf(context);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(sw.url()).host}/options.html#/settings`);
  await sendFromPage(page, 'settings.save', { patch: { timeZone: daytimeZone(), name } });
  return page;
}

/** Every enrolment row of a profile, read from its own IndexedDB. */
function enrolmentStates(page: Page): Promise<{ contactId: number; state: string }[]> {
  return page.evaluate(
    () =>
      new Promise<{ contactId: number; state: string }[]>((resolve, reject) => {
        const req = indexedDB.open('touchbase');
        req.onsuccess = () => {
          const all = req.result.transaction('enrolments').objectStore('enrolments').getAll();
          all.onsuccess = () => {
            resolve(all.result as { contactId: number; state: string }[]);
            req.result.close();
          };
          all.onerror = () => reject(all.error);
        };
        req.onerror = () => reject(req.error);
      }),
  );
}

test('sync.roundtrip', async ({ context }) => {
  const server = await startCouchServer({ users: { ana: 'a', ben: 'b' }, members: { team: ['ana', 'ben'] } });
  const ben = await launchExtension(E2E_EXTENSION_DIR);
  try {
    const a = await openRep(context, server, 'Ana');
    const b = await openRep(ben.context, server, 'Ben');
    for (let i = 0; i < SAMPLES; i++) {
      await sendFromPage(a, 'enrol', {
        contact: { email: `lead${i}@example.com`, firstName: `Lead ${i}`, timeZone: daytimeZone() },
        playbookId: 'speed-to-lead-90',
        source: 'web-form',
        via: 'bench',
      });
    }
    const setup = (user: string, password: string, repName: string) => ({
      url: server.url,
      database: 'team',
      username: user,
      password,
      repName,
    });
    expect(await sendFromPage(a, 'sync.connect', setup('ana', 'a', 'Ana'))).toHaveProperty('status');
    expect(await sendFromPage(b, 'sync.connect', setup('ben', 'b', 'Ben'))).toHaveProperty('status');
    const onB = (await enrolmentStates(b)).map((e) => e.contactId);
    expect(onB).toHaveLength(SAMPLES);
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const t0 = performance.now();
      await sendFromPage(b, 'contact.optOut', { contactId: onB[i], reason: 'bench', via: 'bench' });
      await sendFromPage(b, 'sync.now', {});
      await sendFromPage(a, 'sync.now', {});
      const states = await enrolmentStates(a);
      samples.push(performance.now() - t0);
      // Local ids differ between profiles: count the opted-out sequences instead.
      expect(states.filter((e) => e.state === 'opted-out')).toHaveLength(i + 1);
    }
    const ms = Math.round(median(samples));
    record({ name: 'sync.roundtrip.ms', value: ms, unit: 'ms', budget: 2_000 });
    console.log(
      `sync round trip (opt-out on B -> opted out on A): median ${ms} ms (${samples.map(Math.round).join(', ')})`,
    );
  } finally {
    await ben.close();
    await server.close();
  }
});
