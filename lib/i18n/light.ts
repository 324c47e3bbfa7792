/**
 * A message lookup for modules the content scripts share (lib/messaging/client): it bundles no
 * catalogue, so the content script stays small. In a page that loaded lib/i18n the full `t()`
 * answers (the rep's override, English fallback); elsewhere `browser.i18n` does.
 */
import { browser } from 'wxt/browser';

let full: ((key: string) => string) | undefined;

/** Called once by lib/i18n when a page loads it. */
export function registerTranslator(fn: (key: string) => string): void {
  full = fn;
}

/** The message `key` (no placeholders), or the key itself when nothing can answer. */
export function tLight(key: string): string {
  if (full) return full(key);
  try {
    return browser.i18n.getMessage(key as never) || key;
  } catch {
    return key;
  }
}
