import type { SiteInfo } from '../types';

/** Pipedrive: every company has its own `<company>.pipedrive.com` host. */
export const pipedriveSite: SiteInfo = {
  id: 'pipedrive',
  label: 'Pipedrive',
  matches: ['https://*.pipedrive.com/*'],
};
