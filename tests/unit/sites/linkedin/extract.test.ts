// @vitest-environment happy-dom
import { english } from '@/lib/i18n/english';
import { describe, expect, it } from 'vitest';
import { extract } from '@/lib/sites/linkedin';
import { applySpa, assertRemovalSafe, fixtureHtml, parseFixture } from '../crm/fixtures';
import { CHROME_TRAPS } from '../crm/people';

const ADA_URL = 'https://www.linkedin.com/in/ada-example-0001/';
const INFO_URL = `${ADA_URL}overlay/contact-info/`;
const LEAD_URL = 'https://www.linkedin.com/sales/lead/ACwAAA0000AdaExample,NAME_SEARCH,a1B2';
const ADA = {
  name: 'Ada Example',
  emails: ['ada.example@contoso-demo.example'],
  phones: ['+1 555 010 0101', '+1 555 010 0102'],
};
// Ada's past job may surface as her title when the current entry is missing: still Ada.
const OTHER_TRAPS = ['Bea Other', 'bea.other@', 'bea-other'];

describe('LinkedIn profile and Sales Navigator lead', () => {
  it('reads the profile’s person, known by URL alone (no email on a profile)', () => {
    const v = extract(parseFixture('linkedin', 'linkedin-profile.SYNTHETIC.html'), ADA_URL);
    expect(v.kind).toBe('record');
    expect(v.record).toEqual({
      ref: {
        site: 'linkedin',
        key: 'linkedin:ada-example-0001',
        isPerson: true,
        kind: 'profile',
        profileUrl: ADA_URL,
      },
      keys: ['linkedin:ada-example-0001'],
      name: 'Ada Example',
      firstName: 'Ada',
      lastName: 'Example',
      company: 'Contoso Demo Ltd',
      title: 'Head of Operations',
      emails: [],
      phones: [],
      linkedinUrl: ADA_URL,
    });
    expect(v.problems.map(english)).toEqual(['LinkedIn shows no email address on this profile.']);
    const json = JSON.stringify(v);
    for (const t of [...CHROME_TRAPS, ...OTHER_TRAPS]) expect(json).not.toContain(t);
  });

  it('reads email and phone from the contact-info overlay', () => {
    const v = extract(parseFixture('linkedin', 'linkedin-contact-info.SYNTHETIC.html'), INFO_URL);
    expect(v.record).toMatchObject({ name: 'Ada Example', emails: ADA.emails, phones: ['+1 555 010 0102'] });
    expect(v.record?.ref.key).toBe('linkedin:ada-example-0001');
  });

  it('falls back to the headline, the photo and JSON-LD when parts are gone', () => {
    const doc = parseFixture('linkedin', 'linkedin-profile.SYNTHETIC.html');
    doc.querySelector('#experience')!.remove();
    doc.querySelector('button[aria-label^="Current company"]')!.remove();
    doc.querySelector('main h1')!.remove();
    let v = extract(doc, ADA_URL);
    expect(v.record).toMatchObject({
      name: 'Ada Example',
      title: 'Head of Operations',
      company: 'Contoso Demo Ltd',
    });
    doc.querySelector('main section[data-member-id]')!.remove();
    v = extract(doc, ADA_URL);
    // The top card is gone; JSON-LD names the profile by its URL (and not the colleague next to it).
    expect(v.record?.name).toBe('Ada Example');
    expect(v.problems.map(english)).toContain('The profile’s top card was not found.');
  });

  it('follows an SPA move, and does not take the old card for the new profile', () => {
    const doc = parseFixture('linkedin', 'linkedin-spa.SYNTHETIC.html');
    expect(extract(doc, ADA_URL).record?.name).toBe('Ada Example');
    const beaUrl = 'https://www.linkedin.com/in/bea-other-0002/';
    const between = extract(doc, beaUrl);
    expect(between.kind).toBe('unknown');
    expect(between.problems.map(english)).toContain('The page still shows the previous profile.');
    expect(JSON.stringify(between)).not.toContain('Ada Example');
    const path = applySpa(doc);
    expect(`https://www.linkedin.com${path}`).toBe(beaUrl);
    const v = extract(doc, beaUrl);
    expect(v.record).toMatchObject({
      ref: { key: 'linkedin:bea-other-0002' },
      name: 'Bea Other',
      title: 'Procurement Lead',
    });
  });

  it('reads a Sales Navigator lead, its public profile as a second key, not the “also viewed” leads', () => {
    const v = extract(parseFixture('linkedin', 'linkedin-sales-lead.SYNTHETIC.html'), LEAD_URL);
    expect(v.record).toEqual({
      ref: {
        site: 'linkedin',
        key: 'linkedin:sales:ACwAAA0000AdaExample',
        isPerson: true,
        kind: 'sales',
        leadId: 'ACwAAA0000AdaExample',
      },
      keys: ['linkedin:sales:ACwAAA0000AdaExample', 'linkedin:ada-example-0001'],
      name: 'Ada Example',
      firstName: 'Ada',
      lastName: 'Example',
      company: 'Contoso Demo Ltd',
      title: 'Head of Operations',
      emails: ADA.emails,
      phones: ['+1 555 010 0101'],
      linkedinUrl: ADA_URL,
    });
    const json = JSON.stringify(v);
    for (const t of [...CHROME_TRAPS, ...OTHER_TRAPS]) expect(json).not.toContain(t);
  });

  it('is no record on the feed', () => {
    const v = extract(
      parseFixture('linkedin', 'linkedin-profile.SYNTHETIC.html'),
      'https://www.linkedin.com/feed/',
    );
    expect(v.kind).toBe('unknown');
    expect(v.problems.map(english)).toEqual(['This page is not a LinkedIn profile or Sales Navigator lead.']);
  });

  it('says calmly that nobody was found when the hooks are gone', () => {
    const v = extract(parseFixture('linkedin', 'linkedin-dom-changed.SYNTHETIC.html'), ADA_URL);
    expect(v.kind).toBe('unknown');
    expect(v.recordRef?.key).toBe('linkedin:ada-example-0001');
    expect(v.problems.map(english)).toContain('Nobody found on this record page.');
  });

  it.each([
    ['linkedin-profile.SYNTHETIC.html', ADA_URL],
    ['linkedin-contact-info.SYNTHETIC.html', INFO_URL],
    ['linkedin-spa.SYNTHETIC.html', ADA_URL],
    ['linkedin-sales-lead.SYNTHETIC.html', LEAD_URL],
    ['linkedin-dom-changed.SYNTHETIC.html', ADA_URL],
  ])('%s with random nodes removed: never throws, only ever Ada', (name, url) => {
    assertRemovalSafe(fixtureHtml('linkedin', name), url, extract, {
      ...ADA,
      traps: [...CHROME_TRAPS, ...OTHER_TRAPS],
    });
  });
});
