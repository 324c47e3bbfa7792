import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detect, isHubSpotUrl } from '@/lib/sites/hubspot';

describe('HubSpot record URLs', () => {
  it.each([
    ['https://app.hubspot.com/contacts/4410001/record/0-1/50001', '4410001', '50001'],
    ['https://app.hubspot.com/contacts/4410001/record/0-1/50001/', '4410001', '50001'],
    ['https://app-eu1.hubspot.com/contacts/25123456/record/0-1/987654321', '25123456', '987654321'],
    ['https://app-na2.hubspot.com/contacts/4410001/record/0-1/50001?eschref=%2Fcontacts', '4410001', '50001'],
    ['https://app-ap1.hubspot.com/contacts/4410001/record/0-1/50001/view/2', '4410001', '50001'],
    ['https://app.hubspot.com/contacts/4410001/contact/50001', '4410001', '50001'],
    ['https://app.hubspot.com/contacts/4410001/contact/50001/#activity', '4410001', '50001'],
    ['https://APP.HUBSPOT.COM/contacts/4410001/record/0-1/50001', '4410001', '50001'],
  ])('%s is contact %s/%s', (url, portal, id) => {
    expect(detect(url)).toEqual({
      site: 'hubspot',
      key: `hubspot:${portal}:${id}`,
      isPerson: true,
      portal,
      objectType: '0-1',
      id,
    });
  });

  it('gives the same key on every regional host and both URL forms', () => {
    const keys = new Set(
      [
        'https://app.hubspot.com/contacts/7/record/0-1/9',
        'https://app-eu1.hubspot.com/contacts/7/record/0-1/9',
        'https://app.hubspot.com/contacts/7/contact/9',
      ].map((u) => detect(u)?.key),
    );
    expect([...keys]).toEqual(['hubspot:7:9']);
  });

  it.each([
    ['company record', 'https://app.hubspot.com/contacts/4410001/record/0-2/90001'],
    ['deal record', 'https://app.hubspot.com/contacts/4410001/record/0-3/70001'],
    ['ticket record', 'https://app.hubspot.com/contacts/4410001/record/0-5/1'],
    ['custom object', 'https://app.hubspot.com/contacts/4410001/record/2-1234567/1'],
    ['legacy deal', 'https://app.hubspot.com/contacts/4410001/deal/70001'],
    ['legacy company', 'https://app.hubspot.com/contacts/4410001/company/90001'],
    ['contact list view', 'https://app.hubspot.com/contacts/4410001/objects/0-1/views/all/list'],
    ['contacts index', 'https://app.hubspot.com/contacts/4410001/contacts/list/view/all/'],
    ['settings', 'https://app.hubspot.com/settings/4410001/users'],
    ['reports', 'https://app.hubspot.com/reports-dashboard/4410001/view/1'],
    ['marketing site', 'https://www.hubspot.com/contacts/4410001/record/0-1/50001'],
    ['look-alike host', 'https://app.hubspot.com.evil.example/contacts/1/record/0-1/2'],
    ['other host', 'https://evil.example/app.hubspot.com/contacts/1/record/0-1/2'],
    ['http', 'http://app.hubspot.com/contacts/4410001/record/0-1/50001'],
    ['non-numeric id', 'https://app.hubspot.com/contacts/4410001/record/0-1/abc'],
    ['not a URL', 'contacts/4410001/record/0-1/50001'],
    ['empty', ''],
  ])('%s is not a contact', (_what, url) => {
    expect(detect(url)).toBeNull();
  });

  it('knows its hosts', () => {
    expect(isHubSpotUrl('https://app-eu1.hubspot.com/contacts/1')).toBe(true);
    expect(isHubSpotUrl('https://www.hubspot.com/')).toBe(false);
    expect(isHubSpotUrl('mailto:x@y.z')).toBe(false);
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'https://app.hubspot.com/contacts/', 'https://app-eu1.hubspot.com/'),
        fc.string(),
        (pre, s) => {
          const r = detect(pre + s);
          expect(r === null || /^hubspot:\d+:\d+$/.test(r.key)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
