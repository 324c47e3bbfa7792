/**
 * What the extension itself needs to know about a site it can be turned on for: its name and
 * the hosts its content script runs on. Type-only and data-only, so wxt.config.ts (the manifest's
 * optional host permissions) and the background (script registration) read the same list.
 */

import type { CrmSiteId } from './types';

/** Sites the rep turns on one by one (Gmail is always on). */
export type OptionalSiteId = CrmSiteId;

export interface SiteInfo {
  id: OptionalSiteId;
  /** The site's name as a rep knows it. */
  label: string;
  /** Match patterns of its pages: the optional host permissions asked for, and where its script runs. */
  matches: readonly string[];
}
