import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detect, isLinkedInUrl } from '@/lib/sites/linkedin';

const ADA = {
  site: 'linkedin',
  key: 'linkedin:ada-example-0001',
  isPerson: true,
  kind: 'profile',
  profileUrl: 'https://www.linkedin.com/in/ada-example-0001/',
};

describe('LinkedIn person URLs', () => {
  it.each([
    'https://www.linkedin.com/in/ada-example-0001/',
    'https://www.linkedin.com/in/ada-example-0001',
    'https://www.linkedin.com/in/Ada-Example-0001/?miniProfileUrn=urn%3Ali%3Afs_miniProfile%3AACoAA',
    'https://linkedin.com/in/ada-example-0001/',
    'https://de.linkedin.com/in/ada-example-0001/',
    'https://www.linkedin.com/in/ada-example-0001/overlay/contact-info/',
    'https://www.linkedin.com/in/ada-example-0001/#experience',
  ])('%s is Ada’s profile', (url) => {
    expect(detect(url)).toEqual(ADA);
  });

  it('keeps non-ASCII slugs in one encoding', () => {
    const a = detect('https://www.linkedin.com/in/j%C3%BCrgen-beispiel/');
    expect(a?.key).toBe('linkedin:j%C3%BCrgen-beispiel');
    expect(detect('https://www.linkedin.com/in/J%C3%BCrgen-Beispiel')?.key).toBe(a?.key);
  });

  it.each([
    ['https://www.linkedin.com/sales/lead/ACwAAA0000AdaExample,NAME_SEARCH,a1B2', 'ACwAAA0000AdaExample'],
    ['https://www.linkedin.com/sales/lead/ACwAAA0000AdaExample', 'ACwAAA0000AdaExample'],
    ['https://www.linkedin.com/sales/people/ACwAAA0000AdaExample,name,undefined', 'ACwAAA0000AdaExample'],
  ])('%s is Sales Navigator lead %s', (url, leadId) => {
    expect(detect(url)).toEqual({
      site: 'linkedin',
      key: `linkedin:sales:${leadId}`,
      isPerson: true,
      kind: 'sales',
      leadId,
    });
  });

  it.each([
    ['own profile alias', 'https://www.linkedin.com/in/me/'],
    ['profile sub-page', 'https://www.linkedin.com/in/ada-example-0001/details/experience/'],
    ['recent activity', 'https://www.linkedin.com/in/ada-example-0001/recent-activity/all/'],
    ['feed', 'https://www.linkedin.com/feed/'],
    ['company', 'https://www.linkedin.com/company/contoso-demo/'],
    ['search', 'https://www.linkedin.com/search/results/people/?keywords=ada'],
    ['messaging', 'https://www.linkedin.com/messaging/thread/2-abc/'],
    ['Sales Navigator home', 'https://www.linkedin.com/sales/home'],
    ['Sales Navigator search', 'https://www.linkedin.com/sales/search/people?query=x'],
    ['Sales Navigator account', 'https://www.linkedin.com/sales/company/31'],
    ['empty slug', 'https://www.linkedin.com/in/'],
    ['look-alike host', 'https://www.linkedin.com.evil.example/in/ada-example-0001/'],
    ['other host', 'https://evil.example/www.linkedin.com/in/ada-example-0001/'],
    ['http', 'http://www.linkedin.com/in/ada-example-0001/'],
    ['not a URL', '/in/ada-example-0001/'],
  ])('%s is not a person page', (_what, url) => {
    expect(detect(url)).toBeNull();
  });

  it('knows its hosts', () => {
    expect(isLinkedInUrl('https://www.linkedin.com/feed/')).toBe(true);
    expect(isLinkedInUrl('https://linkedin.example/')).toBe(false);
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'https://www.linkedin.com/in/', 'https://www.linkedin.com/sales/lead/'),
        fc.string(),
        (pre, s) => {
          const r = detect(pre + s);
          expect(r === null || /^linkedin:(sales:)?[^\s/]+$/.test(r.key)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
