import type { SiteInfo } from '../site-info';

/** LinkedIn profiles and Sales Navigator live on the one host. */
export const linkedinSite: SiteInfo = {
  id: 'linkedin',
  label: 'LinkedIn',
  matches: ['https://www.linkedin.com/*'],
};
