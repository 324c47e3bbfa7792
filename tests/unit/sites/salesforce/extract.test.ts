// @vitest-environment happy-dom
import { english } from '@/lib/i18n/english';
import { describe, expect, it } from 'vitest';
import { extract } from '@/lib/sites/salesforce';
import {
  applySpa,
  assertRemovalSafe,
  attachDeclarativeShadows,
  fixtureHtml,
  parseFixture,
} from '../crm/fixtures';
import { CHROME_TRAPS } from '../crm/people';

const ORG = 'https://northwind-demo.lightning.force.com';
const ADA_URL = `${ORG}/lightning/r/Contact/0035g00000AdAeXAAV/view`;
const LEAD_URL = `${ORG}/lightning/r/Lead/00Q5g00000AdLeAEAV/view`;
const ADA = {
  name: 'Ada Example',
  emails: ['ada.example@contoso-demo.example'],
  phones: ['+1 555 010 0101', '+1 555 010 0102'],
};
/** Other records on the page: a related contact and the background console tabs. */
const OTHER_TRAPS = [
  'Bea Other',
  'bea.other@',
  '0777',
  'Dan Background',
  'dan.background@',
  'Eve Background',
  'eve.background@',
  'Fabrikam',
];

describe('Salesforce Lightning record', () => {
  it('reads the contact, not the owner, the colleague or the related contact', () => {
    const v = extract(parseFixture('salesforce', 'salesforce-contact.SYNTHETIC.html'), ADA_URL);
    expect(v.kind).toBe('record');
    expect(v.record).toEqual({
      ref: {
        site: 'salesforce',
        key: 'salesforce:northwind-demo:0035g00000AdAeXAAV',
        isPerson: true,
        org: 'northwind-demo',
        sobject: 'Contact',
        id: '0035g00000AdAeXAAV',
      },
      keys: ['salesforce:northwind-demo:0035g00000AdAeXAAV'],
      name: 'Ada Example',
      firstName: 'Ada',
      lastName: 'Example',
      company: 'Contoso Demo Ltd',
      title: 'Head of Operations',
      emails: ADA.emails,
      phones: ADA.phones,
      linkedinUrl: '',
    });
    expect(v.problems.map(english)).toEqual([]);
    const json = JSON.stringify(v);
    for (const t of [...CHROME_TRAPS, ...OTHER_TRAPS]) expect(json).not.toContain(t);
  });

  it('reads only the shown console tab, though hidden tabs come first in the page', () => {
    const v = extract(parseFixture('salesforce', 'salesforce-console.SYNTHETIC.html'), ADA_URL);
    expect(v.record).toMatchObject({
      name: 'Ada Example',
      emails: ADA.emails,
      phones: ADA.phones,
      title: 'Head of Operations',
    });
    const json = JSON.stringify(v);
    for (const t of [...CHROME_TRAPS, ...OTHER_TRAPS]) expect(json).not.toContain(t);
  });

  it('reads a page whose components render in native shadow DOM, skipping the hidden tab inside', () => {
    const doc = parseFixture('salesforce', 'salesforce-native-shadow.SYNTHETIC.html');
    // Without the roots attached nothing is readable: the walk is what finds the person.
    expect(extract(doc, LEAD_URL).kind).toBe('unknown');
    attachDeclarativeShadows(doc);
    expect(doc.querySelector('lightning-formatted-name')).toBeNull();
    const v = extract(doc, LEAD_URL);
    expect(v.record).toMatchObject({
      ref: { sobject: 'Lead', key: 'salesforce:northwind-demo:00Q5g00000AdLeAEAV' },
      name: 'Ada Example',
      title: 'Head of Operations',
      company: 'Contoso Demo Ltd',
      emails: ADA.emails,
      phones: ADA.phones,
    });
    const json = JSON.stringify(v);
    for (const t of [...CHROME_TRAPS, ...OTHER_TRAPS]) expect(json).not.toContain(t);
  });

  it('follows an SPA move to the second contact', () => {
    const doc = parseFixture('salesforce', 'salesforce-spa.SYNTHETIC.html');
    expect(extract(doc, ADA_URL).record?.name).toBe('Ada Example');
    const path = applySpa(doc);
    const v = extract(doc, ORG + path);
    expect(v.record).toMatchObject({
      ref: { key: 'salesforce:northwind-demo:0035g00000BeAoTAAV' },
      name: 'Bea Other',
      emails: ['bea.other@contoso-demo.example'],
      title: 'Procurement Lead',
    });
    expect(JSON.stringify(v)).not.toContain('ada.example@');
  });

  it('is no record on an account page', () => {
    const v = extract(
      parseFixture('salesforce', 'salesforce-contact.SYNTHETIC.html'),
      `${ORG}/lightning/r/Account/0015g00000XyZaBAAV/view`,
    );
    expect(v.kind).toBe('unknown');
    expect(v.problems.map(english)).toEqual(['This page is not a Salesforce contact or lead.']);
  });

  it('says calmly that nobody was found when the hooks are gone', () => {
    const v = extract(parseFixture('salesforce', 'salesforce-dom-changed.SYNTHETIC.html'), ADA_URL);
    expect(v.kind).toBe('unknown');
    expect(v.record).toBeUndefined();
    expect(v.recordRef?.key).toBe('salesforce:northwind-demo:0035g00000AdAeXAAV');
    expect(v.problems.map(english)).toContain('Nobody found on this record page.');
  });

  it('falls back to English field labels when the API-name hooks are gone', () => {
    const doc = parseFixture('salesforce', 'salesforce-contact.SYNTHETIC.html');
    for (const el of Array.from(doc.querySelectorAll('[data-target-selection-name]'))) {
      el.removeAttribute('data-target-selection-name');
    }
    const v = extract(doc, ADA_URL);
    expect(v.record).toMatchObject({
      title: 'Head of Operations',
      company: 'Contoso Demo Ltd',
      emails: ADA.emails,
      phones: ADA.phones,
    });
  });

  it.each([
    ['salesforce-contact.SYNTHETIC.html', ADA_URL, undefined],
    ['salesforce-console.SYNTHETIC.html', ADA_URL, undefined],
    ['salesforce-spa.SYNTHETIC.html', ADA_URL, undefined],
    ['salesforce-dom-changed.SYNTHETIC.html', ADA_URL, undefined],
    ['salesforce-native-shadow.SYNTHETIC.html', LEAD_URL, attachDeclarativeShadows],
  ] as const)('%s with random nodes removed: never throws, only ever Ada', (name, url, prepare) => {
    assertRemovalSafe(
      fixtureHtml('salesforce', name),
      url,
      extract,
      { ...ADA, traps: [...CHROME_TRAPS, ...OTHER_TRAPS] },
      prepare,
    );
  });
});
