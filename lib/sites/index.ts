/**
 * Site adapters registry. Content scripts import from here (or from a site folder directly);
 * nothing under lib/sites may import lib/db, dexie, react or date-fns (content-script size budget).
 */
import { gmailAdapter } from './gmail/adapter';
import type { SiteAdapter, SiteId } from './types';

export type * from './types';
export { gmailAdapter };

/** All adapters, in matching order. */
export const siteAdapters: readonly SiteAdapter[] = [gmailAdapter];

/** The adapter for a URL, if any. */
export function adapterForUrl(url: string): SiteAdapter | undefined {
  return siteAdapters.find((a) => a.matches(url));
}

/** The registered adapter of a site, for shared code that must ask a site what it knows. */
export function adapterForSite(site: SiteId): SiteAdapter | undefined {
  return siteAdapters.find((a) => a.site === site);
}
