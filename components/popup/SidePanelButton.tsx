import { useEffect, useState } from 'react';
import { hasSidePanel, openSidePanel } from '@/lib/browser/side-panel';
import { panelSites } from '@/lib/prefs/ui-prefs';
import { withPanelChoice } from '@/lib/sidebar/panel';
import { optionalSiteForUrl } from '@/lib/sites/site-permissions';
import type { SiteId } from '@/lib/sites/types';
import { t } from '@/lib/i18n';

/** The site of a tab's address, when it is one the sidebar runs on. */
function siteOf(url: string | undefined): SiteId | undefined {
  if (!url) return undefined;
  if (url.startsWith('https://mail.google.com/')) return 'gmail';
  return optionalSiteForUrl(url)?.id;
}

/**
 * "Open in side panel" (Chrome, Edge, Brave): Touchbase in the browser's own side panel, next to
 * any tab. Over Gmail or a turned-on record page it also remembers that choice for that site, so
 * the sidebar in the page stays out of the way there.
 */
export function SidePanelButton({ onStatus }: { onStatus: (text: string, error?: boolean) => void }) {
  const [tab, setTab] = useState<{ id: number; url?: string }>();
  useEffect(() => {
    if (!hasSidePanel()) return;
    void browser.tabs
      .query({ active: true, currentWindow: true })
      .then(([t]) => setTab(t?.id === undefined ? undefined : { id: t.id, url: t.url }))
      .catch(() => undefined);
  }, []);
  if (!tab) return null;
  const open = () => {
    // Nothing awaited first: Chrome opens its side panel only inside the click.
    void openSidePanel(tab.id).then(async (res) => {
      if (!res.ok) {
        onStatus(t('panel_not_opened', { reason: res.reason }), true);
        return;
      }
      const site = siteOf(tab.url);
      if (site) await panelSites.setValue(withPanelChoice(await panelSites.getValue(), site, true));
      window.close();
    });
  };
  return (
    <button type="button" className="tb-small" onClick={open} data-testid="open-side-panel">
      {t('panel_open_popup')}
    </button>
  );
}
