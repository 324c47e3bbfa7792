import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, test as base, chromium, expect, type Worker } from '@playwright/test';
import { findChromium } from './chromium';

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');
export const FIXTURES_DIR = path.resolve('tests/fixtures');

export interface ExtensionFixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Console errors seen on any page of the context during the test. */
  consoleErrors: string[];
}

export const test = base.extend<ExtensionFixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring form.
  context: async ({}, use) => {
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'touchbase-e2e-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: findChromium(),
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: [
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost',
      ],
    });
    // Nothing may leave the machine: any request not served by a test route is aborted.
    await context.route(/^https?:\/\//, (route) => route.abort('blockedbyclient'));
    await use(context);
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
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
