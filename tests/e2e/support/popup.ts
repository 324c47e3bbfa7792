// Helpers for the popup spec and the DB benchmarks: talk to the real background from an
// extension page, and open the popup as a page.
import type { BrowserContext, Page } from '@playwright/test';

/** Sends one runtime message from an extension page, as the popup or sidebar would. */
export async function sendFromPage<T = unknown>(page: Page, type: string, payload: unknown): Promise<T> {
  const res = await page.evaluate(({ type, payload }) => chrome.runtime.sendMessage({ type, payload }), {
    type,
    payload,
  });
  const r = res as { ok: boolean; data?: T; error?: string } | undefined;
  if (!r?.ok) throw new Error(`${type} failed: ${r?.error ?? 'no answer'}`);
  return r.data as T;
}

/** Opens popup.html in a tab at the popup's size. */
export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  return page;
}

/**
 * A time zone where it is mid-day right now, so calls and texts (which wait for the contact's
 * 08:00-20:00 window) are due at once whatever time the suite runs.
 */
export function daytimeZone(now = Date.now()): string {
  const zones = [
    'Pacific/Kiritimati',
    'Pacific/Auckland',
    'Asia/Tokyo',
    'Asia/Shanghai',
    'Asia/Bangkok',
    'Asia/Kolkata',
    'Asia/Dubai',
    'Europe/Moscow',
    'Europe/Berlin',
    'Europe/London',
    'Atlantic/Azores',
    'America/Sao_Paulo',
    'America/New_York',
    'America/Chicago',
    'America/Denver',
    'America/Los_Angeles',
    'America/Anchorage',
    'Pacific/Honolulu',
  ];
  for (const timeZone of zones) {
    const hour = Number(
      new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(now),
    );
    if (hour >= 10 && hour <= 16) return timeZone;
  }
  return 'UTC';
}
