import { useCallback, useEffect, useState } from 'react';
import { OPTIONAL_SITES, type OptionalSiteId, type SiteInfo } from '@/lib/sites/optional-sites';
import { isSiteOn, turnSiteOff, turnSiteOn } from '@/lib/sites/site-permissions';

/**
 * Which sites are on (their hosts granted), kept current when the rep changes a permission
 * here, in the popup or in the browser's own extension settings. `undefined` while loading.
 */
export function useSites() {
  const [on, setOn] = useState<Partial<Record<OptionalSiteId, boolean>>>();
  const refresh = useCallback(async () => {
    const entries = await Promise.all(
      OPTIONAL_SITES.map(async (s) => [s.id, await isSiteOn(s).catch(() => false)] as const),
    );
    setOn(Object.fromEntries(entries));
  }, []);
  useEffect(() => {
    void refresh();
    const onChange = () => void refresh();
    browser.permissions.onAdded.addListener(onChange);
    browser.permissions.onRemoved.addListener(onChange);
    return () => {
      browser.permissions.onAdded.removeListener(onChange);
      browser.permissions.onRemoved.removeListener(onChange);
    };
  }, [refresh]);

  /**
   * Turns a site on or off. Must run straight from the click: the permission request comes first,
   * with no await before it, or the browser refuses to show its prompt.
   */
  const toggle = useCallback(
    (site: SiteInfo, next: boolean): Promise<boolean> => {
      const asked = next ? turnSiteOn(site) : turnSiteOff(site).then((removed) => !removed);
      return asked
        .catch(() => false)
        .then(async (result) => {
          await refresh();
          return result;
        });
    },
    [refresh],
  );
  return { on, toggle };
}
