/** Public surface of the Salesforce Lightning Contact / Lead adapter. */
import { detect } from './detect';
import { extract } from './extract';

export { detect, isSalesforceUrl, toId18 } from './detect';
export { extract } from './extract';
export { FIELDS as SALESFORCE_FIELDS, SEL as SALESFORCE_SEL } from './selectors';

/** What the generic CRM shell needs from this site: identify the record, read its person. */
export const salesforce = { site: 'salesforce', detect, extract } as const;
