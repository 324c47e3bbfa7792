import { useState } from 'react';
import { useSites } from '@/components/shared/useSites';
import { OPTIONAL_SITES, type SiteInfo } from '@/lib/sites/optional-sites';

/** Hosts as a rep reads them: "app.hubspot.com, app-eu1.hubspot.com". */
function hostsOf(site: SiteInfo): string {
  return site.matches.map((m) => m.replace(/^https:\/\//, '').replace(/\/\*$/, '')).join(', ');
}

/**
 * Where the sidebar appears besides Gmail. Each site is off until the rep turns it on; the
 * browser then asks for access to that site's pages, and turning it off gives the access back.
 */
export function SitesSection() {
  const { on, toggle } = useSites();
  const [message, setMessage] = useState<string>();

  const change = (site: SiteInfo, next: boolean) => {
    setMessage(undefined);
    void toggle(site, next).then((nowOn) => {
      if (next && !nowOn)
        setMessage(`${site.label} stays off: the browser did not allow access to its pages.`);
      else if (next)
        setMessage(`${site.label} is on: open a record there and the sidebar shows that person.`);
      else setMessage(`${site.label} is off: Touchbase no longer runs on its pages.`);
    });
  };

  return (
    <section data-testid="settings-sites">
      <h3>Sites</h3>
      <p className="tb-muted" style={{ marginTop: 0 }}>
        The sidebar always runs in Gmail. Turn on the CRMs you use and it also shows the person of the record
        you open there. Touchbase reads those pages only after you allow it, and nothing leaves your browser.
      </p>
      {OPTIONAL_SITES.map((site) => (
        <label key={site.id} className="tb-toggle">
          <input
            type="checkbox"
            checked={on?.[site.id] ?? false}
            disabled={on === undefined}
            onChange={(e) => change(site, e.target.checked)}
            data-testid={`site-toggle-${site.id}`}
          />
          <span>
            {site.label}
            <small>{hostsOf(site)}</small>
          </span>
        </label>
      ))}
      {message && (
        <p className="tb-muted" role="status" data-testid="settings-sites-status">
          {message}
        </p>
      )}
    </section>
  );
}
