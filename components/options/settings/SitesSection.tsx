import { useState } from 'react';
import { useSites } from '@/components/shared/useSites';
import { OPTIONAL_SITES, type SiteInfo } from '@/lib/sites/optional-sites';
import { t } from '@/lib/i18n';

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
      if (next && !nowOn) setMessage(t('site_stays_off', { site: site.label }));
      else if (next) setMessage(t('sites_on', { site: site.label }));
      else setMessage(t('sites_off', { site: site.label }));
    });
  };

  return (
    <section data-testid="settings-sites">
      <h3>{t('dash_sites')}</h3>
      <p className="tb-muted" style={{ marginTop: 0 }}>
        {t('dash_the_sidebar_always_runs_in')}
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
