import { PopupApp } from '@/components/popup/PopupApp';
import { SidebarView } from '@/components/sidebar/SidebarApp';
import { usePanelBridge } from '@/components/sidebar/usePanelBridge';
import './sidepanel.css';

/**
 * Chrome's side panel: the sidebar for the active tab's page (Gmail, a granted record page), and
 * under it the due list, on any tab.
 */
export function SidePanelApp() {
  const bridge = usePanelBridge();
  return (
    <SidebarView bridge={bridge} surface="panel">
      <section className="sp-due" data-testid="panel-due" aria-label="Due touches">
        <PopupApp embedded />
      </section>
    </SidebarView>
  );
}
