/**
 * The daily nudge in real Chromium: the built extension's own alarm fires, the background counts,
 * and Chrome holds a real notification. With team sync on, each rep's nudge counts only their own
 * leads (a teammate's lead is the teammate's work); with sync off it counts everything.
 *
 * The e2e build has the notifications permission granted at install (no test can click Chrome's
 * prompt). `notifications.getAll()` answers only ids, so the worker's `notifications.create` is
 * wrapped to also note what it was asked to show; the real call still runs, and getAll proves
 * the notification exists.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { openDashboard } from './support/dashboard';
import { E2E_EXTENSION_DIR, expect, serviceWorkerOf, test } from './support/fixtures';
import { daytimeZone, sendFromPage } from './support/popup';
import { enrolLead, rowsOf, teamDashboard, teammate, teamSetup, teamServer } from './support/team';

test.use({ extensionDir: E2E_EXTENSION_DIR });
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const server = teamServer({ team: ['ana', 'ben'] });

/** The due alarm's name (entrypoints/background/alarms.ts). */
const DUE_ALARM = 'touchbase-due';

type Shown = { id: string; title: string; message: string };

/**
 * Notes every notification the worker asks Chrome for, then passes the call on unchanged. Done
 * before the rep turns notifications on, so whichever tick shows the nudge first is seen.
 */
async function watchNotifications(sw: Worker): Promise<void> {
  await sw.evaluate(() => {
    const g = globalThis as unknown as {
      __shown?: Shown[];
      chrome: { notifications: { create: (...a: unknown[]) => unknown } };
      browser?: { notifications?: { create: (...a: unknown[]) => unknown } };
    };
    type Shown = { id: string; title: string; message: string };
    g.__shown = [];
    for (const ns of new Set([g.chrome.notifications, g.browser?.notifications])) {
      if (!ns) continue;
      const real = ns.create.bind(ns);
      ns.create = (...args: unknown[]) => {
        const [id, opts] = args as [string, { title: string; message: string }];
        g.__shown?.push({ id, title: opts.title, message: opts.message });
        return real(...args);
      };
    }
  });
}

/**
 * Fires the real due alarm in a moment (an unpacked extension's alarm may be that near), as
 * Chrome fires it every minute, and waits for the nudge Chrome then holds.
 */
async function nudgeFromAlarm(sw: Worker): Promise<Shown> {
  await sw.evaluate(
    (name) => chrome.alarms.create(name, { when: Date.now() + 300, periodInMinutes: 1 }),
    DUE_ALARM,
  );
  let shown: Shown | undefined;
  await expect
    .poll(
      async () => {
        const { ids, seen } = await sw.evaluate(async () => ({
          ids: Object.keys(await chrome.notifications.getAll()),
          seen: (globalThis as unknown as { __shown: Shown[] }).__shown,
        }));
        shown = seen.find((s) => s.id.startsWith('tb-nudge-') && ids.includes(s.id));
        return shown?.id ?? ids.join(',');
      },
      { timeout: 20_000 },
    )
    .toMatch(/^tb-nudge-\d{4}-\d{2}-\d{2}$/);
  return shown as Shown;
}

/** Planned touches due within the next hour (speed-to-lead's two day-0 touches per lead). */
async function dueSoon(page: Page): Promise<number> {
  const touches = await rowsOf<{ state: string; dueAt: number }>(page, 'touches');
  return touches.filter((t) => t.state === 'planned' && t.dueAt < Date.now() + 3_600_000).length;
}

async function rep(context: BrowserContext) {
  const sw = await serviceWorkerOf(context);
  const page = await context.newPage();
  await openDashboard(page, new URL(sw.url()).host, 'settings');
  return { sw, page };
}

test('sync on: each rep’s daily nudge, from the real alarm, counts only their own leads', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  const timeZone = daytimeZone();
  const ana = {
    sw: serviceWorker,
    page: await teamDashboard(context, extensionId, server, { name: 'Ana', timeZone }),
  };
  await enrolLead(ana.page, 'Ada', timeZone);
  await sendFromPage(ana.page, 'sync.connect', teamSetup(server, 'ana', 'Ana'));
  const b = await teammate(server);
  try {
    const ben = {
      sw: b.worker,
      page: await teamDashboard(b.context, b.id, server, { name: 'Ben', timeZone }),
    };
    await enrolLead(ben.page, 'Bo', timeZone);
    await sendFromPage(ben.page, 'sync.connect', teamSetup(server, 'ben', 'Ben'));
    await sendFromPage(ana.page, 'sync.now', {});
    // Both profiles hold both leads' touches: four due today on each, two of them the rep's own.
    expect(await dueSoon(ana.page)).toBe(4);
    expect(await dueSoon(ben.page)).toBe(4);

    for (const [r, own] of [
      [ana, 'Ada'],
      [ben, 'Bo'],
    ] as const) {
      await watchNotifications(r.sw);
      await sendFromPage(r.page, 'settings.save', { patch: { notifications: true, dailyNudge: true } });
      const nudge = await nudgeFromAlarm(r.sw);
      expect(nudge.title, `${own}'s rep`).toBe('Good morning: 2 touches due today');
    }
  } finally {
    await b.close();
  }
});

test('sync off: the daily nudge from the real alarm counts every due touch', async ({ context }) => {
  const timeZone = daytimeZone();
  const before = server.requests.length;
  const solo = await rep(context);
  await sendFromPage(solo.page, 'settings.save', { patch: { timeZone, name: 'Ana' } });
  await enrolLead(solo.page, 'Ada', timeZone);
  await enrolLead(solo.page, 'Bo', timeZone);
  expect(await dueSoon(solo.page)).toBe(4);
  await watchNotifications(solo.sw);
  await sendFromPage(solo.page, 'settings.save', { patch: { notifications: true, dailyNudge: true } });
  const nudge = await nudgeFromAlarm(solo.sw);
  expect(nudge.title).toBe('Good morning: 4 touches due today');
  expect(server.requests.length).toBe(before);
});
