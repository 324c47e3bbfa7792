import type { SiteInfo } from '../types';

/** Salesforce Lightning: every org has its own `<org>.lightning.force.com` host. */
export const salesforceSite: SiteInfo = {
  id: 'salesforce',
  label: 'Salesforce',
  matches: ['https://*.lightning.force.com/*'],
};
