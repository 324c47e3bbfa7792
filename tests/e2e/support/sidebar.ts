/**
 * Page objects and seeding for the Gmail sidebar specs: open a fixture at mail.google.com, reach
 * the sidebar frame, seed settings and enrolments the real way where possible, read the stores.
 */
import type { BrowserContext, FrameLocator, Page, Worker } from '@playwright/test';
import { seedRows, waitForDb } from './extension';
import { serveGmail } from './fixtures';

export const HOUR = 3_600_000;

/** Rep settings for the specs: every merge field filled, and a contact window open all day. */
export const REP_SETTINGS = {
  name: 'Jane Seller',
  company: 'Northwind Roofing',
  phone: '+1 555 0100',
  signature: 'Jane Seller\nNorthwind Roofing',
  reconnectLink: 'https://example.com/jane',
  bookingLink: 'https://example.com/book-jane',
  timeZone: 'America/New_York',
  // Open around the clock, so a touch planned "now" is due now whatever the hour the suite runs.
  window: { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '23:59' },
};

export async function seedSettings(sw: Worker, patch: Record<string, unknown> = {}): Promise<void> {
  await seedRows(sw, 'settings', [{ key: 'rep', value: { ...REP_SETTINGS, ...patch } }]);
}

export interface GmailPage {
  page: Page;
  sidebar: FrameLocator;
}

/** Serves a Gmail fixture and opens it; the sidebar frame is ready to be queried. */
export async function openGmail(
  context: BrowserContext,
  fixture: string,
  hash = '#inbox/FMfcgzQXJWDsKmNqPfbLlNrJtVrbHdSx',
): Promise<GmailPage> {
  await serveGmail(context, fixture);
  const page = await context.newPage();
  await page.goto(`https://mail.google.com/mail/u/0/${hash}`);
  return { page, sidebar: page.frameLocator('#touchbase-sidebar iframe') };
}

/** An extension page to send runtime messages from (as the dashboard would). */
export async function extensionPage(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  return page;
}

/** Sends one runtime message through the real background and returns its data (throws its error). */
export async function runtime<T = unknown>(page: Page, type: string, payload: unknown): Promise<T> {
  const res = await page.evaluate(([type, payload]) => chrome.runtime.sendMessage({ type, payload }), [
    type,
    payload,
  ] as const);
  const r = res as { ok: boolean; data?: T; error?: string };
  if (!r.ok) throw new Error(r.error);
  return r.data as T;
}

/** Every row of one of the extension's stores. */
export async function readStore<T = Record<string, unknown>>(sw: Worker, store: string): Promise<T[]> {
  await waitForDb(sw);
  return sw.evaluate(async (store) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('touchbase');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction(store, 'readonly').objectStore(store).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return rows;
  }, store) as Promise<T[]>;
}

/** A contact row as the repository writes it. */
export function contactRow(
  email: string,
  firstName: string,
  lastName: string,
  extra: Record<string, unknown> = {},
) {
  return {
    email,
    emailLower: email.toLowerCase(),
    firstName,
    lastName,
    company: '',
    phone: '',
    title: '',
    timeZone: 'America/New_York',
    leadSource: 'web-form',
    notes: '',
    optOut: {},
    custom: {},
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  };
}

/**
 * Gmail's part after Send on a fixture without its own send emulation: the compose closes, the
 * "Message sent" toast offers Undo (markup as in gmail-compose-send.SYNTHETIC.html), then the undo
 * window closes and the Undo link goes. Only then does Gmail really send.
 */
export async function gmailConfirmsSend(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.querySelector('.M9')?.closest('.nH.nn, .M9')?.remove();
    const bar = document.createElement('div');
    bar.className = 'b8 UC';
    bar.setAttribute('role', 'alert');
    bar.innerHTML =
      '<div class="J-J5-Ji"><div class="vh"><span class="aT"><span class="bAq">Message sent</span>' +
      '<span class="ag a8k" id="link_undo" role="link" tabindex="0">Undo</span>' +
      '<span class="ag a8k" id="link_vsm" role="link" tabindex="0">View message</span></span></div></div>';
    document.body.appendChild(bar);
  });
  // Let the content script see the Undo link before the window closes.
  await page.waitForTimeout(300);
  await page.evaluate(() => document.getElementById('link_undo')?.remove());
}
