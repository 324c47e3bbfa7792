/** Public surface of the LinkedIn profile / Sales Navigator lead adapter. */
import { detect } from './detect';
import { extract } from './extract';

export { detect, isLinkedInUrl, profileRef } from './detect';
export { extract } from './extract';
export { SEL as LINKEDIN_SEL } from './selectors';

/** What the generic CRM shell needs from this site: identify the record, read its person. */
export const linkedin = { site: 'linkedin', detect, extract } as const;
