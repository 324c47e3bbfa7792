/**
 * Chrome's side panel (`sidePanel`, Chrome 114+; Edge and Brave run the same build). Firefox has
 * no such API (its `sidebar_action` is another thing, and the Firefox build declares neither), so
 * every caller asks here first and shows no side-panel control where it is missing.
 */
import { tLight } from '@/lib/i18n/light';

interface SidePanelApi {
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
}

function api(): SidePanelApi | undefined {
  // The types promise `sidePanel` everywhere; Firefox (and the unit tests' fake) lack it.
  const sp = (browser as unknown as { sidePanel?: Partial<SidePanelApi> }).sidePanel;
  return sp && typeof sp.open === 'function' ? (sp as SidePanelApi) : undefined;
}

/** Whether this browser can show Touchbase in its side panel. */
export function hasSidePanel(): boolean {
  return api() !== undefined;
}

/**
 * Opens the side panel for the window of `tabId`. Chrome allows it only in answer to a click, so
 * call it first thing in the click handler (nothing awaited before it). Never rejects: the answer
 * says why it could not.
 */
export function openSidePanel(tabId: number): Promise<{ ok: true } | { ok: false; reason: string }> {
  const sp = api();
  if (!sp) return Promise.resolve({ ok: false, reason: tLight('panel_none') });
  try {
    return sp.open({ tabId }).then(
      () => ({ ok: true }) as const,
      (err: unknown) => ({ ok: false, reason: err instanceof Error ? err.message : String(err) }) as const,
    );
  } catch (err) {
    return Promise.resolve({ ok: false, reason: err instanceof Error ? err.message : String(err) });
  }
}
