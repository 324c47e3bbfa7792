/**
 * What a rep waits for at volume, end to end in real Chromium with the built extension, driving
 * the dashboard and popup as a rep does. Bulk operations are ratios to a raw-IndexedDB floor
 * measured in the same run (tests/bench/volume-support.ts); the floor is recorded beside each.
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { generatedCsv, openDashboard } from '../e2e/support/dashboard';
import { waitForDb } from '../e2e/support/extension';
import { expect, test } from '../e2e/support/fixtures';
import { median, record } from './record';
import {
  bulkFloor,
  exportFloor,
  importFloor,
  pageProbes,
  putRows,
  seedDue,
  seedHistory,
  openTimed,
  waitQuietly,
  watchFor,
  whenShown,
  eventAt,
} from './volume-support';

const N = 10_000;
/** How the pages write N since counts go through lib/format ("10,000"). */
const N_SHOWN = N.toLocaleString('en-US');
const LONG = { timeout: 280_000 };

async function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __tbLong: number }).__tbLong);
}

test('volume.import.10k, volume.mainThread.maxTaskMs and volume.bulk.10k', async ({
  context,
  extensionId,
  serviceWorker: sw,
}) => {
  test.setTimeout(1_500_000);
  await waitForDb(sw);
  const page = await context.newPage();
  await page.addInitScript(pageProbes('[data-testid="never"]'));
  await openDashboard(page, extensionId, 'import');
  await expect(page.getByTestId('import-drop')).toBeVisible();

  // Floor first (twice, the faster one counts), then the real import on the same, empty, store.
  const importFloorMs = Math.min(await importFloor(sw, N), await importFloor(sw, N));

  await watchFor(page, 'read', '[data-testid="import-run"]', true);
  const t0 = Date.now();
  await page.getByTestId('import-file').setInputFiles({
    name: 'leads.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(generatedCsv(N)),
  });
  // Playwright builds the File inside the page (a task of its own a native picker does not
  // have): the longest task counts from here.
  await page.evaluate(() => (window as unknown as { __tbLongReset(): void }).__tbLongReset());
  // "File chosen" is the input's change event, "done" the page's change that showed the button
  // or the summary, both on the page's clock: before, the figure also held Playwright handing
  // the file's bytes over (the bench's own cost) and up to 250 ms of polling per wait.
  const readEnd = await whenShown(page, 'read');
  const readPolled = Date.now() - t0;
  const readMs = readEnd - (await eventAt(page, 'change'));
  await page.getByTestId('import-enrol').check();
  await page.getByTestId('import-source').selectOption('web-form');
  await page.getByTestId('import-playbook').selectOption('speed-to-lead-90');
  await page.evaluate(() => (window as unknown as { __tbGapMark(): void }).__tbGapMark());
  await watchFor(page, 'save', '[data-testid="import-summary"]');
  const t1 = Date.now();
  await page.getByTestId('import-run').click();
  const saveEnd = await whenShown(page, 'save');
  const savePolled = Date.now() - t1;
  const saveMs = saveEnd - (await eventAt(page, 'click'));
  const maxTask = await longestTask(page);
  const progressGap = await page.evaluate(() => (window as unknown as { __tbGap: number }).__tbGap);
  await expect(page.getByTestId('import-created')).toHaveText(N_SHOWN);
  await expect(page.getByTestId('import-enrolled')).toHaveText(N_SHOWN);
  const importMs = readMs + saveMs;
  record({
    name: 'volume.import.10k.ratio',
    value: importMs / importFloorMs,
    unit: 'x floor',
    budget: 1.5,
    floorMs: importFloorMs,
    measuredMs: importMs,
  });
  record({ name: 'volume.mainThread.maxTaskMs', value: Math.round(maxTask), unit: 'ms', budget: 100 });
  record({ name: 'volume.import.progressGapMs', value: Math.round(progressGap), unit: 'ms', budget: 500 });
  console.log(
    `import 10k: read ${readMs} ms + save ${saveMs} ms = ${importMs} ms (the old timing, from the bench's side with the file hand-over and 250 ms polling: ${readPolled} + ${savePolled} = ${readPolled + savePolled} ms, ${((readPolled + savePolled) / importFloorMs).toFixed(2)}x); floor ${Math.round(importFloorMs)} ms; longest task ${Math.round(maxTask)} ms; longest progress gap ${Math.round(progressGap)} ms`,
  );

  // The import half alone (TB_IMPORT_ONLY=1), for A/B runs of an import change.
  if (process.env.TB_IMPORT_ONLY) return;
  // Bulk actions on all 10,000, from the contacts table as a rep does them.
  await page.getByRole('button', { name: 'See contacts' }).click();
  const search = page.getByPlaceholder('Search name, company or email');
  const floors: number[] = [];
  const ratios: { name: string; ms: number }[] = [];
  const bulk = async (name: string, button: string, confirm: string | undefined, done: Locator) => {
    await expect(page.getByTestId('contact-count')).toHaveText(`${N_SHOWN} contacts`, LONG);
    await expect(search).toBeEnabled(LONG);
    const floor = await bulkFloor(sw);
    expect(floor.rows).toBe(N);
    floors.push(floor.ms);
    await page.getByRole('checkbox', { name: 'Select all contacts' }).check();
    const t = Date.now();
    await page.getByTestId('bulk-bar').getByRole('button', { name: button, exact: true }).click();
    if (confirm) await page.getByRole('alertdialog').getByRole('button', { name: confirm }).click();
    await expect(done).toBeVisible(LONG);
    ratios.push({ name, ms: Date.now() - t });
    console.log(`bulk ${name} 10k: ${Date.now() - t} ms; floor ${Math.round(floor.ms)} ms`);
  };
  const status = (text: RegExp) => page.getByRole('status').filter({ hasText: text });
  await bulk('pause', 'Pause', undefined, status(new RegExp(`Paused ${N_SHOWN} contacts`)));
  await bulk('resume', 'Resume', undefined, status(new RegExp(`Resumed ${N_SHOWN} contacts`)));
  await bulk(
    'stop',
    'Stop sequence…',
    'Stop sequences',
    status(new RegExp(`Stopped the sequences of ${N_SHOWN} contacts`)),
  );
  // With nothing left the table gives way to the empty state: that is the rep's "done".
  await bulk('delete', 'Delete…', `Delete ${N_SHOWN} contacts`, page.getByTestId('contacts-empty'));
  const bulkFloorMs = Math.min(...floors);
  const worst = ratios.reduce((a, b) => (b.ms > a.ms ? b : a));
  record({
    name: 'volume.bulk.10k.ratio',
    value: worst.ms / bulkFloorMs,
    unit: `x floor (worst: ${worst.name})`,
    budget: 2,
    floorMs: bulkFloorMs,
    measuredMs: worst.ms,
  });
  console.log(
    `bulk 10k: ${ratios.map((r) => `${r.name} ${r.ms} ms (${(r.ms / bulkFloorMs).toFixed(1)}x)`).join(', ')}; floor ${Math.round(bulkFloorMs)} ms (${floors.map(Math.round).join(', ')})`,
  );
});

test('volume.export.100k and volume.metrics.100k', async ({ context, extensionId, serviceWorker: sw }) => {
  test.setTimeout(900_000);
  await waitForDb(sw);
  // A busy rep's year: 100,000 activities over 365 days, so a week under review holds about 2,000.
  await seedHistory(sw, { contacts: N, activities: 100_000, days: 365 });

  const page = await context.newPage();
  // The long-task probe: the tab must stay usable while 100,000 rows are read, sorted and written.
  await page.addInitScript(pageProbes('[data-testid="never"]'));
  await openDashboard(page, extensionId, 'activity');
  await expect(page.getByTestId('activity-list')).toBeVisible(LONG);
  // Floor and export alternate, twice each, and each counts its faster run (the floor had two
  // runs before, the export one): the 100,000 rows just seeded (and, in a full run, the import
  // test's browser just gone) may leave the disk and the database busy for a while, and whichever
  // ran first took all of that; alternating gives both the same chances. The export is timed from the rep's click as the page saw it (Playwright's
  // checks before it clicks are the bench's own cost; the floor has none) to the download.
  const floor: Awaited<ReturnType<typeof exportFloor>>[] = [];
  const exports: { ms: number; polled: number; task: number }[] = [];
  for (let run = 0; run < 2; run++) {
    floor.push(await exportFloor(page));
    await page.evaluate(() => (window as unknown as { __tbLongReset(): void }).__tbLongReset());
    const t = Date.now();
    const download = page.waitForEvent('download', LONG);
    await page.getByTestId('export-activity').click();
    const file = await download;
    const done = Date.now();
    exports.push({
      ms: done - (await eventAt(page, 'click')),
      polled: done - t,
      task: await longestTask(page),
    });
    await expect(page.getByTestId('export-status')).toContainText('100,000');
    await file.delete();
  }
  expect(floor[0]!.rows).toBe(100_000);
  const exportFloorMs = Math.min(...floor.map((f) => f.ms));
  const exportMs = Math.min(...exports.map((e) => e.ms));
  const exportTask = Math.max(...exports.map((e) => e.task));
  record({
    name: 'volume.export.100k.ratio',
    value: exportMs / exportFloorMs,
    unit: 'x floor',
    budget: 2,
    floorMs: exportFloorMs,
    measuredMs: exportMs,
  });
  record({ name: 'volume.export.maxTaskMs', value: Math.round(exportTask), unit: 'ms', budget: 100 });
  console.log(
    `export 100k: ${exportMs} ms (${exports.map((e) => e.ms).join(', ')}; the old timing, from before Playwright's click: ${exports.map((e) => e.polled).join(', ')} ms, ${(Math.min(...exports.map((e) => e.polled)) / exportFloorMs).toFixed(2)}x); floor ${Math.round(exportFloorMs)} ms (${floor.map((f) => Math.round(f.ms)).join(', ')}); longest task ${Math.round(exportTask)} ms`,
  );

  // Metrics: navigation to the channel chart drawn, one warm-up then the median of three.
  const samples: number[] = [];
  for (let run = 0; run <= 3; run++) {
    const p = await context.newPage();
    await p.addInitScript(pageProbes('[data-testid="chart-by-channel"] canvas'));
    const ms = await openTimed(p, `chrome-extension://${extensionId}/options.html#/metrics`);
    if (run > 0) samples.push(ms);
    await p.close();
  }
  const metricsMs = Math.round(median(samples));
  record({ name: 'volume.metrics.100k.ms', value: metricsMs, unit: 'ms', budget: 500 });
  console.log(`metrics 100k: ${metricsMs} ms (${samples.map(Math.round).join(', ')})`);
});

/**
 * Opens the popup six times as a rep does, at its size, each time in a new page, and times each
 * opening to its first row (`openTimed`); the first opening is a warm-up, not a sample. Each opening
 * waits for the capped list's 300 rows (`rowSelector`) before `onOpened`, then the page closes.
 * Answers the samples, the last header summary and the sum of the numbers in it (the rep's count).
 */
async function popupOpenings(
  context: BrowserContext,
  extensionId: string,
  rowSelector: string,
  onOpened?: (page: Page, run: number, ms: number) => Promise<void>,
): Promise<{ samples: number[]; summary: string; shown: number }> {
  const samples: number[] = [];
  let summary = '';
  for (let run = 0; run <= 5; run++) {
    const page = await context.newPage();
    await page.setViewportSize({ width: 400, height: 600 });
    await page.addInitScript(pageProbes('[data-testid="due-row"]'));
    const ms = await openTimed(page, `chrome-extension://${extensionId}/popup.html`);
    summary = (await page.getByTestId('popup-summary').textContent()) ?? '';
    // The first screenful comes first; the rest of the capped list follows right after.
    await expect(page.locator(rowSelector)).toHaveCount(300);
    await onOpened?.(page, run, ms);
    if (run > 0) samples.push(ms);
    await page.close();
  }
  const shown = [...summary.replace(/[,\s](?=\d{3})/g, '').matchAll(/(\d+)/g)].reduce(
    (sum, m) => sum + Number(m[1]),
    0,
  );
  return { samples, summary, shown };
}

test('volume.popup.20k', async ({ context, extensionId, serviceWorker: sw }) => {
  test.setTimeout(600_000);
  await waitForDb(sw);
  const DUE = 20_000;
  await seedDue(sw, DUE);
  const { samples, summary, shown } = await popupOpenings(context, extensionId, '[data-testid="due-row"]');
  const popupMs = Math.round(median(samples));
  // The rep must see how many are really due: overdue + today must add up to every seeded touch.
  record({ name: 'volume.popup.20k.ms', value: popupMs, unit: 'ms', budget: 200 });
  record({ name: 'volume.popup.20k.countMissing', value: DUE - shown, unit: 'touches', budget: 0 });
  console.log(`popup 20k: ${popupMs} ms (${samples.map(Math.round).join(', ')}); summary "${summary}"`);
});

/** The popup's stored header counts as the background left them (`meta` 'due.counts'). */
function storedCounts(): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('touchbase');
    req.onsuccess = () => {
      const get = req.result.transaction('meta').objectStore('meta').get('due.counts');
      get.onsuccess = () => {
        resolve(String((get.result as { value?: unknown } | undefined)?.value ?? ''));
        req.result.close();
      };
      get.onerror = () => reject(get.error);
    };
    req.onerror = () => reject(req.error);
  });
}

/**
 * The popup past its 300-row cap with team sync on, as rep B of a team where half the 20,000 due
 * leads are A's: the header counts hold B's own 10,000 (the badge's owner rule), so they cannot
 * come from the index counts alone.
 */
test('team.popup.20k', async ({ context, extensionId, serviceWorker: sw }) => {
  test.setTimeout(600_000);
  await waitForDb(sw);
  const DUE = 20_000;
  const ana = { id: 'replica-ana', name: 'Ana' };
  const ben = { id: 'replica-ben', name: 'Ben' };
  await seedDue(sw, DUE, { owner: (id) => (id % 2 === 0 ? ana : ben) });
  // Sync on as Ben, as Connect records it (`meta` for the counts, the settings for the list's
  // teammates' group); the server is unreachable (every request is aborted): the popup only reads.
  await putRows(sw, {
    meta: [
      { key: 'sync.on', value: 1 },
      { key: 'sync.me', value: JSON.stringify(ben) },
    ],
  });
  await sw.evaluate(
    (replica) =>
      chrome.storage.local.set({
        syncConfig: {
          url: 'http://127.0.0.1:9',
          database: 'team',
          username: 'ben',
          password: 'ben-pw',
          repName: 'Ben',
          enabled: true,
          replica,
        },
      }),
    ben.id,
  );
  let selfCountMs = 0;
  // The 300 rows read: Ben's own, then Ana's at the end under "Teammates' leads".
  const { samples, summary, shown } = await popupOpenings(
    context,
    extensionId,
    '[data-testid="due-row"], [data-testid="due-row-theirs"]',
    async (page, run, ms) => {
      if (run === 5) await page.screenshot({ path: 'test-results/team-popup-20k.png' });
      if (run > 0) return;
      // Rows seeded behind Dexie: this first popup counted for itself and asked the background
      // to store the counts, as its minute alarm does anyway. Measured once the background has.
      selfCountMs = ms;
      await expect.poll(() => sw.evaluate(storedCounts), { timeout: 120_000 }).toMatch(/"me":"replica-ben"/);
    },
  );
  const popupMs = Math.round(median(samples));
  // What the background's badge refresh (every minute, after writes, after a sync) takes at this
  // size: with the stored counts still good it leaves them (lib/db/due-summary.ts); with them
  // gone (a write that did not keep them) it counts every due row and its owner again.
  const probe = await context.newPage();
  await probe.goto(`chrome-extension://${extensionId}/popup.html`);
  const refresh = () =>
    probe.evaluate(async () => {
      const t0 = performance.now();
      await chrome.runtime.sendMessage({ type: 'badge.refresh', payload: {} });
      return performance.now() - t0;
    });
  const dropCounts = () =>
    probe.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('touchbase');
          req.onsuccess = () => {
            const tx = req.result.transaction('meta', 'readwrite');
            for (const k of ['due.counts', 'due.popupRows']) tx.objectStore('meta').delete(k);
            tx.oncomplete = () => {
              req.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          req.onerror = () => reject(req.error);
        }),
    );
  // A popup opened while that refresh runs (right after a sync page, say): the recount's
  // read-write transaction holds the popup's reads until it is done.
  const openDuringRefresh = async () => {
    const pending = refresh();
    const page = await context.newPage();
    await page.setViewportSize({ width: 400, height: 600 });
    await page.addInitScript(pageProbes('[data-testid="due-row"]'));
    const ms = await openTimed(page, `chrome-extension://${extensionId}/popup.html`);
    await pending;
    await page.close();
    return ms;
  };
  const during = { kept: [] as number[], recount: [] as number[] };
  for (let i = 0; i < 2; i++) {
    during.kept.push(await openDuringRefresh());
    await dropCounts();
    during.recount.push(await openDuringRefresh());
  }
  const keptMs = await refresh();
  await dropCounts();
  const recountMs = await refresh();
  await probe.close();
  record({ name: 'team.popup.20k.ms', value: popupMs, unit: 'ms', budget: 200 });
  record({ name: 'team.popup.20k.countOff', value: Math.abs(DUE / 2 - shown), unit: 'touches', budget: 0 });
  console.log(
    `team popup 20k: ${popupMs} ms (${samples.map(Math.round).join(', ')}); counting for itself ${Math.round(selfCountMs)} ms; background refresh ${Math.round(keptMs)} ms with the counts kept, ${Math.round(recountMs)} ms recounting; popup opened during that refresh ${during.kept.map(Math.round).join(', ')} ms kept, ${during.recount.map(Math.round).join(', ')} ms recounting; summary "${summary}"`,
  );
});

test('volume.import.100k: a 100,000-row (~20 MB) CSV imports without running out of memory', async ({
  context,
  extensionId,
  serviceWorker: sw,
}) => {
  test.setTimeout(1_200_000);
  await waitForDb(sw);
  const ROWS = 100_000;
  // The generated contacts plus a notes column, to weigh about 20 MB like a real CRM export.
  const lines = generatedCsv(ROWS).split('\r\n');
  const note =
    'Met at the spring trade show; asked for a quote on the north site, call back after budget review.';
  const csv = lines
    .map((l, i) => (l === '' ? l : `${l},${i === 0 ? 'Notes' : `"${note} #${i}"`}`))
    .join('\r\n');
  const bytes = Buffer.byteLength(csv);
  const page = await context.newPage();
  await page.addInitScript(pageProbes('[data-testid="never"]'));
  await openDashboard(page, extensionId, 'import');
  const t0 = Date.now();
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.evaluate(() => (window as unknown as { __tbLongReset(): void }).__tbLongReset());
  await waitQuietly(page, '[data-testid="import-run"]', { enabled: true });
  const readMs = Date.now() - t0;
  const readHeap = await page.evaluate(
    () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  );
  await expect(page.getByTestId('import-run')).toHaveText(`Import ${ROWS.toLocaleString('en-US')} rows`);
  await page.getByTestId('import-run').click();
  await waitQuietly(page, '[data-testid="import-summary"]', { timeout: 1_000_000 });
  const ms = Date.now() - t0;
  await expect(page.getByTestId('import-created')).toHaveText(ROWS.toLocaleString('en-US'));
  const heap = await page.evaluate(
    () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  );
  const maxTask = await longestTask(page);
  // What the tab still holds once the import is done, garbage collected: the file's rows must
  // not stay in memory (usedJSHeapSize above counts garbage not yet collected).
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const retained = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  await cdp.detach();
  record({
    name: 'volume.import.100k.retainedHeapMB',
    value: Math.round(retained / 1e6),
    unit: 'MB',
    budget: 40,
  });
  record({ name: 'volume.import.100k.seconds', value: Math.round(ms / 100) / 10, unit: 's', budget: 300 });
  record({ name: 'volume.import.100k.maxTaskMs', value: Math.round(maxTask), unit: 'ms', budget: 100 });
  console.log(
    `import 100k rows (${(bytes / 1e6).toFixed(1)} MB): read ${readMs} ms (JS heap ${(readHeap / 1e6).toFixed(0)} MB), total ${ms} ms, JS heap after ${(heap / 1e6).toFixed(0)} MB (${(retained / 1e6).toFixed(0)} MB once collected), longest task ${Math.round(maxTask)} ms`,
  );
});
