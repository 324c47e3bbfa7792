import type { SiteInfo } from '../types';

/**
 * HubSpot's app hosts: the US one and the regional data centres. Listed one by one rather than
 * `*.hubspot.com`, which would also reach the marketing site, the blog and every customer portal.
 */
export const hubspotSite: SiteInfo = {
  id: 'hubspot',
  label: 'HubSpot',
  matches: [
    'https://app.hubspot.com/*',
    'https://app-eu1.hubspot.com/*',
    'https://app-na2.hubspot.com/*',
    'https://app-na3.hubspot.com/*',
    'https://app-ap1.hubspot.com/*',
  ],
};
