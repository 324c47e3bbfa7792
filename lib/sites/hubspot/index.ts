/** Public surface of the HubSpot contact-record adapter. */
import { detect } from './detect';
import { extract } from './extract';

export { detect, isHubSpotUrl } from './detect';
export { extract } from './extract';
export { PROPS as HUBSPOT_PROPS, SEL as HUBSPOT_SEL } from './selectors';

/** What the generic CRM shell needs from this site: identify the record, read its person. */
export const hubspot = { site: 'hubspot', detect, extract } as const;
