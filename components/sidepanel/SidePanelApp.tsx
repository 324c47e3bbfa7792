import { PopupApp } from '@/components/popup/PopupApp';
import { SidebarView } from '@/components/sidebar/SidebarApp';
import { usePanelBridge } from '@/components/sidebar/usePanelBridge';
import './sidepanel.css';
import { t } from '@/lib/i18n';

/**
 * Chrome's side panel: the sidebar for the active tab's page (Gmail, a granted record page), and
 * under it the due list, on any tab.
 */
export function SidePanelApp() {
  const bridge = usePanelBridge();
  return (
    <SidebarView bridge={bridge} surface="panel">
      <section className="sp-due" data-testid="panel-due" aria-label={t('panel_due_label')}>
        <PopupApp embedded />
      </section>
    </SidebarView>
  );
}
