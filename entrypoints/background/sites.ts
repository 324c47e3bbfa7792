import { syncSiteScripts } from '@/lib/sites/registration';

function sync(): void {
  void syncSiteScripts().catch((err: unknown) => console.warn('[touchbase] site scripts not synced', err));
}

/**
 * Registers each turned-on site's content script, now and whenever the rep grants or removes a
 * site's hosts (from the dashboard, the popup or the browser's own extension settings).
 * Listeners are added synchronously so a permission event that wakes the worker is not missed.
 */
export function registerSiteScripts(): void {
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  sync();
}
