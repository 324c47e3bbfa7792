/**
 * Turning a site on or off from an extension page. A site is on exactly when its host
 * permissions are granted; the background follows with the content script registration.
 */
import { browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { OPTIONAL_SITES, type SiteInfo } from './optional-sites';

/** Whether every host of the site is granted. */
export async function isSiteOn(site: SiteInfo): Promise<boolean> {
  return browser.permissions.contains({ origins: [...site.matches] });
}

/**
 * Asks for the site's hosts. Call it straight from the click handler, before any other await:
 * the browser shows its prompt only inside a user gesture. Resolves to whether the rep agreed.
 */
export function turnSiteOn(site: SiteInfo): Promise<boolean> {
  return browser.permissions.request({ origins: [...site.matches] });
}

/** Gives the site's hosts back; the background then unregisters its script. */
export function turnSiteOff(site: SiteInfo): Promise<boolean> {
  return browser.permissions.remove({ origins: [...site.matches] });
}

/** The site a page belongs to, if it is one a rep can turn on. */
export function optionalSiteForUrl(url: string | undefined): SiteInfo | undefined {
  if (!url) return undefined;
  return OPTIONAL_SITES.find((s) =>
    s.matches.some((m) => {
      try {
        return new MatchPattern(m).includes(url);
      } catch {
        return false;
      }
    }),
  );
}
