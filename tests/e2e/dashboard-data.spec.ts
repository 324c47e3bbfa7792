import path from 'node:path';
import Papa from 'papaparse';
import { chooseGeneratedCsv, downloadText, openDashboard } from './support/dashboard';
import { badge } from './support/extension';
import { expect, FIXTURES_DIR, test } from './support/fixtures';

const HUBSPOT = path.join(FIXTURES_DIR, 'csv', 'hubspot-crm-exports-all-contacts-2025-10-13.SYNTHETIC.csv');
const SHOTS = 'tests/e2e/screenshots';

/** A fixed-offset zone where it is around midday right now. */
function middayZone(): string {
  const offset = ((12 - new Date().getUTCHours() + 36) % 24) - 12;
  return offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

test('imports a HubSpot export, enrols it, lists the contacts, updates the badge and exports activity', async ({
  context,
  extensionId,
  serviceWorker,
  consoleErrors,
}) => {
  const page = await context.newPage();
  await openDashboard(page, extensionId, 'import');
  // Drive time through data: the rep (and so the imported contacts) lives where it is midday now,
  // so the speed-to-lead call and email are inside the contact window whatever the clock says.
  const saved = await page.evaluate(
    (timeZone) => chrome.runtime.sendMessage({ type: 'settings.save', payload: { patch: { timeZone } } }),
    middayZone(),
  );
  expect(saved).toMatchObject({ ok: true });
  await page.getByTestId('import-file').setInputFiles(HUBSPOT);
  await expect(page.getByTestId('import-format')).toContainText('looks like a HubSpot export');
  await expect(page.getByTestId('import-preview')).toContainText('bob.buyer@example.org');
  await page.getByTestId('import-enrol').check();
  await page.getByTestId('import-source').selectOption('web-form');
  await page.getByTestId('import-playbook').selectOption('speed-to-lead-90');
  await page.screenshot({ path: `${SHOTS}/dashboard-import.png`, fullPage: true });
  await page.getByTestId('import-run').click();

  await expect(page.getByTestId('import-summary')).toBeVisible();
  await expect(page.getByTestId('import-created')).toHaveText('2');
  await expect(page.getByTestId('import-enrolled')).toHaveText('2');
  await expect(page.getByTestId('import-rejected')).toHaveText('0');
  // Speed to lead: the call and the instant email are due now, so the badge counts both of each
  // lead at once (computed from the enrolments: an import stores no touch row, lib/db/horizon.ts).
  await expect.poll(async () => (await badge(serviceWorker)).text).toBe('4');

  await page.getByRole('button', { name: 'See contacts' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('2 contacts');
  const rows = page.getByTestId('contact-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Speed to lead, 90 days');
  await expect(rows.first()).toContainText('Active');
  await expect(rows.first()).toContainText('Example Corp');
  // Each row's next touch is the call due now, though no touch row is stored yet.
  for (const i of [0, 1]) await expect(rows.nth(i).locator('.tb-due-now')).toHaveCount(1);

  // Importing the same file again in "skip" mode creates nothing.
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByTestId('import-file').setInputFiles(HUBSPOT);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-skipped')).toHaveText('2');
  await expect(page.getByTestId('import-created')).toHaveText('0');

  await page.getByRole('tab', { name: 'Activity & export' }).click();
  await expect(page.getByTestId('activity-row')).toHaveCount(2);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-activity').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^touchbase-activity-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await downloadText(download);
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  expect(csv.replaceAll('\r\n', '').includes('\n')).toBe(false);
  const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data).toHaveLength(2);
  expect(parsed.data.map((r) => r.Email).sort()).toEqual(['bob.buyer@example.org', 'carol.cfo@example.org']);
  expect(parsed.data[0]?.Playbook).toBe('Speed to lead, 90 days');
  expect(parsed.data[0]?.Kind).toBe('enrolled');
  expect(parsed.data[0]?.['Date and time']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);

  const [contactsDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-contacts').click(),
  ]);
  const contactsCsv = await downloadText(contactsDownload);
  const contacts = Papa.parse<Record<string, string>>(contactsCsv.slice(1), {
    header: true,
    skipEmptyLines: true,
  });
  expect(contacts.data.map((r) => r['First Name']).sort()).toEqual(['Bob', 'Carol']);
  expect(consoleErrors).toEqual([]);
});

test('a large file imports with progress, and the table searches, sorts and bulk-enrols', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(60_000);
  const page = await context.newPage();
  await openDashboard(page, extensionId, 'import');
  // Remember whether the progress bar ever showed (it may be on screen for a moment only).
  await page.evaluate(() => {
    const w = window as unknown as { sawProgress: boolean };
    w.sawProgress = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="import-progress"]')) w.sawProgress = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await chooseGeneratedCsv(page, 5000);
  await expect(page.getByTestId('import-format')).toContainText('don’t recognise this layout');
  await expect(page.getByTestId('import-preview')).toContainText('ada.lovelace0@example.com');
  expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).toBe(true);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-created')).toHaveText('5,000', { timeout: 20_000 });

  await page.getByRole('tab', { name: 'Contacts' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('5,000 contacts');
  // Virtualized: only a screenful of rows is in the DOM.
  expect(await page.getByTestId('contact-row').count()).toBeLessThan(80);

  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('hopper lumen');
  await expect(page.getByTestId('contacts-shown')).toContainText('matches');
  const matches = Number((await page.getByTestId('contacts-shown').textContent())?.match(/\d+/)?.[0]);
  expect(matches).toBeGreaterThan(0);
  await page.getByRole('checkbox', { name: 'Select all matching contacts' }).check();
  await expect(page.getByTestId('bulk-bar')).toContainText(`${matches} selected`);
  await page.getByRole('combobox', { name: 'Lead source' }).selectOption('referral');
  await page.getByRole('combobox', { name: 'Playbook' }).selectOption('seven-touch-14-day');
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Enrol' }).click();
  await expect(page.getByRole('status')).toContainText(`Enrolled ${matches} contact`);
  await expect(page.getByTestId('contact-row').first()).toContainText('7 touches in 14 days');

  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  // Default order is "next touch first": the freshly enrolled contacts lead the list.
  await expect(page.getByTestId('contact-row').first()).toContainText('Active');
  await page.getByTestId('contact-row').nth(2).getByRole('checkbox').check();
  await page.screenshot({ path: `${SHOTS}/dashboard-contacts.png` });
  await page.getByRole('button', { name: 'Company' }).click();
  await expect(page.getByRole('columnheader', { name: /Company/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByTestId('contact-row').first()).toContainText('Acme Roofing');

  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('button', { name: 'Delete 1 contact' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('4,999 contacts');
});

test('a malformed CSV is refused with a clear message and imports nothing', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  await openDashboard(page, extensionId, 'import');
  await page.getByTestId('import-file').setInputFiles({
    name: 'photo.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3,
    ]),
  });
  await expect(page.getByTestId('import-error')).toContainText('photo.csv can’t be imported');
  await expect(page.getByTestId('import-error')).toContainText('Nothing was imported');

  // A CSV without any e-mail column cannot be imported until one is chosen.
  await page.getByTestId('import-file').setInputFiles({
    name: 'names.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Name,City\r\nAda,London\r\n'),
  });
  await expect(page.getByText('Choose the column that holds the email address.')).toBeVisible();
  await expect(page.getByTestId('import-run')).toBeDisabled();

  await page.getByRole('tab', { name: 'Contacts' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('0 contacts');
  await expect(page.getByTestId('contacts-empty')).toContainText('Import a CSV');
});

test('settings save, and an unknown time zone is refused', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await openDashboard(page, extensionId, 'settings');
  await page.getByTestId('settings-name').fill('Sam Seller');
  await page.getByTestId('settings-company').fill('Harbor HVAC');
  await page.getByTestId('settings-bookingLink').fill('https://cal.example.com/sam');
  await page.getByTestId('settings-timeZone').fill('America/Chicago');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveText('Settings saved.');

  await page.getByTestId('settings-timeZone').fill('Mars/Olympus_Mons');
  await expect(page.getByTestId('settings-timeZone-problem')).toContainText('not a time zone we know');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toContainText('Not saved');
  await page.getByTestId('settings-timeZone').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/dashboard-settings.png` });

  // The background refuses it too, whatever a page sends.
  const refused = await page.evaluate(() =>
    chrome.runtime.sendMessage({
      type: 'settings.save',
      payload: { patch: { timeZone: 'Mars/Olympus_Mons' } },
    }),
  );
  expect(refused).toMatchObject({ ok: false });

  await page.reload();
  await expect(page.getByTestId('settings-name')).toHaveValue('Sam Seller');
  await expect(page.getByTestId('settings-timeZone')).toHaveValue('America/Chicago');
});

test('a backup downloads, a corrupted one is refused, and a good one restores', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  await openDashboard(page, extensionId, 'settings');
  await page.evaluate(() =>
    chrome.runtime.sendMessage({
      type: 'enrol',
      payload: {
        contact: { email: 'ada@example.com', firstName: 'Ada' },
        playbookId: 'seven-touch-14-day',
        source: 'referral',
        via: 'test',
      },
    }),
  );
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('backup-download').click(),
  ]);
  const backup = await downloadText(download);
  expect(JSON.parse(backup)).toMatchObject({ format: 'touchbase-backup' });

  await page.getByTestId('backup-restore-file').setInputFiles({
    name: 'backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(backup.slice(0, Math.floor(backup.length / 2))),
  });
  await expect(page.getByTestId('data-status')).toContainText('Not restored, your data is unchanged');
  await expect(page.getByTestId('data-status')).toContainText('not valid JSON');

  // Delete everything, then bring it back from the good backup.
  await page.getByRole('button', { name: 'Delete all data…' }).click();
  await page.getByTestId('delete-confirm').fill('DELETE');
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await expect(page.getByTestId('data-status')).toContainText('Everything was deleted');
  await page.getByTestId('backup-restore-file').setInputFiles({
    name: 'backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(backup),
  });
  await expect(page.getByTestId('data-status')).toContainText('Restored');
  await page.getByRole('tab', { name: 'Contacts' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('1 contact');
});
