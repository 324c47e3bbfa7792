/**
 * Mounts the sidebar (an extension page) in an iframe on a host page and bridges messages to it.
 * Runs in the content script: plain DOM, no React, no Dexie. Every message is checked for its
 * origin and source on both ends.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createIframeUi } from 'wxt/utils/content-script-ui/iframe';
import { type FromSidebar, isFromSidebar, type ToSidebar } from '@/lib/messaging/protocol';
import { sidebarCollapsed } from '@/lib/prefs/ui-prefs';

export const SIDEBAR_WIDTH = 340;
export const COLLAPSED_WIDTH = 28;
/** Below Gmail's top bar (search, settings, account), so its controls stay reachable. */
const TOP_OFFSET = 64;

export interface SidebarFrame {
  post(msg: ToSidebar): void;
  setCollapsed(collapsed: boolean): void;
  isCollapsed(): boolean;
  iframe: HTMLIFrameElement;
}

export function mountSidebarFrame(
  ctx: ContentScriptContext,
  onMessage: (msg: FromSidebar) => void,
): SidebarFrame {
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  let collapsed = false;
  let ready = false;
  const queue: ToSidebar[] = [];

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
    top: `${TOP_OFFSET}px`,
    right: '0',
    bottom: '0',
    zIndex: '2147483000',
    boxShadow: '0 1px 3px rgba(60,64,67,.3), 0 4px 8px 3px rgba(60,64,67,.15)',
    borderRadius: '12px 0 0 12px',
    overflow: 'hidden',
    background: 'transparent',
  });
  Object.assign(iframe.style, { border: '0', width: '100%', height: '100%', display: 'block' });

  const applyWidth = () => {
    wrapper.style.width = `${collapsed ? COLLAPSED_WIDTH : SIDEBAR_WIDTH}px`;
    wrapper.dataset.collapsed = String(collapsed);
  };
  applyWidth();

  const post = (msg: ToSidebar) => {
    if (!ready || !iframe.contentWindow) {
      queue.push(msg);
      return;
    }
    iframe.contentWindow.postMessage(msg, extensionOrigin);
  };

  const onWindowMessage = (e: MessageEvent) => {
    if (e.origin !== extensionOrigin || e.source !== iframe.contentWindow) return;
    if (!isFromSidebar(e.data)) return;
    const msg = e.data;
    if (msg.tb === 'ready') {
      ready = true;
      for (const m of queue.splice(0)) post(m);
      post({ tb: 'collapsed', collapsed });
    } else if (msg.tb === 'collapse') {
      setCollapsed(msg.collapsed);
    }
    onMessage(msg);
  };
  ctx.addEventListener(window, 'message', onWindowMessage);

  const setCollapsed = (next: boolean) => {
    collapsed = next;
    applyWidth();
    void sidebarCollapsed.setValue(next).catch(() => undefined);
    post({ tb: 'collapsed', collapsed });
  };

  void sidebarCollapsed
    .getValue()
    .then((v) => {
      collapsed = v;
      applyWidth();
    })
    .catch(() => undefined);

  ui.mount();
  return { post, setCollapsed, isCollapsed: () => collapsed, iframe };
}
