import { E2E_EXTENSION_DIR, expect, serveSite, test } from './support/fixtures';

// The e2e copy: HubSpot's hosts are granted at install, as if the rep had turned HubSpot on.
test.use({ extensionDir: E2E_EXTENSION_DIR });

const PORTAL = 'https://app.hubspot.com/contacts/4410001';

test('granted: the background registers the HubSpot script, top frame only', async ({ serviceWorker }) => {
  await expect
    .poll(async () => serviceWorker.evaluate(() => chrome.scripting.getRegisteredContentScripts()))
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
  await expect
    .poll(
      async () => (await serviceWorker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).length,
    )
    .toBe(1);
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
