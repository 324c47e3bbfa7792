import { E2E_EXTENSION_DIR, expect, serveSite, test, waitForSiteScript } from './support/fixtures';
import { readStore, seedSettings } from './support/sidebar';

// The e2e copy: the sites' hosts are granted at install, as if the rep had turned them on.
test.use({ extensionDir: E2E_EXTENSION_DIR });

const SITES = [
  {
    site: 'pipedrive',
    origin: 'https://northwind-demo.pipedrive.com',
    record: '/person/201',
    fixture: 'pipedrive-spa.SYNTHETIC.html',
    changed: 'pipedrive-dom-changed.SYNTHETIC.html',
    key: 'pipedrive:northwind-demo:201',
    email: 'ada.example@contoso-demo.example',
  },
  {
    site: 'linkedin',
    origin: 'https://www.linkedin.com',
    record: '/in/ada-example-0001/',
    fixture: 'linkedin-spa.SYNTHETIC.html',
    changed: 'linkedin-dom-changed.SYNTHETIC.html',
    key: 'linkedin:ada-example-0001',
    // LinkedIn shows no email: the contact is kept by its profile alone.
    email: '',
  },
] as const;

for (const s of SITES) {
  test(`${s.site}: the right person, one-click enrol, SPA move to the next record`, async ({
    context,
    serviceWorker,
    consoleErrors,
  }) => {
    await seedSettings(serviceWorker);
    await waitForSiteScript(serviceWorker, s.site);
    await serveSite(context, s.origin, s.site, s.fixture);
    const page = await context.newPage();
    await page.goto(`${s.origin}${s.record}`);
    const sidebar = page.frameLocator('#touchbase-sidebar iframe');
    await expect(sidebar.getByTestId('record-name')).toHaveText('Ada Example');
    await expect(sidebar.getByText(/Sam Seller|Colin Colleague/)).toHaveCount(0);
    if (!s.email) await expect(sidebar.getByTestId('record-no-email')).toBeVisible();
    if (s.site === 'linkedin') await page.screenshot({ path: 'tests/e2e/screenshots/linkedin-sidebar.png' });

    await sidebar.getByTestId('enrol-submit').click();
    await expect(sidebar.getByTestId('contact-panel')).toBeVisible();
    const [stored] = await readStore<Record<string, unknown>>(serviceWorker, 'contacts');
    expect(stored).toMatchObject({ email: s.email, firstName: 'Ada', lastName: 'Example' });
    expect(stored?.externalIds).toContain(s.key);
    if (!s.email) expect(stored).not.toHaveProperty('emailLower');

    await page.getByText('Bea Other').first().click();
    await expect(sidebar.getByTestId('record-name')).toHaveText('Bea Other');
    await expect(sidebar.getByTestId('enrol-form')).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test(`${s.site}: a page whose DOM changed is calm, with no console errors`, async ({
    context,
    serviceWorker,
    consoleErrors,
  }) => {
    await waitForSiteScript(serviceWorker, s.site);
    await serveSite(context, s.origin, s.site, s.changed);
    const page = await context.newPage();
    await page.goto(`${s.origin}${s.record}`);
    const sidebar = page.frameLocator('#touchbase-sidebar iframe');
    await expect(sidebar.getByTestId('sidebar-empty')).toContainText('Nothing to show here');
    expect(consoleErrors).toEqual([]);
  });
}
