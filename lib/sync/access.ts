/**
 * The host permission for the team's server, asked for from the settings page at the moment the
 * rep connects (a page can show the browser's prompt; the worker cannot). Only that origin: the
 * manifest lists `https://*\/*` (and localhost) as optional, never granted at install.
 */
import { browser } from 'wxt/browser';

/**
 * Asks for access to the server's origin. Call it straight from the click, before any other
 * await, or the browser refuses to show its prompt. Resolves to whether the rep agreed.
 */
export function requestServerAccess(originPattern: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern] }).catch(() => false);
}

/** Gives the server's origin back when sync is turned off. */
export function releaseServerAccess(originPattern: string): Promise<boolean> {
  return browser.permissions.remove({ origins: [originPattern] }).catch(() => false);
}
