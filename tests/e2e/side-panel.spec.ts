import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { expect, FIXTURES_DIR, test } from './support/fixtures';
import { daytimeZone } from './support/popup';
import { attachSidePanel } from './support/sidepanel';
import { extensionPage, runtime, seedSettings } from './support/sidebar';

const SHOTS = 'tests/e2e/screenshots';

/**
 * Two Gmail mailboxes in two tabs: /u/0/ shows a thread with Bob and Carol, /u/1/ the inbox list.
 * Served at the real host, so the manifest's content script runs in both.
 */
async function serveTwoMailboxes(context: BrowserContext): Promise<void> {
  const thread = readFileSync(
    path.join(FIXTURES_DIR, 'gmail', 'gmail-thread-with-compose.SYNTHETIC.html'),
    'utf8',
  );
  const inbox = readFileSync(path.join(FIXTURES_DIR, 'gmail', 'gmail-inbox-rows.SYNTHETIC.html'), 'utf8');
  await context.route('https://mail.google.com/**', (route) => {
    if (route.request().resourceType() !== 'document') return route.abort('blockedbyclient');
    const body = route.request().url().includes('/mail/u/1/') ? inbox : thread;
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
}

test("Chrome's side panel: opened from the Gmail sidebar, it shows the due list and follows the active tab", async ({
  context,
  extensionId,
  serviceWorker: sw,
  consoleErrors,
}) => {
  await seedSettings(sw);
  const ext = await extensionPage(context, extensionId);
  await runtime(ext, 'enrol', {
    contact: { email: 'bob.buyer@example.org', firstName: 'Bob', lastName: 'Buyer', timeZone: daytimeZone() },
    playbookId: 'seven-touch-14-day',
    source: 'web-form',
    via: 'e2e',
  });
  await ext.close();
  await serveTwoMailboxes(context);

  // The sidebar in the page is the default; its header offers the side panel.
  const gmail = await context.newPage();
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmNqPfbLlNrJtVrbHdSx');
  const inPage = gmail.frameLocator('#touchbase-sidebar iframe');
  await expect(inPage.getByTestId('contact-name')).toHaveText('Bob Buyer');
  await inPage.getByTestId('open-side-panel').click();

  // The real side panel opens, with the person of the active Gmail tab and the due list.
  const panel = await attachSidePanel(gmail, extensionId);
  await expect
    .poll(() => panel.evaluate('document.querySelector("[data-testid=contact-name]")?.textContent'))
    .toBe('Bob Buyer');
  await expect
    .poll(() =>
      panel.evaluate('document.querySelectorAll("[data-testid=panel-due] [data-testid=due-row]").length'),
    )
    .toBeGreaterThan(0);
  const dueRows = await panel.evaluate<number>(
    'document.querySelectorAll("[data-testid=panel-due] [data-testid=due-row]").length',
  );
  expect(await panel.evaluate('document.querySelector("[data-testid=panel-due]").innerText')).toContain(
    'Bob Buyer',
  );
  // Chosen for Gmail: the page's own sidebar is taken out (no second copy runs behind the panel).
  await expect(gmail.locator('#touchbase-sidebar')).toHaveCount(0);
  expect(await sw.evaluate(() => chrome.storage.local.get('panelSites'))).toEqual({ panelSites: ['gmail'] });
  await panel.screenshot(`${SHOTS}/side-panel-gmail.png`);

  // Another Gmail tab (the inbox list): the panel follows it; that tab has no sidebar in the page either.
  const inbox = await context.newPage();
  await inbox.goto('https://mail.google.com/mail/u/1/#inbox');
  await expect
    .poll(() => panel.evaluate('document.querySelector("[data-testid=sidebar-empty] h2")?.textContent ?? ""'))
    .toBe('Open a conversation');
  expect(await panel.evaluate('document.querySelector("[data-testid=contact-name]")')).toBeNull();
  await expect(inbox.locator('#touchbase-sidebar')).toHaveCount(0);

  // A tab Touchbase cannot read: no person, the due list stays.
  const other = await context.newPage();
  await other.goto('about:blank');
  await expect
    .poll(() => panel.evaluate('Boolean(document.querySelector("[data-testid=panel-no-page]"))'))
    .toBe(true);
  expect(await panel.evaluate('document.querySelectorAll("[data-testid=due-row]").length')).toBe(dueRows);
  await panel.screenshot(`${SHOTS}/side-panel-due.png`);

  // Back on the thread tab: its person again.
  await gmail.bringToFront();
  await expect
    .poll(() => panel.evaluate('document.querySelector("[data-testid=contact-name]")?.textContent'))
    .toBe('Bob Buyer');

  // "In the page" puts the sidebar back into Gmail.
  await panel.click('[data-testid=back-to-page]');
  await expect(gmail.locator('#touchbase-sidebar')).toHaveCount(1);
  await expect(inPage.getByTestId('contact-name')).toHaveText('Bob Buyer');
  expect(await sw.evaluate(() => chrome.storage.local.get('panelSites'))).toEqual({ panelSites: [] });
  expect(consoleErrors).toEqual([]);
});

test('the popup opens the side panel; Alt+Shift+K brings the sidebar back into the page', async ({
  context,
  extensionId,
  serviceWorker: sw,
}) => {
  await seedSettings(sw);
  await serveTwoMailboxes(context);
  const gmail = await context.newPage();
  await gmail.goto('https://mail.google.com/mail/u/1/#inbox');
  await expect(gmail.frameLocator('#touchbase-sidebar iframe').getByTestId('sidebar-empty')).toBeVisible();

  // The popup, opened as a tab, offers the side panel; the panel says what is due (nothing yet).
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByTestId('open-side-panel').click();
  const panel = await attachSidePanel(gmail, extensionId);
  await expect
    .poll(() => panel.evaluate('Boolean(document.querySelector("[data-testid=panel-due]"))'))
    .toBe(true);
  // Opened over no site of ours: no site is switched over, the page keeps its sidebar.
  expect(await sw.evaluate(() => chrome.storage.local.get('panelSites'))).toEqual({});
  await gmail.bringToFront();
  await expect(gmail.locator('#touchbase-sidebar')).toHaveCount(1);

  // Chosen for Gmail from the settings' store: the page's sidebar goes; the shortcut brings it back.
  await sw.evaluate(() => chrome.storage.local.set({ panelSites: ['gmail'] }));
  await expect(gmail.locator('#touchbase-sidebar')).toHaveCount(0);
  await gmail.keyboard.press('Alt+Shift+K');
  await expect(gmail.locator('#touchbase-sidebar')).toHaveCount(1);
  await expect
    .poll(() => sw.evaluate(() => chrome.storage.local.get('panelSites')))
    .toEqual({ panelSites: [] });
});
