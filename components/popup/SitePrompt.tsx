import { useEffect, useState } from 'react';
import { useSites } from '@/components/shared/useSites';
import type { SiteInfo } from '@/lib/sites/optional-sites';
import { optionalSiteForUrl } from '@/lib/sites/site-permissions';
import { t } from '@/lib/i18n';

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
        ? onStatus(t('site_on_reload', { site: site.label }))
        : onStatus(t('site_stays_off', { site: site.label }), true),
    );
  };
  return (
    <div className="tb-alerts tb-site-prompt" data-testid="site-prompt">
      <span className="tb-muted">{t('site_prompt_question', { site: site.label })}</span>
      <button type="button" className="tb-small" onClick={turnOn} data-testid="site-prompt-on">
        {t('site_prompt_turn_on', { site: site.label })}
      </button>
    </div>
  );
}
