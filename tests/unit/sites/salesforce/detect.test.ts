import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detect, isSalesforceUrl, toId18 } from '@/lib/sites/salesforce';

const C15 = '0035g00000AdAeX';
const C18 = '0035g00000AdAeXAAV';
const L18 = '00Q5g00000AdLeAEAV';

describe('record ids', () => {
  it('extends 15-character ids with the case-safe suffix', () => {
    expect(toId18(C15)).toBe(C18);
    expect(toId18(C18)).toBe(C18);
    expect(toId18('0035g00000AdAeXaav')).toBe(C18);
    expect(toId18('001000000000000')).toBe('001000000000000AAA');
    expect(toId18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
  });

  it.each([['0035g00000AdAeXAAA'], ['0035g00000AdAe'], ['0035g00000AdAeX!'], ['0035g00000AdAeXAAVX'], ['']])(
    'rejects %j',
    (id) => expect(toId18(id)).toBe(''),
  );

  it('gives one 18-character id per 15-character id, and both spellings agree', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z0-9]{15}$/), (id15) => {
        const id18 = toId18(id15);
        expect(id18).toHaveLength(18);
        expect(id18.startsWith(id15)).toBe(true);
        expect(toId18(id18)).toBe(id18);
      }),
      { numRuns: 200 },
    );
  });
});

describe('Salesforce record URLs', () => {
  it.each([
    [
      `https://northwind-demo.lightning.force.com/lightning/r/Contact/${C18}/view`,
      'northwind-demo',
      'Contact',
      C18,
    ],
    [
      `https://northwind-demo.lightning.force.com/lightning/r/Contact/${C15}/view`,
      'northwind-demo',
      'Contact',
      C18,
    ],
    [
      `https://northwind-demo.lightning.force.com/lightning/r/contact/${C18}/view/`,
      'northwind-demo',
      'Contact',
      C18,
    ],
    [
      `https://northwind-demo.lightning.force.com/lightning/r/Lead/${L18}/view`,
      'northwind-demo',
      'Lead',
      L18,
    ],
    [
      `https://northwind-demo.lightning.force.com/lightning/r/Lead/${L18}/view?ws=%2Flightning%2Fr%2FAccount%2F001%2Fview`,
      'northwind-demo',
      'Lead',
      L18,
    ],
    [`https://northwind-demo.lightning.force.com/lightning/r/${C18}/view`, 'northwind-demo', 'Contact', C18],
    [
      `https://northwind-demo.lightning.force.com/lightning/r/Contact/${C18}`,
      'northwind-demo',
      'Contact',
      C18,
    ],
    [
      `https://Northwind-Demo--uat.sandbox.lightning.force.com/lightning/r/Contact/${C18}/view`,
      'northwind-demo--uat',
      'Contact',
      C18,
    ],
    [
      `https://acme-dev-ed.develop.lightning.force.com/lightning/r/Lead/${L18}/view`,
      'acme-dev-ed',
      'Lead',
      L18,
    ],
    [`https://agency.lightning.force.mil/lightning/r/Contact/${C18}/view`, 'agency', 'Contact', C18],
    [`https://agency.lightning.crmforce.mil/lightning/r/Contact/${C18}/view`, 'agency', 'Contact', C18],
    [
      `https://northwind-demo.lightning.force.com.mcas.ms/lightning/r/Contact/${C18}/view`,
      'northwind-demo',
      'Contact',
      C18,
    ],
    [
      `https://northwind-demo.lightning.force.com/one/one.app#/sObject/${C15}/view`,
      'northwind-demo',
      'Contact',
      C18,
    ],
  ])('%s', (url, org, sobject, id) => {
    expect(detect(url)).toEqual({
      site: 'salesforce',
      key: `salesforce:${org}:${id}`,
      isPerson: true,
      org,
      sobject,
      id,
    });
  });

  it('names a record the same way with a 15- or 18-character id', () => {
    const a = detect(`https://x.lightning.force.com/lightning/r/Contact/${C15}/view`);
    const b = detect(`https://x.lightning.force.com/lightning/r/Contact/${C18}/view`);
    expect(a?.key).toBe(b?.key);
  });

  it.each([
    ['account', 'https://x.lightning.force.com/lightning/r/Account/0015g00000XyZaBAAV/view'],
    ['opportunity', 'https://x.lightning.force.com/lightning/r/Opportunity/0065g00000XyZaBAAV/view'],
    [
      'contact URL with an account id',
      'https://x.lightning.force.com/lightning/r/Contact/0015g00000XyZaBAAV/view',
    ],
    ['lead URL with a contact id', `https://x.lightning.force.com/lightning/r/Lead/${C18}/view`],
    ['bad checksum', 'https://x.lightning.force.com/lightning/r/Contact/0035g00000AdAeXAAA/view'],
    ['list view', 'https://x.lightning.force.com/lightning/o/Contact/list?filterName=Recent'],
    ['object home', 'https://x.lightning.force.com/lightning/o/Lead/home'],
    ['related list', `https://x.lightning.force.com/lightning/r/Contact/${C18}/related/Cases/view`],
    ['edit', `https://x.lightning.force.com/lightning/r/Contact/${C18}/edit`],
    ['setup', 'https://x.lightning.force.com/lightning/setup/SetupOneHome/home'],
    ['classic', `https://x.my.salesforce.com/${C18}`],
    ['look-alike host', `https://x.lightning.force.com.evil.example/lightning/r/Contact/${C18}/view`],
    ['http', `http://x.lightning.force.com/lightning/r/Contact/${C18}/view`],
    ['not a URL', `/lightning/r/Contact/${C18}/view`],
  ])('%s is not a person record', (_what, url) => {
    expect(detect(url)).toBeNull();
  });

  it('knows its hosts', () => {
    expect(isSalesforceUrl('https://x.lightning.force.com/lightning/page/home')).toBe(true);
    expect(isSalesforceUrl('https://x.my.salesforce.com/')).toBe(false);
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'https://x.lightning.force.com/lightning/r/'),
        fc.string(),
        (pre, s) => {
          const r = detect(pre + s);
          expect(r === null || /^salesforce:[a-z0-9-]+:[a-zA-Z0-9]{18}$/.test(r.key)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
