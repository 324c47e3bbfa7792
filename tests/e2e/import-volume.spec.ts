import { generatedCsv, openDashboard } from './support/dashboard';
import { expect, test } from './support/fixtures';

const N = 2000;

test('a big import saves in batches with moving progress, and Cancel keeps what landed and says so', async ({
  context,
  extensionId,
  consoleErrors,
}) => {
  const page = await context.newPage();
  await openDashboard(page, extensionId, 'import');
  await page.getByTestId('import-file').setInputFiles({
    name: 'leads.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(generatedCsv(N)),
  });
  await expect(page.getByTestId('import-run')).toHaveText(`Import ${N} rows`);
  await page.getByTestId('import-enrol').check();
  await page.getByTestId('import-playbook').selectOption('speed-to-lead-90');
  await page.getByTestId('import-run').click();

  // Progress counts contacts saved so far, and moves while the batches land.
  const saved = page.getByTestId('import-saved');
  await expect(saved).toHaveText(new RegExp(`^Saving… [1-9]\\d* of ${N}$`));
  const first = Number((await saved.textContent())?.match(/(\d+) of/)?.[1]);
  await expect
    .poll(async () => Number((await saved.textContent())?.match(/(\d+) of/)?.[1] ?? first))
    .toBeGreaterThan(first);
  await page.getByTestId('import-cancel').click();

  const stopped = page.getByTestId('import-stopped');
  await expect(stopped).toContainText(`Import cancelled after`);
  const landed = Number((await stopped.textContent())?.match(/after (\d+) of/)?.[1]);
  expect(landed).toBeGreaterThan(first - 1);
  expect(landed).toBeLessThan(N);
  await expect(page.getByTestId('import-created')).toHaveText(String(landed));
  await expect(page.getByTestId('import-enrolled')).toHaveText(String(landed));

  // Exactly the contacts of the batches that landed are stored, each enrolled once.
  await page.getByRole('button', { name: 'See contacts' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText(`${landed} contacts`);

  // Importing again in "skip" mode adds the rest and leaves the first ones alone.
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByTestId('import-file').setInputFiles({
    name: 'leads.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(generatedCsv(N)),
  });
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-summary')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('import-created')).toHaveText(String(N - landed));
  await expect(page.getByTestId('import-skipped')).toHaveText(String(landed));
  expect(consoleErrors).toEqual([]);
});
