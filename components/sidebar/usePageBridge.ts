import { useCallback, useEffect, useState } from 'react';
import { request } from '@/lib/messaging/client';
import { watchPageState } from '@/lib/messaging/page-channel';
import type { InsertCommand, PageCommandResult, PageState } from '@/lib/messaging/protocol';
import type { PageView, SiteCapabilities } from '@/lib/sites/types';

/** The content script may have to open a compose and wait for it (up to 3 s) before answering. */
const INSERT_TIMEOUT_MS = 8000;

export type InsertRequest = Omit<InsertCommand, 'kind'>;
export type InsertAnswer = PageCommandResult;

/** A report without capabilities comes from a content script older than them: Gmail's, which has all. */
const FULL: SiteCapabilities = { insert: true, sends: true, replies: true };

export interface PageBridge {
  /** The tab whose page this bridge shows (undefined until known). */
  tabId: number | undefined;
  /** The latest page view (undefined until the content script reported one). */
  view: PageView | undefined;
  /** What the page lets us do (insert into its compose, see sends and replies). */
  capabilities: SiteCapabilities;
  theme: 'light' | 'dark' | undefined;
  collapsed: boolean;
  setCollapsed(collapsed: boolean): void;
  /** Asks the content script of this tab to put a draft into the page's compose; never rejects. */
  insert(req: InsertRequest): Promise<InsertAnswer>;
}

/**
 * The sidebar's end of the page channel. What the page shows comes only from the background,
 * which stored our content script's report under this tab; the host page cannot write there, and
 * nothing it posts into this frame is listened to.
 */
export function usePageBridge(): PageBridge {
  const [state, setState] = useState<PageState | null>(null);
  const [collapsed, setCollapsedState] = useState(false);
  const [tabId, setTabId] = useState<number>();

  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    const apply = (next: PageState | null) => {
      if (cancelled) return;
      setState(next);
      if (next) setCollapsedState(next.collapsed);
    };
    request('page.state', {})
      .then(({ tabId, state }) => {
        if (cancelled) return;
        setTabId(tabId);
        apply(state);
        stop = watchPageState(tabId, apply, () => request('page.state', {}).then((r) => r.state));
        // A report that landed between the answer and the watch is read once more.
        return request('page.state', {}).then((again) => apply(again.state));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      stop?.();
    };
  }, []);

  const setCollapsed = useCallback((next: boolean) => {
    setCollapsedState(next);
    void request('page.command', { command: { kind: 'collapse', collapsed: next } }).catch(() => undefined);
  }, []);

  // The toggle shortcut also works while focus is inside the sidebar (the page never sees those keys).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyK') {
        e.preventDefault();
        setCollapsed(!collapsed);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [collapsed, setCollapsed]);

  const insert = useCallback((req: InsertRequest): Promise<InsertAnswer> => {
    const timeout = new Promise<InsertAnswer>((resolve) =>
      window.setTimeout(
        () => resolve({ ok: false, reason: 'The page did not answer. Reload the tab and try again.' }),
        INSERT_TIMEOUT_MS,
      ),
    );
    const answer = request('page.command', { command: { kind: 'insert', ...req } }).catch(
      (err: unknown): InsertAnswer => ({
        ok: false,
        reason: err instanceof Error ? err.message : String(err),
      }),
    );
    return Promise.race([answer, timeout]);
  }, []);

  return {
    tabId,
    view: state?.view,
    capabilities: state?.capabilities ?? FULL,
    theme: state?.theme,
    collapsed,
    setCollapsed,
    insert,
  };
}
