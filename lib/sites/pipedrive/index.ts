/** Public surface of the Pipedrive person / deal adapter. */
import { detect } from './detect';
import { extract } from './extract';

export { companyOf, detect, isPipedriveUrl, personIdOf } from './detect';
export { extract } from './extract';
export { SEL as PIPEDRIVE_SEL } from './selectors';

/** What the generic CRM shell needs from this site: identify the record, read its person. */
export const pipedrive = { site: 'pipedrive', detect, extract } as const;
