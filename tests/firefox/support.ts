/**
 * Drives Debian's Firefox (ESR) with the built add-on over WebDriver BiDi (puppeteer-core).
 * Playwright's own Firefox cannot load add-ons and is not installed here; a stock Firefox can, via
 * BiDi's `webExtension.install`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';

/** The MV3 build `npm run build:firefox` writes; FIREFOX_BUILD=.output/firefox-mv2 tries the MV2 one. */
export const ADDON_DIR = path.resolve(process.env.FIREFOX_BUILD ?? '.output/firefox-mv3');
export const ADDON_ID = 'touchbase@touchbase.local';
/** Pinned through a pref, so the tests know the moz-extension:// origin before installing. */
export const ADDON_UUID = '0b5e8a52-6f1d-4c3e-9a7b-2d4f6e8c1a30';
export const ADDON_ORIGIN = `moz-extension://${ADDON_UUID}`;
const GMAIL_FIXTURES = path.resolve('tests/fixtures/gmail');

/** FIREFOX_BIN, Debian's firefox-esr, or firefox on the PATH. */
export function findFirefox(): string {
  const candidates: (string | undefined)[] = [process.env.FIREFOX_BIN, '/usr/bin/firefox-esr'];
  for (const name of ['firefox-esr', 'firefox']) {
    try {
      candidates.push(execFileSync('which', [name], { encoding: 'utf8' }).trim() || undefined);
    } catch {
      // not on PATH
    }
  }
  const found = candidates.find((c) => c && existsSync(c));
  if (!found) {
    throw new Error(
      'No Firefox found. Install one (Debian/Ubuntu: `sudo apt-get install -y firefox-esr`), ' +
        'or point FIREFOX_BIN at a Firefox 140+ binary.',
    );
  }
  return found;
}

export interface Firefox {
  browser: Browser;
  close(): Promise<void>;
}

/** Starts a headless Firefox on a fresh profile and installs the built add-on. */
export async function launchWithAddon(): Promise<Firefox> {
  if (!existsSync(path.join(ADDON_DIR, 'manifest.json'))) {
    throw new Error(`No Firefox build in ${ADDON_DIR}: run \`npm run build:firefox\` first.`);
  }
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'touchbase-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    userDataDir,
    defaultViewport: { width: 1280, height: 800 },
    // BiDi refuses to navigate a tab to a moz-extension: page without it.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
      // Grants an optional permission when the add-on asks, without the doorhanger a headless
      // browser cannot show; the test still asks through the popup's button, as a rep would.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  try {
    const id = await browser.installExtension(ADDON_DIR);
    if (id !== ADDON_ID) throw new Error(`Installed as ${id}, expected ${ADDON_ID}`);
  } catch (err) {
    await browser.close();
    throw err;
  }
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Collects uncaught errors and console errors of a page. */
export function watchErrors(page: Page, into: string[]): void {
  page.on('pageerror', (err) => into.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') into.push(msg.text());
  });
}

/**
 * Opens one of the add-on's pages in a new tab. Firefox's BiDi does not report the load of a
 * moz-extension: page back to puppeteer (its `goto` never settles), so the tab is navigated
 * without waiting and then polled until the page is there.
 */
export async function openAddonPage(firefox: Firefox, file: string, errors?: string[]): Promise<Page> {
  const page = await firefox.browser.newPage();
  if (errors) watchErrors(page, errors);
  const url = `${ADDON_ORIGIN}/${file}`;
  void page.goto(url, { timeout: 60_000 }).catch(() => undefined);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const state = await page
      .evaluate(() => `${location.href} ${document.readyState}`)
      .catch(() => 'navigating');
    if (state === `${url} complete`) return page;
    if (Date.now() > deadline) throw new Error(`${url} did not load (last seen: ${state})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Opens a Gmail fixture at its real URL so the content script's match pattern fires. Every other
 * request of the tab is aborted: nothing leaves the machine.
 */
export async function openGmail(
  firefox: Firefox,
  fixture: string,
  hash: string,
  errors?: string[],
): Promise<Page> {
  const html = readFileSync(path.join(GMAIL_FIXTURES, fixture), 'utf8');
  const page = await firefox.browser.newPage();
  if (errors) watchErrors(page, errors);
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('https://mail.google.com/') && req.isNavigationRequest()) {
      void req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    } else if (url.startsWith(`${ADDON_ORIGIN}/`)) {
      void req.continue();
    } else {
      void req.abort();
    }
  });
  await page.goto(`https://mail.google.com/mail/u/0/${hash}`);
  return page;
}

/** The Touchbase sidebar frame inside a Gmail page, once it has loaded. */
export async function sidebarFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const handle = await page.$('#touchbase-sidebar iframe');
    const frame = handle ? await handle.contentFrame() : null;
    const href = frame ? await frame.evaluate(() => location.href).catch(() => '') : '';
    if (frame && href === `${ADDON_ORIGIN}/sidebar.html`) return frame;
    if (Date.now() > deadline) throw new Error(`The sidebar frame never loaded (last seen: ${href})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The text of the first element with this data-testid, or '' while there is none. */
export function testIdText(target: Page | Frame, testId: string): Promise<string> {
  return target.evaluate(
    (id) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? '',
    testId,
  );
}
