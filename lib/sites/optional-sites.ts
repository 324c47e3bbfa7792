/**
 * The sites a rep can turn on, in the order the settings list them: those with a content script
 * (`entrypoints/<site>.content`). A registry only: each site's hosts live in its own folder.
 */
import { hubspotSite } from './hubspot/site';
import { linkedinSite } from './linkedin/site';
import { pipedriveSite } from './pipedrive/site';
import { salesforceSite } from './salesforce/site';
import type { OptionalSiteId, SiteInfo } from './types';

export type { OptionalSiteId, SiteInfo };

export const OPTIONAL_SITES: readonly SiteInfo[] = [hubspotSite, salesforceSite, pipedriveSite, linkedinSite];

/** Every optional host pattern, for the manifest. */
export const OPTIONAL_HOST_PATTERNS: readonly string[] = OPTIONAL_SITES.flatMap((s) => s.matches);

export function optionalSite(id: string): SiteInfo | undefined {
  return OPTIONAL_SITES.find((s) => s.id === id);
}
