import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detect, isPipedriveUrl, personIdOf } from '@/lib/sites/pipedrive';

describe('Pipedrive record URLs', () => {
  it.each([
    ['https://northwind-demo.pipedrive.com/person/201', 'northwind-demo', '201'],
    ['https://northwind-demo.pipedrive.com/person/201/', 'northwind-demo', '201'],
    ['https://Northwind-Demo.pipedrive.com/person/201?tab=activities', 'northwind-demo', '201'],
    ['https://acme.pipedrive.com/person/9007199254#notes', 'acme', '9007199254'],
  ])('%s is person %s/%s', (url, company, id) => {
    expect(detect(url)).toEqual({
      site: 'pipedrive',
      key: `pipedrive:${company}:${id}`,
      isPerson: true,
      company,
      personId: id,
    });
  });

  it('a deal page names the deal until its person is read', () => {
    expect(detect('https://northwind-demo.pipedrive.com/deal/77')).toEqual({
      site: 'pipedrive',
      key: 'pipedrive:northwind-demo:deal:77',
      isPerson: false,
      company: 'northwind-demo',
      dealId: '77',
    });
  });

  it.each([
    ['organization', 'https://acme.pipedrive.com/organization/31'],
    ['persons list', 'https://acme.pipedrive.com/persons/list'],
    ['deals list', 'https://acme.pipedrive.com/deals/list'],
    ['pipeline', 'https://acme.pipedrive.com/pipeline/1/user/everyone'],
    ['settings', 'https://acme.pipedrive.com/settings/personal'],
    ['leads inbox', 'https://acme.pipedrive.com/leads/inbox/5b1e0a30-1111-2222-3333-444455556666'],
    ['non-numeric id', 'https://acme.pipedrive.com/person/abc'],
    ['marketing site', 'https://www.pipedrive.com/person/201'],
    ['developer docs', 'https://developers.pipedrive.com/person/201'],
    ['look-alike host', 'https://acme.pipedrive.com.evil.example/person/201'],
    ['http', 'http://acme.pipedrive.com/person/201'],
    ['not a URL', '/person/201'],
  ])('%s is not a person', (_what, url) => {
    expect(detect(url)).toBeNull();
  });

  it('reads person ids from links', () => {
    expect(personIdOf('/person/201')).toBe('201');
    expect(personIdOf('https://acme.pipedrive.com/person/202/activities')).toBe('202');
    expect(personIdOf('/persons/list')).toBe('');
    expect(personIdOf('/organization/31')).toBe('');
    expect(personIdOf(null)).toBe('');
  });

  it('knows its hosts', () => {
    expect(isPipedriveUrl('https://acme.pipedrive.com/pipeline')).toBe(true);
    expect(isPipedriveUrl('https://www.pipedrive.com/')).toBe(false);
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.constantFrom('', 'https://acme.pipedrive.com/'), fc.string(), (pre, s) => {
        const r = detect(pre + s);
        expect(r === null || /^pipedrive:[a-z0-9-]+:(deal:)?\d+$/.test(r.key)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
