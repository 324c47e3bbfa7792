/**
 * The page channel's background and sidebar ends. A content script's report is stored in session
 * storage under its sender's tab id (the browser's word, not the page's), which survives the
 * service worker stopping; the sidebar framed in that tab reads and watches the same key. Commands
 * go back to the tab's top frame only, where our content script runs.
 */
import { storage } from 'wxt/utils/storage';
import type { PageCommand, PageCommandResult, PageState, TabCommandMessage } from './protocol';

/** Session storage: kept while the browser runs, cleared when it closes, never written to disk. */
export function pageStateKey(tabId: number): `session:${string}` {
  return `session:page.${tabId}`;
}

export async function savePageState(tabId: number, state: PageState): Promise<void> {
  await storage.setItem<PageState>(pageStateKey(tabId), state);
}

export async function readPageState(tabId: number): Promise<PageState | null> {
  return storage.getItem<PageState>(pageStateKey(tabId));
}

export async function forgetPageState(tabId: number): Promise<void> {
  await storage.removeItem(pageStateKey(tabId));
}

/** Calls back with each new state of the tab's page; returns the stop function. */
export function watchPageState(tabId: number, onState: (state: PageState | null) => void): () => void {
  return storage.watch<PageState>(pageStateKey(tabId), (next) => onState(next ?? null));
}

/**
 * Forwards a command to the content script in the tab's top frame and returns its answer. A tab
 * without our content script (reloaded extension, another site) answers with a plain reason.
 */
export async function forwardPageCommand(tabId: number, command: PageCommand): Promise<PageCommandResult> {
  const msg: TabCommandMessage = { tbCommand: command };
  try {
    const res = (await browser.tabs.sendMessage(tabId, msg, { frameId: 0 })) as PageCommandResult | undefined;
    if (!res || typeof res.ok !== 'boolean')
      return { ok: false, reason: 'The page did not answer. Reload it and try again.' };
    return {
      ok: res.ok,
      ...(typeof res.reason === 'string' ? { reason: res.reason } : {}),
      ...(typeof res.composeId === 'string' ? { composeId: res.composeId } : {}),
    };
  } catch {
    return { ok: false, reason: 'The page did not answer. Reload it and try again.' };
  }
}
