/**
 * Mounts the sidebar (an extension page) in an iframe on a host page and sizes it. Runs in the
 * content script: plain DOM, no React, no Dexie. Nothing is posted into or read from the frame:
 * the host page shares this window and could forge any such message, so the sidebar and the
 * content script talk through the extension (see lib/messaging/page-channel.ts).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createIframeUi } from 'wxt/utils/content-script-ui/iframe';
import { sidebarCollapsed } from '@/lib/prefs/ui-prefs';

export const SIDEBAR_WIDTH = 340;
export const COLLAPSED_WIDTH = 28;
/** The collapsed tab is short, so it sits between Gmail's side-panel icons and its bottom controls. */
export const COLLAPSED_HEIGHT = 112;
/** Below Gmail's top bar (search, settings, account), so its controls stay reachable. */
const TOP_OFFSET = 64;
/** Marks the host page's root while the panel is open, so our layout rule applies. */
const OPEN_ATTR = 'data-touchbase-sidebar';

export interface SidebarFrame {
  setCollapsed(collapsed: boolean): void;
  isCollapsed(): boolean;
  /**
   * Takes the frame out of the page (the rep chose Chrome's side panel for this site) or puts it
   * back. Removed, not just hidden, so no second copy of the sidebar runs behind the panel.
   */
  setHidden(hidden: boolean): void;
  isHidden(): boolean;
  iframe: HTMLIFrameElement;
}

/**
 * Makes room for the open panel instead of covering Gmail: the page (and the docked compose
 * windows, which are positioned against the viewport) end where the panel starts. Our own rule
 * in the page's head, gated on an attribute, so collapsing removes it completely.
 */
function installLayoutRule(doc: Document): void {
  if (doc.getElementById('touchbase-layout')) return;
  const style = doc.createElement('style');
  style.id = 'touchbase-layout';
  style.textContent =
    `html[${OPEN_ATTR}="open"] body{margin-right:${SIDEBAR_WIDTH}px!important}` +
    `html[${OPEN_ATTR}="open"] .dw{right:${SIDEBAR_WIDTH}px!important}`;
  (doc.head ?? doc.documentElement).appendChild(style);
}

export function mountSidebarFrame(
  ctx: ContentScriptContext,
  /** Called with the panel's state when it changes (the rep's toggle, or the saved preference). */
  onCollapsed: (collapsed: boolean) => void,
): SidebarFrame {
  let collapsed = false;
  let hidden = false;

  const ui = createIframeUi(ctx, {
    page: '/sidebar.html',
    position: 'inline',
    anchor: 'body',
    append: 'last',
  });
  const { iframe, wrapper } = ui;
  wrapper.id = 'touchbase-sidebar';
  wrapper.setAttribute('data-touchbase', 'sidebar');
  iframe.title = 'Touchbase';
  iframe.setAttribute('allow', 'clipboard-write');
  Object.assign(wrapper.style, {
    position: 'fixed',
    right: '0',
    zIndex: '2147483000',
    boxShadow: '0 1px 3px rgba(60,64,67,.3), 0 4px 8px 3px rgba(60,64,67,.15)',
    overflow: 'hidden',
    background: 'transparent',
  });
  Object.assign(iframe.style, { border: '0', width: '100%', height: '100%', display: 'block' });
  try {
    installLayoutRule(document);
  } catch {
    // without the rule the panel overlays the page, which still works
  }

  const applyWidth = () => {
    if (hidden) {
      document.documentElement.removeAttribute(OPEN_ATTR);
      return;
    }
    const s = wrapper.style;
    if (collapsed) {
      Object.assign(s, {
        width: `${COLLAPSED_WIDTH}px`,
        height: `${COLLAPSED_HEIGHT}px`,
        top: `calc(50% - ${COLLAPSED_HEIGHT / 2}px)`,
        bottom: 'auto',
        borderRadius: '10px 0 0 10px',
      });
    } else {
      Object.assign(s, {
        width: `${SIDEBAR_WIDTH}px`,
        height: 'auto',
        top: `${TOP_OFFSET}px`,
        bottom: '0',
        borderRadius: '12px 0 0 0',
      });
    }
    wrapper.dataset.collapsed = String(collapsed);
    document.documentElement.setAttribute(OPEN_ATTR, collapsed ? 'collapsed' : 'open');
  };
  applyWidth();

  const setCollapsed = (next: boolean) => {
    collapsed = next;
    applyWidth();
    void sidebarCollapsed.setValue(next).catch(() => undefined);
    onCollapsed(collapsed);
  };

  void sidebarCollapsed
    .getValue()
    .then((v) => {
      collapsed = v;
      applyWidth();
      onCollapsed(collapsed);
    })
    .catch(() => undefined);

  const setHidden = (next: boolean) => {
    if (next === hidden) return;
    hidden = next;
    if (hidden) ui.remove();
    else ui.mount();
    applyWidth();
  };

  ui.mount();
  ctx.onInvalidated(() => document.documentElement.removeAttribute(OPEN_ATTR));
  return { setCollapsed, isCollapsed: () => collapsed, setHidden, isHidden: () => hidden, iframe };
}
