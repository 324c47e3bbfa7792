import { useEffect, useState } from 'react';
import { hasSidePanel } from '@/lib/browser/side-panel';
import { panelSites } from '@/lib/prefs/ui-prefs';
import { prefersPanel, withPanelChoice } from '@/lib/sidebar/panel';
import { OPTIONAL_SITES } from '@/lib/sites/optional-sites';
import type { SiteId } from '@/lib/sites/types';

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
      <h3>Side panel</h3>
      <p className="tb-muted" style={{ marginTop: 0 }}>
        Show Touchbase in the browser's side panel instead of inside the page. The side panel also lists what
        is due, next to any tab. Open it from the toolbar popup or the sidebar's "Side panel" button.
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
          <span>{site.label}: in the side panel</span>
        </label>
      ))}
    </section>
  );
}
