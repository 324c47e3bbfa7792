import { useEffect, useState } from 'react';
import { hasSidePanel } from '@/lib/browser/side-panel';
import { panelSites } from '@/lib/prefs/ui-prefs';
import { prefersPanel, withPanelChoice } from '@/lib/sidebar/panel';
import { OPTIONAL_SITES } from '@/lib/sites/optional-sites';
import type { SiteId } from '@/lib/sites/types';
import { t } from '@/lib/i18n';

const SITES: { id: SiteId; label: string }[] = [
  { id: 'gmail', label: 'Gmail' },
  ...OPTIONAL_SITES.map((s) => ({ id: s.id, label: s.label })),
];

/**
 * Where the sidebar shows on each site: inside the page (the default) or in the browser's own side
 * panel (Chrome, Edge, Brave). Absent where the browser has no side panel (Firefox).
 */
export function SidePanelSection() {
  const [list, setList] = useState<SiteId[]>();
  useEffect(() => {
    void panelSites
      .getValue()
      .then(setList)
      .catch(() => setList([]));
    return panelSites.watch(setList);
  }, []);
  if (!hasSidePanel()) return null;
  const change = (site: SiteId, panel: boolean) => {
    void panelSites
      .getValue()
      .then((now) => panelSites.setValue(withPanelChoice(now, site, panel)))
      .catch(() => undefined);
  };
  return (
    <section data-testid="settings-side-panel">
      <h3>{t('panel_open')}</h3>
      <p className="tb-muted" style={{ marginTop: 0 }}>
        {t('panel_settings_text')}
      </p>
      {SITES.map((site) => (
        <label key={site.id} className="tb-toggle">
          <input
            type="checkbox"
            checked={prefersPanel(list, site.id)}
            disabled={list === undefined}
            onChange={(e) => change(site.id, e.target.checked)}
            data-testid={`side-panel-${site.id}`}
          />
          <span>{t('panel_site_in_panel', { site: site.label })}</span>
        </label>
      ))}
    </section>
  );
}
