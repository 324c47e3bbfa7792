import { openDashboard } from './support/dashboard';
import { expect, test } from './support/fixtures';

test('the tabs follow the URL hash: clicks, Back, Forward and links all switch the tab', async ({
  context,
  extensionId,
  consoleErrors,
}) => {
  const page = await context.newPage();
  await openDashboard(page, extensionId, 'contacts');
  const selected = page.getByRole('tab', { selected: true });
  await expect(selected).toHaveText('Contacts');

  await page.getByRole('tab', { name: 'Playbooks' }).click();
  await expect(page).toHaveURL(/#\/playbooks$/);
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/#\/settings$/);
  await expect(selected).toHaveText('Settings');

  await page.goBack();
  await expect(page).toHaveURL(/#\/playbooks$/);
  await expect(selected).toHaveText('Playbooks');
  await expect(page.getByRole('tabpanel')).toHaveAttribute('aria-label', 'Playbooks');
  await page.goBack();
  await expect(selected).toHaveText('Contacts');
  await page.goForward();
  await expect(selected).toHaveText('Playbooks');

  // A link (or a typed hash) inside the page switches too.
  await page.evaluate(() => {
    location.hash = '#/metrics';
  });
  await expect(selected).toHaveText('Metrics');
  await expect(page.getByRole('tabpanel')).toHaveAttribute('aria-label', 'Metrics');
  expect(consoleErrors).toEqual([]);
});
