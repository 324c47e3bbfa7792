import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, test as base, chromium, expect, type Worker } from '@playwright/test';
import { findChromium } from './chromium';

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');
/** The e2e copy (`npm run build:e2e`): CRM hosts granted at install. Never the production build. */
export const E2E_EXTENSION_DIR = path.resolve('.output/chrome-mv3-e2e');
export const FIXTURES_DIR = path.resolve('tests/fixtures');

export interface ExtensionFixtures {
  /** Which build to load: the production one unless a spec asks for the e2e copy. */
  extensionDir: string;
  /**
   * Extra Chromium switches for a spec (`test.use({ launchArgs: ['--lang=es'] })`): the browser's
   * language, which picks the extension's `_locales` folder, is a start-up switch.
   */
  launchArgs: string[];
  /**
   * The browser's language (`'es'`): Chromium starts with `--lang` (the extension's `_locales`
   * folder) and Playwright emulates the same locale in its pages and workers, which it otherwise
   * pins to en-US (what `i18n.getUILanguage()` and Intl read there).
   */
  browserLocale: string | undefined;
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Console errors seen on any page of the context during the test. */
  consoleErrors: string[];
}

/**
 * A fresh browser profile with the built extension loaded, where nothing may leave the machine
 * (any request not served by a test route is aborted). A spec that needs a second rep opens a
 * second one.
 */
export async function launchExtension(
  extensionDir: string,
  extra: { args?: string[]; locale?: string } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'touchbase-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Loopback stays reachable for a spec's own test server (team sync); the route below still
      // aborts every request a spec does not let through, the extension's worker's included.
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
      ...(extra.locale ? [`--lang=${extra.locale}`] : []),
      ...(extra.args ?? []),
    ],
    ...(extra.locale ? { locale: extra.locale } : {}),
  });
  await context.route(/^https?:\/\//, (route) => route.abort('blockedbyclient'));
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The extension's service worker in a context (waits for it to start). */
export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

export const test = base.extend<ExtensionFixtures>({
  extensionDir: [EXTENSION_DIR, { option: true }],
  launchArgs: [[], { option: true }],
  browserLocale: [undefined, { option: true }],
  context: async ({ extensionDir, launchArgs, browserLocale }, use) => {
    const { context, close } = await launchExtension(extensionDir, {
      args: launchArgs,
      locale: browserLocale,
    });
    await use(context);
    await close();
  },
  serviceWorker: async ({ context }, use) => {
    let [sw] = context.serviceWorkers();
    sw ??= await context.waitForEvent('serviceworker');
    await use(sw);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  consoleErrors: async ({ context }, use) => {
    const errors: string[] = [];
    context.on('page', (page) => {
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(String(err)));
    });
    await use(errors);
  },
});

export { expect };

/** Serves a saved Gmail page at its real URL so the content script's match pattern fires. */
export async function serveGmail(context: BrowserContext, fixture: string): Promise<void> {
  const html = readFileSync(path.join(FIXTURES_DIR, 'gmail', fixture), 'utf8');
  await context.route('https://mail.google.com/**', (route) => {
    if (route.request().resourceType() === 'document') {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    }
    return route.abort('blockedbyclient');
  });
}

/**
 * Serves a CRM or LinkedIn fixture (`tests/fixtures/<site>/<file>`) for every document under
 * `origin`, so an SPA reload or a direct visit to the second record gets the same page.
 */
export async function serveSite(
  context: BrowserContext,
  origin: string,
  site: string,
  fixture: string,
): Promise<void> {
  const html = readFileSync(path.join(FIXTURES_DIR, site, fixture), 'utf8');
  await context.route(`${origin}/**`, (route) => {
    if (route.request().resourceType() === 'document') {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    }
    return route.abort('blockedbyclient');
  });
}

/**
 * Waits until the background has registered the site's content script. In the e2e copy the hosts
 * are granted at install, but registration runs when the worker starts: a page opened before that
 * would get no script.
 */
export async function waitForSiteScript(sw: Worker, site: string): Promise<void> {
  await expect
    .poll(async () =>
      (await sw.evaluate(() => chrome.scripting.getRegisteredContentScripts())).map((s) => s.id),
    )
    .toContain(`touchbase-site-${site}`);
}
