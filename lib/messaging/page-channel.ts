/**
 * The page channel's background and sidebar ends. A content script's report is stored in session
 * storage under its sender's tab id (the browser's word, not the page's), which survives the
 * service worker stopping; the sidebar framed in that tab asks the background for it, and asks
 * again when the background signals a new report for its tab. Commands go back to the tab's top
 * frame only, where our content script runs.
 *
 * Why a signal rather than watching session storage: Firefox gives an extension page framed in a
 * web page only the content-script APIs, so `storage.session` is undefined in the sidebar there
 * (Chromium exposes it). `storage.local` change events reach both; the signal holds only a tab id
 * and a nonce, never what the page showed, so nothing of the page is written to disk.
 */
import { storage } from 'wxt/utils/storage';
import type { PageCommand, PageCommandResult, PageState, TabCommandMessage } from './protocol';
import { tLight } from '@/lib/i18n/light';

/** Session storage: kept while the browser runs, cleared when it closes, never written to disk. */
export function pageStateKey(tabId: number): `session:${string}` {
  return `session:page.${tabId}`;
}

/** "Tab N has a new report": a fresh nonce each time, so every report fires a change event. */
const pageSignal = storage.defineItem<{ tabId: number; nonce: string } | null>('local:pageSignal', {
  fallback: null,
});

export async function savePageState(tabId: number, state: PageState): Promise<void> {
  await storage.setItem<PageState>(pageStateKey(tabId), state);
  await pageSignal.setValue({ tabId, nonce: crypto.randomUUID() });
}

export async function readPageState(tabId: number): Promise<PageState | null> {
  return storage.getItem<PageState>(pageStateKey(tabId));
}

export async function forgetPageState(tabId: number): Promise<void> {
  await storage.removeItem(pageStateKey(tabId));
}

/**
 * Calls back with each new state of the tab's page, fetched with `fetchState` (the sidebar asks
 * the background) whenever the background signals a report for this tab; returns the stop
 * function. When reports come fast, only the newest answer is passed on.
 */
export function watchPageState(
  tabId: number,
  onState: (state: PageState | null) => void,
  fetchState: () => Promise<PageState | null>,
): () => void {
  let asked = 0;
  let stopped = false;
  const stop = pageSignal.watch((signal) => {
    if (signal?.tabId !== tabId) return;
    const mine = ++asked;
    void fetchState()
      .then((state) => {
        if (!stopped && mine === asked) onState(state);
      })
      .catch(() => undefined);
  });
  return () => {
    stopped = true;
    stop();
  };
}

/**
 * Forwards a command to the content script in the tab's top frame and returns its answer. A tab
 * without our content script (reloaded extension, another site) answers with a plain reason.
 */
export async function forwardPageCommand(tabId: number, command: PageCommand): Promise<PageCommandResult> {
  const msg: TabCommandMessage = { tbCommand: command };
  try {
    const res = (await browser.tabs.sendMessage(tabId, msg, { frameId: 0 })) as PageCommandResult | undefined;
    if (!res || typeof res.ok !== 'boolean') return { ok: false, reason: tLight('page_no_answer') };
    return {
      ok: res.ok,
      ...(typeof res.reason === 'string' ? { reason: res.reason } : {}),
      ...(res.problem !== undefined ? { problem: res.problem } : {}),
      ...(typeof res.composeId === 'string' ? { composeId: res.composeId } : {}),
      ...(typeof res.session === 'string' ? { session: res.session } : {}),
    };
  } catch {
    return { ok: false, reason: tLight('page_no_answer') };
  }
}

/**
 * A tab's report, only while the content script that made it still runs there. Chrome's side
 * panel follows tabs that may have left Gmail for a page where no script of ours runs (the stored
 * report outlives it, and the panel may not read the tab's address): the script answers with its
 * session, or nothing answers. A mismatch is not deleted: a newer script's report is on its way.
 */
export async function readLivePageState(tabId: number): Promise<PageState | null> {
  const state = await readPageState(tabId);
  if (!state) return null;
  const answer = await forwardPageCommand(tabId, { kind: 'ping' });
  return answer.ok && answer.session === state.session ? state : null;
}
