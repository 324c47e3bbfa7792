import { openDashboard } from './support/dashboard';
import { expect, test } from './support/fixtures';
import { openGmail, readStore } from './support/sidebar';

const SHOTS = 'tests/e2e/screenshots';
const THREAD = 'gmail-thread-with-compose.SYNTHETIC.html';

interface SettingsRow {
  key: string;
  value: {
    name: string;
    company: string;
    signature: string;
    timeZone: string;
    setupDone?: boolean;
    bookingLink: string;
  };
}

test('first run in the dashboard: a short setup proposes the browser zone, fills the profile, and goes away', async ({
  context,
  extensionId,
  serviceWorker,
  consoleErrors,
}) => {
  const page = await context.newPage();
  await openDashboard(page, extensionId, 'contacts');
  const setup = page.getByTestId('rep-setup');
  await expect(setup).toBeVisible();
  await expect(setup).toContainText('[rep.name], [rep.company], [rep.signature]');
  const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  await expect(setup.getByTestId('setup-timeZone')).toHaveValue(browserZone);

  await setup.getByTestId('setup-name').fill('Jane Seller');
  await setup.getByTestId('setup-company').fill('Northwind Roofing');
  // The signature starts from the name and company.
  await expect(setup.getByTestId('setup-signature')).toHaveValue('Jane Seller\nNorthwind Roofing');
  await setup.getByTestId('setup-phone').fill('+1 212 555 0100');
  await setup.getByTestId('setup-bookingLink').fill('https://example.com/book-jane');
  await setup.getByTestId('setup-timeZone').fill('America/Chicago');
  await setup.getByTestId('setup-window-start').fill('09:00');
  await page.screenshot({ path: `${SHOTS}/dashboard-first-run.png` });
  await setup.getByTestId('setup-save').click();
  await expect(page.getByTestId('rep-setup')).toHaveCount(0);

  const [row] = await readStore<SettingsRow>(serviceWorker, 'settings');
  expect(row?.value).toMatchObject({
    name: 'Jane Seller',
    company: 'Northwind Roofing',
    signature: 'Jane Seller\nNorthwind Roofing',
    timeZone: 'America/Chicago',
    bookingLink: 'https://example.com/book-jane',
    setupDone: true,
  });
  await page.reload();
  await expect(page.getByRole('tab', { selected: true })).toHaveText('Contacts');
  await expect(page.getByTestId('rep-setup')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('first run in the Gmail sidebar: a greeting that opens the setup, skippable, and the placeholders stay flagged', async ({
  context,
  serviceWorker,
}) => {
  const { page, sidebar } = await openGmail(context, THREAD);
  const setup = sidebar.getByTestId('rep-setup');
  await expect(setup).toContainText('Welcome to Touchbase');
  await setup.getByTestId('setup-open').click();
  await expect(setup.getByTestId('setup-name')).toBeVisible();
  await page.locator('#touchbase-sidebar').screenshot({ path: `${SHOTS}/sidebar-first-run.png` });
  await setup.getByTestId('setup-skip').click();
  await expect(sidebar.getByTestId('rep-setup')).toHaveCount(0);
  const [row] = await readStore<SettingsRow>(serviceWorker, 'settings');
  expect(row?.value).toMatchObject({ name: '', setupDone: true });

  // Skipped: the first draft still carries the placeholders, and the sidebar says so.
  await sidebar.getByTestId('enrol-playbook').selectOption('seven-touch-14-day');
  await sidebar.getByTestId('enrol-submit').click();
  await expect(sidebar.getByTestId('draft-problems')).toContainText('rep.name');
});
