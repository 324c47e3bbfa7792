import type { SiteInfo } from '../types';

/** LinkedIn profiles and Sales Navigator live on the one host. */
export const linkedinSite: SiteInfo = {
  id: 'linkedin',
  label: 'LinkedIn',
  matches: ['https://www.linkedin.com/*'],
};
