import type { SiteInfo } from '../types';

/** LinkedIn profiles and Sales Navigator both live on the one `www` host. */
export const linkedinSite: SiteInfo = {
  id: 'linkedin',
  label: 'LinkedIn',
  matches: ['https://www.linkedin.com/*'],
};
