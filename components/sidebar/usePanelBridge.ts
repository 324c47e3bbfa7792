import { useCallback, useEffect, useState } from 'react';
import { request } from '@/lib/messaging/client';
import { watchPageState } from '@/lib/messaging/page-channel';
import type { PageState } from '@/lib/messaging/protocol';
import { stateForTab } from '@/lib/sidebar/panel';
import type { SiteCapabilities } from '@/lib/sites/types';
import type { InsertAnswer, InsertRequest, PageBridge } from './usePageBridge';

const INSERT_TIMEOUT_MS = 8000;
const NONE: SiteCapabilities = { insert: false, sends: false, replies: false };
const FULL: SiteCapabilities = { insert: true, sends: true, replies: true };

interface ActiveTab {
  id: number;
  /** Only where the browser tells it (a granted host); otherwise undefined. */
  url: string | undefined;
  /** Bumped when the tab loads a page, so its report is asked again (the address may be hidden). */
  loads: number;
}

/**
 * The side panel's end of the page channel. The panel lives in no tab: it follows the active tab
 * of its own window, and reads that tab's report from the background (`panel.state`), the same
 * report the sidebar in the page reads. Commands go to that tab's top frame through the background.
 */
export function usePanelBridge(): PageBridge {
  const [tab, setTab] = useState<ActiveTab>();
  const [state, setState] = useState<PageState | null>(null);

  // Follow the active tab of the panel's window: switching tabs, and loads or moves in that tab.
  useEffect(() => {
    let windowId: number | undefined;
    let cancelled = false;
    const refresh = async (loaded = false) => {
      const [t] = await browser.tabs.query(
        windowId === undefined ? { active: true, currentWindow: true } : { active: true, windowId },
      );
      if (cancelled) return;
      setTab((prev) => {
        if (t?.id === undefined) return undefined;
        if (prev?.id === t.id && prev.url === t.url && !loaded) return prev;
        return { id: t.id, url: t.url, loads: (prev?.loads ?? 0) + (loaded ? 1 : 0) };
      });
    };
    const onActivated = (info: { windowId: number }) => {
      if (windowId === undefined || info.windowId === windowId) void refresh().catch(() => undefined);
    };
    const onUpdated = (_id: number, _change: unknown, t: { active?: boolean; windowId?: number }) => {
      if (t.active && (windowId === undefined || t.windowId === windowId))
        void refresh().catch(() => undefined);
    };
    void browser.windows
      .getCurrent()
      .then((w) => {
        windowId = w.id;
      })
      .catch(() => undefined)
      .then(() => refresh())
      .catch(() => undefined);
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      cancelled = true;
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, []);

  const tabId = tab?.id;
  const loads = tab?.loads;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a load in the same tab asks for its report again.
  useEffect(() => {
    setState(null);
    if (tabId === undefined) return;
    let cancelled = false;
    const fetchState = () => request('panel.state', { tabId }).then((r) => r.state);
    const apply = (next: PageState | null) => {
      if (!cancelled) setState(next);
    };
    const stop = watchPageState(tabId, apply, fetchState);
    fetchState()
      .then(apply)
      .catch(() => undefined);
    return () => {
      cancelled = true;
      stop();
    };
  }, [tabId, loads]);

  const shown = stateForTab(state, tab?.url);

  const insert = useCallback(
    (req: InsertRequest): Promise<InsertAnswer> => {
      if (tabId === undefined) return Promise.resolve({ ok: false, reason: 'No tab to insert into.' });
      const timeout = new Promise<InsertAnswer>((resolve) =>
        window.setTimeout(
          () => resolve({ ok: false, reason: 'The page did not answer. Reload the tab and try again.' }),
          INSERT_TIMEOUT_MS,
        ),
      );
      const answer = request('panel.command', { tabId, command: { kind: 'insert', ...req } }).catch(
        (err: unknown): InsertAnswer => ({
          ok: false,
          reason: err instanceof Error ? err.message : String(err),
        }),
      );
      return Promise.race([answer, timeout]);
    },
    [tabId],
  );

  return {
    tabId,
    view: shown?.view,
    capabilities: shown ? (shown.capabilities ?? FULL) : NONE,
    theme: shown?.theme,
    // The side panel has no collapsed state of its own: Chrome's panel is open or closed.
    collapsed: false,
    setCollapsed: () => undefined,
    insert,
  };
}
