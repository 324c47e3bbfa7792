import { useEffect, useState } from 'react';
import { useSites } from '@/components/shared/useSites';
import type { SiteInfo } from '@/lib/sites/optional-sites';
import { optionalSiteForUrl } from '@/lib/sites/site-permissions';

/**
 * Offered when the popup opens over a CRM or LinkedIn page whose site is off: one click turns it
 * on (the browser asks for that site's pages right then). The tab's address is readable only
 * because the rep just clicked our button (`activeTab`); nothing is read otherwise.
 */
export function SitePrompt({ onStatus }: { onStatus: (text: string, error?: boolean) => void }) {
  const { on, toggle } = useSites();
  const [site, setSite] = useState<SiteInfo>();
  useEffect(() => {
    void browser.tabs
      .query({ active: true, currentWindow: true })
      .then(([tab]) => setSite(optionalSiteForUrl(tab?.url)))
      .catch(() => undefined);
  }, []);
  if (!site || on === undefined || on[site.id]) return null;
  const turnOn = () => {
    // No await before the request: the browser shows its prompt only inside the click.
    void toggle(site, true).then((granted) =>
      granted
        ? onStatus(`${site.label} is on: reload the page and the sidebar shows the record's person.`)
        : onStatus(`${site.label} stays off: the browser did not allow access to its pages.`, true),
    );
  };
  return (
    <div className="tb-alerts tb-site-prompt" data-testid="site-prompt">
      <span className="tb-muted">Show Touchbase next to {site.label} records?</span>
      <button type="button" className="tb-small" onClick={turnOn} data-testid="site-prompt-on">
        Turn on {site.label}
      </button>
    </div>
  );
}
