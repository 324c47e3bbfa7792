/**
 * Firefox smoke test: the built add-on (.output/firefox-mv3) in Debian's Firefox ESR, driven over
 * WebDriver BiDi. It checks what broke there before: the badge (MV3 `action` through
 * lib/browser/action.ts), the alarm, the notifications, the popup, the dashboard and the Gmail
 * sidebar. The full behaviour is tested in Chromium (tests/e2e); this proves the Firefox build
 * runs it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import {
  ADDON_DIR,
  ADDON_ORIGIN,
  type Firefox,
  launchWithAddon,
  openAddonPage,
  openGmail,
  sidebarFrame,
  testIdText,
} from './support';

test.describe.configure({ mode: 'serial' });

const THREAD = 'gmail-thread-with-compose.SYNTHETIC.html';
const THREAD_HASH = '#inbox/FMfcgzQXJWDsKmNqPfbLlNrJtVrbHdSx';
const BOB = {
  email: 'bob.buyer@example.org',
  firstName: 'Bob',
  lastName: 'Buyer',
  company: 'Buyer & Sons',
  timeZone: 'Europe/Berlin',
};

let firefox: Firefox;
/** An extension page kept open to talk to the background and read the toolbar state from. */
let ext: Page;
const errors: string[] = [];

/** Every merge field filled, and a window open all day, so what is due does not hang on the hour. */
const REP = {
  name: 'Jane Seller',
  company: 'Northwind Roofing',
  phone: '+1 555 0100',
  signature: 'Jane Seller\nNorthwind Roofing',
  reconnectLink: 'https://example.com/jane',
  bookingLink: 'https://example.com/book-jane',
  timeZone: 'America/New_York',
  window: { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '23:59' },
};

test.beforeAll(async () => {
  test.setTimeout(90_000);
  firefox = await launchWithAddon();
  ext = await openAddonPage(firefox, 'popup.html', errors);
});

test.afterAll(async () => {
  await firefox?.close();
});

/** The toolbar button as Firefox shows it (MV2 calls the API browserAction). */
function badge(): Promise<{ text: string; title: string; color: number[] }> {
  return ext.evaluate(async () => {
    const api = browser as unknown as {
      action?: typeof browser.action;
      browserAction: typeof browser.action;
    };
    const action = api.action ?? api.browserAction;
    return {
      text: await action.getBadgeText({}),
      title: await action.getTitle({}),
      color: (await action.getBadgeBackgroundColor({})) as number[],
    };
  });
}

/** Clears what the toolbar shows, so only the background can put the count back. */
function clearBadge(): Promise<void> {
  return ext.evaluate(async () => {
    const api = browser as unknown as {
      action?: typeof browser.action;
      browserAction: typeof browser.action;
    };
    await (api.action ?? api.browserAction).setBadgeText({ text: '' });
  });
}

/** Planned touches due by now, counted from IndexedDB itself: what the badge must show. */
function dueInDb(): Promise<number> {
  return ext.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('touchbase');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<{ state: string; dueAt: number }[]>((resolve, reject) => {
      const req = db.transaction('touches', 'readonly').objectStore('touches').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    const now = Date.now();
    return rows.filter((t) => t.state === 'planned' && t.dueAt <= now).length;
  });
}

/** Fires the real named alarm now instead of waiting for its next minute. */
function fireDueAlarm(): Promise<void> {
  return ext.evaluate(async () => {
    await browser.alarms.create('touchbase-due', { when: Date.now() + 10, periodInMinutes: 1 });
  });
}

test('the add-on installs, its background page runs and keeps the named alarm', async () => {
  const built = JSON.parse(readFileSync(path.join(ADDON_DIR, 'manifest.json'), 'utf8')) as {
    manifest_version: number;
  };
  const manifest = await ext.evaluate(() => browser.runtime.getManifest().manifest_version);
  expect(manifest).toBe(built.manifest_version);
  await expect
    .poll(() => ext.evaluate(() => browser.alarms.get('touchbase-due')))
    .toMatchObject({
      periodInMinutes: 1,
    });
  // The background drew the badge at start: nothing due yet.
  await expect.poll(badge).toMatchObject({ text: '', title: 'Touchbase: nothing due' });
  // MV3: Gmail is the one host the add-on runs on, granted at install (and the rep may withdraw
  // it). MV2 grants content-script hosts implicitly and lists none.
  const perms = await ext.evaluate(() => browser.permissions.getAll());
  expect(perms.origins).toEqual(built.manifest_version === 3 ? ['https://mail.google.com/*'] : []);
});

test('a write sets the badge, and the alarm recomputes it from IndexedDB', async () => {
  const saved = await ext.evaluate(
    (patch) => browser.runtime.sendMessage({ type: 'settings.save', payload: { patch } }),
    REP,
  );
  expect(saved).toMatchObject({ ok: true });
  const res = await ext.evaluate(
    (contact) =>
      browser.runtime.sendMessage({
        type: 'enrol',
        payload: { contact, playbookId: 'speed-to-lead-90', source: 'google-lsa', via: 'test' },
      }),
    BOB,
  );
  expect(res).toMatchObject({ ok: true });
  const due = await dueInDb();
  expect(due).toBeGreaterThan(0);
  await expect.poll(async () => (await badge()).text).toBe(String(due));
  const shown = await badge();
  expect(shown.title).toBe(`Touchbase: ${due} due now`);
  expect(shown.color.slice(0, 3)).toEqual([26, 115, 232]);

  // Wipe what the toolbar shows; only the alarm's tick can bring it back.
  await clearBadge();
  expect((await badge()).text).toBe('');
  await fireDueAlarm();
  await expect.poll(async () => (await badge()).text).toBe(String(due));
});

test('the popup lists the due touches the badge counts', async () => {
  const popup = await openAddonPage(firefox, 'popup.html', errors);
  // The list also holds what falls due later today, so it has at least what the badge counts.
  const due = await dueInDb();
  await expect
    .poll(() => popup.$$eval('[data-testid="due-row"]', (rows) => rows.length))
    .toBeGreaterThanOrEqual(due);
  expect(await testIdText(popup, 'popup-list')).toContain('Bob Buyer');
  expect(await testIdText(popup, 'popup-summary')).toMatch(/\d+ today/);
  await popup.screenshot({ path: 'tests/firefox/screenshots/firefox-popup.png' });
  await popup.close();
});

test('the dashboard opens and reads the database', async () => {
  const options = await openAddonPage(firefox, 'options.html', errors);
  await expect.poll(() => testIdText(options, 'contact-count')).toBe('1 contact');
  await options.screenshot({ path: 'tests/firefox/screenshots/firefox-dashboard.png' });
  await options.close();
});

test('the Gmail sidebar shows the contact, follows the page, collapses and inserts a draft', async () => {
  const gmail = await openGmail(firefox, THREAD, THREAD_HASH, errors);
  const frame = await sidebarFrame(gmail);
  expect(await gmail.$eval('#touchbase-sidebar iframe', (f) => f.getAttribute('src'))).toBe(
    `${ADDON_ORIGIN}/sidebar.html`,
  );
  await expect.poll(() => testIdText(frame, 'contact-name')).toBe('Bob Buyer');
  expect(await testIdText(frame, 'step-line')).toMatch(/^Touch 1 of 8 · Call (due now|overdue by)/);
  await gmail.screenshot({ path: 'tests/firefox/screenshots/firefox-sidebar.png' });

  // A later report reaches the open sidebar (the page channel's signal; Firefox gives the framed
  // page no storage.session): Gmail turns dark and navigates, the panel follows.
  await gmail.addStyleTag({ content: 'body{background:#1f1f1f;color:#e3e3e3}' });
  await gmail.evaluate(() => {
    location.hash = '#inbox/FMfcgzQXJWDsKmNqPfbLlNrJtVrbHdSx?dark';
  });
  await expect.poll(() => frame.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

  // Commands go the other way, sidebar -> background -> the tab's content script: the page's
  // shortcut collapses the panel to its slim tab, and the sidebar's own button opens it again.
  const collapsed = () => gmail.$eval('#touchbase-sidebar', (el) => el.getAttribute('data-collapsed'));
  await gmail.keyboard.down('Alt');
  await gmail.keyboard.down('Shift');
  await gmail.keyboard.press('KeyK');
  await gmail.keyboard.up('Shift');
  await gmail.keyboard.up('Alt');
  await expect.poll(collapsed).toBe('true');
  await expect.poll(() => frame.$('[data-testid="sidebar-expand"]').then(Boolean)).toBe(true);
  await frame.click('[data-testid="sidebar-expand"]');
  await expect.poll(collapsed).toBe('false');
  await expect.poll(() => testIdText(frame, 'contact-name')).toBe('Bob Buyer');

  // One click puts the break-up email into Gmail's compose (page.command insert).
  await frame.click('[data-testid="quick-breakup"]');
  await expect.poll(() => testIdText(frame, 'sidebar-status')).toContain('Break-up email inserted');
  const body = () => gmail.$eval('.M9 [g_editable="true"]', (el) => el.textContent ?? '');
  await expect.poll(body).toContain('my last note');
  expect(await body()).toContain(REP.reconnectLink);
  await gmail.close();
});

test('turning alerts on grants the optional permission and the next tick notifies', async () => {
  const popup = await openAddonPage(firefox, 'popup.html', errors);
  await popup.waitForSelector('[data-testid="alerts-toggle"]');
  await popup.click('[data-testid="alerts-toggle"]');
  await expect
    .poll(() => ext.evaluate(() => browser.permissions.contains({ permissions: ['notifications'] })))
    .toBe(true);
  await expect.poll(() => testIdText(popup, 'popup-status')).toContain('Desktop alerts are on');
  // Headless Firefox has no desktop to show an alert on: it closes each notification as soon as
  // it is created, so what proves the background created ours is the onClosed event with our id.
  await ext.evaluate(() => {
    const seen: string[] = [];
    (globalThis as unknown as { closedAlerts: string[] }).closedAlerts = seen;
    browser.notifications.onClosed.addListener((id) => {
      seen.push(id);
    });
  });
  await fireDueAlarm();
  // The speed-to-lead call touch is due: its alert carries our id prefix and the touch id.
  await expect
    .poll(() => ext.evaluate(() => (globalThis as unknown as { closedAlerts: string[] }).closedAlerts))
    .toContainEqual(expect.stringMatching(/^tb-touch-\d+-1$/));
  await popup.close();
});

test('no page of the add-on logged an error', () => {
  expect(errors).toEqual([]);
});
