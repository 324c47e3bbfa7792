import { chooseGeneratedCsv, openDashboard } from './support/dashboard';
import { expect, test } from './support/fixtures';

const N = 5000;
/** A count as the English interface writes it ("5,000"), and back. */
const en = (n: number) => n.toLocaleString('en-US');
const num = (s: string | undefined) => Number(s?.replace(/,/g, ''));

test('a big import saves in batches with moving progress, and Cancel keeps what landed and says so', async ({
  context,
  extensionId,
  consoleErrors,
}) => {
  const page = await context.newPage();
  // Every change of the saving progress text, with when it happened (page clock).
  await page.addInitScript(() => {
    const w = window as unknown as { __progress: { t: number; text: string }[] };
    w.__progress = [];
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="import-saved"]')?.textContent ?? '';
      const last = w.__progress.at(-1);
      if (text && text !== last?.text) w.__progress.push({ t: performance.now(), text });
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await openDashboard(page, extensionId, 'import');
  await chooseGeneratedCsv(page, N);
  await expect(page.getByTestId('import-run')).toHaveText(`Import ${en(N)} rows`);
  await page.getByTestId('import-enrol').check();
  await page.getByTestId('import-playbook').selectOption('speed-to-lead-90');
  await page.getByTestId('import-run').click();

  // Progress counts contacts saved so far, and moves while the batches land.
  const saved = page.getByTestId('import-saved');
  await expect(saved).toHaveText(new RegExp(`^Saving… [1-9][\\d,]* of ${en(N)}$`));
  const first = num((await saved.textContent())?.match(/([\d,]+) of/)?.[1]);
  await expect
    .poll(async () => num((await saved.textContent())?.match(/([\d,]+) of/)?.[1] ?? String(first)))
    .toBeGreaterThan(first);
  // Progress moves at least every half second: each batch is sized to take about a quarter
  // second, and the text changes after each. Judged by the typical step between updates (a
  // loaded test machine may stall one now and then), and there must be several of them.
  await expect
    .poll(async () => page.evaluate(() => (window as unknown as { __progress: unknown[] }).__progress.length))
    .toBeGreaterThanOrEqual(6);
  const updates = await page.evaluate(
    () => (window as unknown as { __progress: { t: number; text: string }[] }).__progress,
  );
  const counts = updates.map((u) => num(u.text.match(/([\d,]+) of/)?.[1]));
  expect(counts.every((c, i) => i === 0 || c > counts[i - 1]!)).toBe(true);
  const gaps = updates.slice(1).map((u, i) => u.t - updates[i]!.t);
  const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
  expect(median).toBeLessThanOrEqual(500);
  await page.getByTestId('import-cancel').click();

  const stopped = page.getByTestId('import-stopped');
  await expect(stopped).toContainText(`Import cancelled after`);
  const landed = num((await stopped.textContent())?.match(/after ([\d,]+) of/)?.[1]);
  expect(landed).toBeGreaterThan(first - 1);
  expect(landed).toBeLessThan(N);
  await expect(page.getByTestId('import-created')).toHaveText(en(landed));
  await expect(page.getByTestId('import-enrolled')).toHaveText(en(landed));

  // Exactly the contacts of the batches that landed are stored, each enrolled once.
  await page.getByRole('button', { name: 'See contacts' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText(`${en(landed)} contacts`);

  // Importing again in "skip" mode adds the rest and leaves the first ones alone.
  await page.getByRole('tab', { name: 'Import' }).click();
  await chooseGeneratedCsv(page, N);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-summary')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('import-created')).toHaveText(en(N - landed));
  await expect(page.getByTestId('import-skipped')).toHaveText(en(landed));
  expect(consoleErrors).toEqual([]);
});
