import { E2E_EXTENSION_DIR, expect, serveSite, test, waitForSiteScript } from './support/fixtures';
import { extensionPage, readStore, runtime, seedSettings } from './support/sidebar';

// The e2e copy: HubSpot's hosts are granted at install, as if the rep had turned HubSpot on.
test.use({ extensionDir: E2E_EXTENSION_DIR });

const PORTAL = 'https://app.hubspot.com/contacts/4410001';
const SHOTS = 'tests/e2e/screenshots';

test('granted: the background registers the HubSpot script, top frame only', async ({ serviceWorker }) => {
  await expect
    .poll(async () =>
      (await serviceWorker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).filter((s) =>
        s.id.endsWith('hubspot'),
      ),
    )
    .toEqual([
      expect.objectContaining({
        id: 'touchbase-site-hubspot',
        js: ['content-scripts/hubspot.js'],
        allFrames: false,
        matches: expect.arrayContaining(['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*']),
      }),
    ]);
});

test('the sidebar mounts on a contact record, follows an SPA move, and never on a list page', async ({
  context,
  serviceWorker,
  consoleErrors,
}) => {
  await waitForSiteScript(serviceWorker, 'hubspot');
  await serveSite(context, 'https://app.hubspot.com', 'hubspot', 'hubspot-spa.SYNTHETIC.html');
  const page = await context.newPage();

  // A list view of the same app: the script runs but mounts nothing.
  await page.goto(`${PORTAL}/objects/0-1/views/all/list`);
  await page.waitForTimeout(800);
  await expect(page.locator('#touchbase-sidebar')).toHaveCount(0);

  await page.goto(`${PORTAL}/record/0-1/50001`);
  const frame = page.frameLocator('#touchbase-sidebar iframe');
  await expect(frame.getByTestId('sidebar')).toHaveAttribute('data-kind', 'record');
  await expect(frame.getByTestId('sidebar-url')).toHaveText(`${PORTAL}/record/0-1/50001`);

  await page.getByText('Bea Other').first().click();
  await expect(page).toHaveURL(`${PORTAL}/record/0-1/50002`);
  await expect(frame.getByTestId('sidebar-url')).toHaveText(`${PORTAL}/record/0-1/50002`);
  expect(consoleErrors).toEqual([]);
});

test('a record page: the right person, one-click enrol with phone and title, Gmail for email, SPA move', async ({
  context,
  serviceWorker,
  extensionId,
  consoleErrors,
}) => {
  await seedSettings(serviceWorker);
  await waitForSiteScript(serviceWorker, 'hubspot');
  await serveSite(context, 'https://app.hubspot.com', 'hubspot', 'hubspot-spa.SYNTHETIC.html');
  const page = await context.newPage();
  await page.goto(`${PORTAL}/record/0-1/50001`);
  const sidebar = page.frameLocator('#touchbase-sidebar iframe');

  // The record's person, never the signed-in rep or the colleague in the feed.
  await expect(sidebar.getByTestId('record-name')).toHaveText('Ada Example');
  await expect(sidebar.getByTestId('record-role')).toHaveText('Head of Operations · Contoso Demo Ltd');
  await expect(sidebar.getByTestId('record-email')).toHaveText(['ada.example@contoso-demo.example']);
  await expect(sidebar.getByTestId('record-phone').first()).toHaveAttribute('href', 'tel:+15550100101');
  await expect(sidebar.getByText(/Sam Seller|Colin Colleague/)).toHaveCount(0);

  // Not enrolled: one click, with what the page shows.
  await expect(sidebar.getByTestId('enrol-phone')).toHaveValue('+1 555 010 0101');
  await expect(sidebar.getByTestId('enrol-title')).toHaveValue('Head of Operations');
  await sidebar.getByTestId('enrol-submit').click();
  await expect(sidebar.getByTestId('contact-panel')).toBeVisible();
  const [stored] = await readStore<Record<string, unknown>>(serviceWorker, 'contacts');
  expect(stored).toMatchObject({
    email: 'ada.example@contoso-demo.example',
    firstName: 'Ada',
    lastName: 'Example',
    company: 'Contoso Demo Ltd',
    title: 'Head of Operations',
    phone: '+1 555 010 0101',
    externalIds: ['hubspot:4410001:50001'],
  });

  // An email touch from a CRM page is written in Gmail: a prefilled compose link, no insert.
  const ext = await extensionPage(context, extensionId);
  const touches = await readStore<{ id: number; channel: string; state: string }>(serviceWorker, 'touches');
  const firstPlanned = touches.find((t) => t.state === 'planned');
  if (firstPlanned && firstPlanned.channel !== 'email') {
    // Skip to the first email touch so the draft card is an email.
    for (const t of touches.filter((x) => x.state === 'planned')) {
      if (t.channel === 'email') break;
      await runtime(ext, 'touch.skip', { touchId: t.id, via: 'test' });
    }
  }
  await expect(sidebar.getByTestId('draft-insert')).toHaveCount(0);
  const link = sidebar.getByTestId('draft-open-gmail');
  await expect(link).toHaveAttribute(
    'href',
    /^https:\/\/mail\.google\.com\/mail\/.*ada\.example%40contoso-demo\.example/,
  );

  // The page's fresh values are offered, never written over what the rep keeps.
  await runtime(ext, 'contact.fromPage', {
    contactId: stored!.id,
    values: { title: 'COO', phone: '+1 555 999 0000' },
    externalIds: [],
    via: 'test',
  });
  await expect(sidebar.getByTestId('record-fresh')).toBeVisible();
  await expect(sidebar.getByTestId('fresh-title')).toContainText('Head of Operations');
  await page.screenshot({ path: `${SHOTS}/hubspot-sidebar.png` });
  expect((await readStore<{ title: string }>(serviceWorker, 'contacts'))[0]?.title).toBe('COO');
  await sidebar.getByTestId('fresh-apply').click();
  await expect(sidebar.getByTestId('record-fresh')).toHaveCount(0);
  expect((await readStore<{ title: string; phone: string }>(serviceWorker, 'contacts'))[0]).toMatchObject({
    title: 'Head of Operations',
    phone: '+1 555 010 0101',
  });

  // SPA move to another record: the sidebar follows, and offers to enrol that person.
  await page.getByText('Bea Other').first().click();
  await expect(sidebar.getByTestId('record-name')).toHaveText('Bea Other');
  await expect(sidebar.getByTestId('enrol-form')).toBeVisible();
  await expect(sidebar.getByTestId('enrol-title')).toHaveValue('Procurement Lead');
  expect(consoleErrors).toEqual([]);
});

test('a record page whose DOM changed: a calm "nothing to show here", no console errors', async ({
  context,
  serviceWorker,
  consoleErrors,
}) => {
  await waitForSiteScript(serviceWorker, 'hubspot');
  await serveSite(context, 'https://app.hubspot.com', 'hubspot', 'hubspot-dom-changed.SYNTHETIC.html');
  const page = await context.newPage();
  await page.goto(`${PORTAL}/record/0-1/50001`);
  const sidebar = page.frameLocator('#touchbase-sidebar iframe');
  await expect(sidebar.getByTestId('sidebar-empty')).toContainText('Nothing to show here');
  await expect(sidebar.getByTestId('sidebar-empty')).toContainText('could not read who is on this record');
  expect(consoleErrors).toEqual([]);
});

test.describe('a browser in German', () => {
  test.use({ browserLocale: 'de' });

  test('a record page whose DOM changed says what it could not read, in German', async ({
    context,
    serviceWorker,
    consoleErrors,
  }) => {
    await waitForSiteScript(serviceWorker, 'hubspot');
    await serveSite(context, 'https://app.hubspot.com', 'hubspot', 'hubspot-dom-changed.SYNTHETIC.html');
    const page = await context.newPage();
    await page.goto(`${PORTAL}/record/0-1/50001`);
    const sidebar = page.frameLocator('#touchbase-sidebar iframe');
    await expect(sidebar.getByTestId('sidebar-empty')).toContainText(
      'Touchbase konnte nicht lesen, wer in diesem Datensatz steht',
    );
    // The content script reports messages; the background checks them; the sidebar words them.
    await expect(sidebar.getByTestId('sidebar-problems').locator('li')).toHaveText([
      'Der Kopfbereich des Kontakts wurde nicht gefunden.',
      'Die Eigenschaften des Kontakts wurden nicht gefunden.',
      'Dieser Kontakt zeigt keine E-Mail-Adresse.',
      'Auf dieser Datensatzseite wurde niemand gefunden.',
    ]);
    await page.screenshot({ path: `${SHOTS}/hubspot-dom-changed-de.png` });
    expect(consoleErrors).toEqual([]);
  });
});
