/**
 * The team library in real Chromium: two browser profiles (Ana and Ben) with the e2e build and a
 * CouchDB-protocol server in this process (express-pouchdb on the memory adapter). Ana shares a
 * playbook and a template from the dashboard; Ben sees them as Ana's after one sync and enrols a
 * lead with the playbook; Ana's private playbook and template never reach the server.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { type CouchServer, startCouchServer } from './support/couch-server';
import { openDashboard } from './support/dashboard';
import { E2E_EXTENSION_DIR, expect, launchExtension, serviceWorkerOf, test } from './support/fixtures';
import { daytimeZone, sendFromPage } from './support/popup';

test.use({ extensionDir: E2E_EXTENSION_DIR });
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let server: CouchServer;

test.beforeAll(async () => {
  server = await startCouchServer({
    users: { ana: 'ana-pw', ben: 'ben-pw' },
    members: { team: ['ana', 'ben'] },
  });
});
test.afterAll(async () => {
  await server.close();
});

async function allowServer(context: BrowserContext): Promise<void> {
  await context.route(`${server.url}/**`, (route) => route.continue());
}

const setup = (username: string, repName: string) => ({
  url: server.url,
  database: 'team',
  username,
  password: `${username}-pw`,
  repName,
});

/** Every row of one store of a profile's database, read from an extension page. */
function rowsOf<T>(page: Page, store: string): Promise<T[]> {
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

const steps = [
  { channel: 'call', day: 0, purpose: 'acknowledge' },
  { channel: 'email', day: 0, purpose: 'acknowledge' },
  { channel: 'sms', day: 2, purpose: 'value' },
  { channel: 'email', day: 6, purpose: 'breakup' },
];

test('Ana shares a playbook and a template; Ben gets them after one sync and enrols with the playbook; private ones stay home', async ({
  context,
  extensionId,
}) => {
  const timeZone = daytimeZone();
  await allowServer(context);
  const a = await context.newPage();
  await openDashboard(a, extensionId, 'settings');
  await sendFromPage(a, 'settings.save', { patch: { timeZone, name: 'Ana' } });
  const { id: shared } = await sendFromPage<{ id: string }>(a, 'playbook.save', {
    playbook: { name: 'Inbound in 5 minutes', description: 'Call at once, then email and text.', steps },
  });
  await sendFromPage(a, 'playbook.save', { playbook: { name: 'Ana private plan', steps } });
  const { template: hello } = await sendFromPage<{ template: { id: string } }>(a, 'template.save', {
    mode: 'duplicate',
    fromId: 'acknowledge.email.default',
    changes: { name: 'Team first reply', body: 'Hi {{firstName}}, thanks for getting in touch.' },
  });
  await sendFromPage(a, 'template.save', {
    mode: 'duplicate',
    fromId: 'acknowledge.email.default',
    changes: { name: 'Ana private reply', body: 'Only Ana writes this.' },
  });
  await sendFromPage(a, 'sync.connect', setup('ana', 'Ana'));

  // Shared from the Playbooks tab and the Templates tab, as a rep does it.
  await openDashboard(a, extensionId, 'playbooks');
  await a.getByTestId(`playbook-item-${shared}`).click();
  await expect(a.getByTestId('team-share')).not.toBeChecked();
  await a.getByTestId('team-share').click();
  await expect(a.getByTestId('playbook-notice')).toContainText('Shared');
  await expect(a.getByTestId(`playbook-item-${shared}`).getByTestId('team-chip')).toHaveText(
    'Shared with the team',
  );
  await a.screenshot({ path: 'tests/e2e/screenshots/team-library-share.png' });
  await openDashboard(a, extensionId, 'templates');
  await a.getByTestId(`template-item-${hello.id}`).click();
  await a.getByTestId('team-share').click();
  await expect(a.getByTestId('template-notice')).toContainText('Shared');
  await sendFromPage(a, 'sync.now', {});

  const onServer = JSON.stringify((await server.database('team').allDocs({ include_docs: true })).rows);
  expect(onServer).toContain('Inbound in 5 minutes');
  expect(onServer).toContain('Team first reply');
  for (const secret of ['Ana private plan', 'Ana private reply', 'Only Ana writes this.'])
    expect(onServer).not.toContain(secret);

  const b = await launchExtension(E2E_EXTENSION_DIR);
  try {
    await allowServer(b.context);
    const idB = new URL((await serviceWorkerOf(b.context)).url()).host;
    const pb = await b.context.newPage();
    await openDashboard(pb, idB, 'settings');
    await sendFromPage(pb, 'settings.save', { patch: { timeZone, name: 'Ben' } });
    await sendFromPage(pb, 'sync.connect', setup('ben', 'Ben'));

    // One sync later, Ben's library has Ana's playbook, marked as hers, and not her private one.
    await openDashboard(pb, idB, 'playbooks');
    const item = pb.getByTestId('team-playbooks').getByTestId(`playbook-item-${shared}`);
    await expect(item.getByTestId('team-chip')).toHaveText('Team · by Ana');
    await expect(pb.getByText('Ana private plan')).toHaveCount(0);
    await item.click();
    await expect(pb.getByTestId('playbook-title')).toHaveText('Inbound in 5 minutes');
    await expect(pb.getByTestId('team-theirs')).toContainText('Ana shared this with the team');
    await expect(pb.getByTestId('team-share')).toHaveCount(0);
    await pb.screenshot({ path: 'tests/e2e/screenshots/team-library-playbooks.png' });

    await openDashboard(pb, idB, 'templates');
    await expect(pb.getByTestId(`template-item-${hello.id}`).getByTestId('team-chip')).toHaveText(
      'Team · by Ana',
    );
    await expect(pb.getByText('Ana private reply')).toHaveCount(0);

    // Ben enrols a lead with it: the sequence runs on its own copy of Ana's steps.
    await sendFromPage(pb, 'enrol', {
      contact: {
        email: 'lin@example.com',
        firstName: 'Lin',
        lastName: 'Okafor',
        phone: '+1 202 555 0150',
        timeZone,
      },
      playbookId: shared,
      source: 'web-form',
      via: 'e2e',
    });
    const [enrolment] = await rowsOf<{ playbookName: string; steps: unknown[] }>(pb, 'enrolments');
    expect(enrolment).toMatchObject({ playbookName: 'Inbound in 5 minutes', steps });
  } finally {
    await b.close();
  }
});
