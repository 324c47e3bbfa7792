/**
 * Chrome's side panel: which page report it may show, and on which sites the rep chose it over
 * the sidebar in the page. Pure.
 */
import type { PageState } from '@/lib/messaging/protocol';
import type { SiteId } from '@/lib/sites/types';

const SITE_IDS: readonly SiteId[] = ['gmail', 'hubspot', 'salesforce', 'pipedrive', 'linkedin'];

export function isSiteId(v: unknown): v is SiteId {
  return typeof v === 'string' && (SITE_IDS as readonly string[]).includes(v);
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The report to show for the tab the panel follows, or null. The background hands over a report
 * only while the script that made it still answers in that tab. The tab's address, where the
 * browser tells it (a granted CRM host; Chrome withholds Gmail's without the `tabs` permission), is
 * one more check: a report of another origin is from a page the tab has left.
 */
export function stateForTab(state: PageState | null, tabUrl: string | undefined): PageState | null {
  if (!state) return null;
  if (!tabUrl || !state.view) return state;
  const tabOrigin = originOf(tabUrl);
  return tabOrigin && originOf(state.view.url) === tabOrigin ? state : null;
}

/** The site list with `site` set to the side panel (`panel`) or back to the page. Sorted, no repeats. */
export function withPanelChoice(list: readonly unknown[], site: SiteId, panel: boolean): SiteId[] {
  const kept = new Set(list.filter(isSiteId));
  if (panel) kept.add(site);
  else kept.delete(site);
  return SITE_IDS.filter((s) => kept.has(s));
}

/** Whether the rep chose the side panel for this site (a damaged stored value counts as no). */
export function prefersPanel(list: unknown, site: SiteId): boolean {
  return Array.isArray(list) && list.includes(site);
}
