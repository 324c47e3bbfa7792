import { E2E_EXTENSION_DIR, expect, serveSite, test, waitForSiteScript } from './support/fixtures';
import { readStore, seedSettings } from './support/sidebar';

// The e2e copy: Salesforce's hosts are granted at install, as if the rep had turned Salesforce on.
test.use({ extensionDir: E2E_EXTENSION_DIR });

const ORIGIN = 'https://northwind-demo.lightning.force.com';
const ADA = `${ORIGIN}/lightning/r/Contact/0035g00000AdAeXAAV/view`;
const LEAD = `${ORIGIN}/lightning/r/Lead/00Q5g00000AdLeAEAV/view`;

test('a Contact record: the right person, enrol with phone and title, SPA move to the next one', async ({
  context,
  serviceWorker,
  consoleErrors,
}) => {
  await seedSettings(serviceWorker);
  await waitForSiteScript(serviceWorker, 'salesforce');
  await serveSite(context, ORIGIN, 'salesforce', 'salesforce-spa.SYNTHETIC.html');
  const page = await context.newPage();
  await page.goto(ADA);
  const sidebar = page.frameLocator('#touchbase-sidebar iframe');
  await expect(sidebar.getByTestId('record-name')).toHaveText('Ada Example');
  await expect(sidebar.getByTestId('record-role')).toHaveText('Head of Operations · Contoso Demo Ltd');
  await expect(sidebar.getByTestId('enrol-title')).toHaveValue('Head of Operations');
  await sidebar.getByTestId('enrol-submit').click();
  await expect(sidebar.getByTestId('contact-panel')).toBeVisible();
  const [stored] = await readStore<Record<string, unknown>>(serviceWorker, 'contacts');
  expect(stored).toMatchObject({
    email: 'ada.example@contoso-demo.example',
    title: 'Head of Operations',
    company: 'Contoso Demo Ltd',
    externalIds: ['salesforce:northwind-demo:0035g00000AdAeXAAV'],
  });
  expect(String(stored?.phone)).toMatch(/555/);

  await page.getByText('Bea Other').first().click();
  await expect(sidebar.getByTestId('record-name')).toHaveText('Bea Other');
  await expect(sidebar.getByTestId('enrol-form')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('console tabs: only the shown record, never a hidden background tab', async ({
  context,
  serviceWorker,
}) => {
  await waitForSiteScript(serviceWorker, 'salesforce');
  await serveSite(context, ORIGIN, 'salesforce', 'salesforce-console.SYNTHETIC.html');
  const page = await context.newPage();
  await page.goto(ADA);
  const sidebar = page.frameLocator('#touchbase-sidebar iframe');
  await expect(sidebar.getByTestId('record-name')).toHaveText('Ada Example');
  await expect(sidebar.getByText('Bea Other')).toHaveCount(0);
});

test('native shadow DOM: the Lead is read through open shadow roots', async ({ context, serviceWorker }) => {
  await waitForSiteScript(serviceWorker, 'salesforce');
  await serveSite(context, ORIGIN, 'salesforce', 'salesforce-native-shadow.SYNTHETIC.html');
  const page = await context.newPage();
  await page.goto(LEAD);
  const sidebar = page.frameLocator('#touchbase-sidebar iframe');
  await expect(sidebar.getByTestId('record-name')).toHaveText('Ada Example');
  await expect(sidebar.getByTestId('record-role')).toHaveText('Head of Operations · Contoso Demo Ltd');
});

test('a Salesforce page whose DOM changed: calm, no console errors', async ({
  context,
  serviceWorker,
  consoleErrors,
}) => {
  await waitForSiteScript(serviceWorker, 'salesforce');
  await serveSite(context, ORIGIN, 'salesforce', 'salesforce-dom-changed.SYNTHETIC.html');
  const page = await context.newPage();
  await page.goto(ADA);
  const sidebar = page.frameLocator('#touchbase-sidebar iframe');
  await expect(sidebar.getByTestId('sidebar-empty')).toContainText('Nothing to show here');
  expect(consoleErrors).toEqual([]);
});

test.describe('a browser in Spanish', () => {
  test.use({ browserLocale: 'es' });

  test('a Salesforce page whose DOM changed says what it could not read, in Spanish', async ({
    context,
    serviceWorker,
    consoleErrors,
  }) => {
    await waitForSiteScript(serviceWorker, 'salesforce');
    await serveSite(context, ORIGIN, 'salesforce', 'salesforce-dom-changed.SYNTHETIC.html');
    const page = await context.newPage();
    await page.goto(ADA);
    const sidebar = page.frameLocator('#touchbase-sidebar iframe');
    await expect(sidebar.getByTestId('sidebar-problems').locator('li')).toHaveText([
      'No se encontró la cabecera del registro.',
      'Este contacto no muestra ninguna dirección de correo.',
      'No se encontró a nadie en esta página de registro.',
    ]);
    await page.screenshot({ path: 'tests/e2e/screenshots/salesforce-dom-changed-es.png' });
    expect(consoleErrors).toEqual([]);
  });
});
