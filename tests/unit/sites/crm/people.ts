/** The invented people in the CRM fixtures (tests/fixtures/<site>/): who is who. */

/** The signed-in rep, shown in every page's chrome. Never the record's person. */
export const ME = { name: 'Sam Seller', email: 'sam.seller@northwind-demo.example' };
/** A colleague mentioned in activity feeds. Never the record's person. */
export const COLLEAGUE = { name: 'Colin Colleague', email: 'colin.colleague@northwind-demo.example' };

/** Strings of the signed-in rep and the colleague that must never reach a record view. */
export const CHROME_TRAPS = [
  ME.name,
  ME.email,
  COLLEAGUE.name,
  COLLEAGUE.email,
  '+1 555 010 9999',
  '+15550109999',
];
