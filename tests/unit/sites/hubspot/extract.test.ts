// @vitest-environment happy-dom
import { english } from '@/lib/i18n/english';
import { describe, expect, it } from 'vitest';
import { extract } from '@/lib/sites/hubspot';
import { applyLazy, applySpa, assertRemovalSafe, fixtureHtml, parseFixture } from '../crm/fixtures';
import { CHROME_TRAPS } from '../crm/people';

const URL1 = 'https://app.hubspot.com/contacts/4410001/record/0-1/50001';
const ADA = {
  name: 'Ada Example',
  emails: ['ada.example@contoso-demo.example'],
  phones: ['+1 555 010 0101', '+1 555 010 0102'],
};
/** Bea is associated with Ada's record (right sidebar): not Ada's record's person. */
const BEA_TRAPS = ['Bea Other', 'bea.other@contoso-demo.example', '0777'];

const read = (name: string, url = URL1) => extract(parseFixture('hubspot', name), url);

describe('HubSpot contact record', () => {
  it('reads the contact, not the rep, the colleague or the associated contact', () => {
    const v = read('hubspot-contact.SYNTHETIC.html');
    expect(v.kind).toBe('record');
    expect(v.record).toEqual({
      ref: {
        site: 'hubspot',
        key: 'hubspot:4410001:50001',
        isPerson: true,
        portal: '4410001',
        objectType: '0-1',
        id: '50001',
      },
      keys: ['hubspot:4410001:50001'],
      name: 'Ada Example',
      firstName: 'Ada',
      lastName: 'Example',
      company: 'Contoso Demo Ltd',
      title: 'Head of Operations',
      emails: ADA.emails,
      phones: ADA.phones,
      linkedinUrl: 'https://www.linkedin.com/in/ada-example-0001/',
    });
    expect(v.problems.map(english)).toEqual([]);
    const json = JSON.stringify(v);
    for (const t of [...CHROME_TRAPS, ...BEA_TRAPS]) expect(json).not.toContain(t);
  });

  it('reads the same page on the legacy URL form', () => {
    const v = read(
      'hubspot-contact.SYNTHETIC.html',
      'https://app.hubspot.com/contacts/4410001/contact/50001',
    );
    expect(v.record?.ref.key).toBe('hubspot:4410001:50001');
    expect(v.record?.name).toBe('Ada Example');
  });

  it('is no record on a company page, even one showing a person-like header', () => {
    const v = read(
      'hubspot-contact.SYNTHETIC.html',
      'https://app.hubspot.com/contacts/4410001/record/0-2/90001',
    );
    expect(v.kind).toBe('unknown');
    expect(v.record).toBeUndefined();
    expect(v.recordRef).toBeUndefined();
    expect(v.problems.map(english)).toEqual(['This page is not a HubSpot contact record.']);
  });

  it('returns what is loaded, says what is missing, and picks up the lazy card on a re-read', () => {
    const doc = parseFixture('hubspot', 'hubspot-contact-lazy.SYNTHETIC.html');
    const url = 'https://app-eu1.hubspot.com/contacts/4410001/record/0-1/50001';
    const early = extract(doc, url);
    expect(early.kind).toBe('record');
    expect(early.record).toMatchObject({
      name: 'Ada Example',
      title: 'Head of Operations',
      emails: [],
      phones: [],
    });
    expect(early.problems.map(english)).toContain('Some contact properties are still loading.');
    expect(early.problems.map(english)).toContain('No email address shown on this contact.');
    applyLazy(doc);
    const later = extract(doc, url);
    expect(later.record).toMatchObject({ name: 'Ada Example', emails: ADA.emails, phones: ADA.phones });
    expect(later.record?.linkedinUrl).toBe('https://www.linkedin.com/in/ada-example-0001/');
    expect(later.problems.map(english)).toEqual([]);
  });

  it('follows an SPA move to the second record', () => {
    const doc = parseFixture('hubspot', 'hubspot-spa.SYNTHETIC.html');
    expect(extract(doc, URL1).record?.name).toBe('Ada Example');
    const path = applySpa(doc);
    const v = extract(doc, `https://app.hubspot.com${path}`);
    expect(v.record).toMatchObject({
      ref: { key: 'hubspot:4410001:50002' },
      name: 'Bea Other',
      emails: ['bea.other@contoso-demo.example'],
      title: 'Procurement Lead',
    });
    expect(JSON.stringify(v)).not.toContain('ada.example@');
  });

  it('says calmly that nobody was found when the hooks are gone', () => {
    const v = read('hubspot-dom-changed.SYNTHETIC.html');
    expect(v.kind).toBe('unknown');
    expect(v.record).toBeUndefined();
    expect(v.recordRef?.key).toBe('hubspot:4410001:50001');
    expect(v.problems.map(english)).toContain('Nobody found on this record page.');
    expect(v.problems.map(english)).toContain('The contact header was not found.');
  });

  it('falls back to the English labels when the property hooks are renamed', () => {
    const doc = parseFixture('hubspot', 'hubspot-contact.SYNTHETIC.html');
    for (const el of Array.from(doc.querySelectorAll('[data-selenium-test^="property-input-"]'))) {
      el.removeAttribute('data-selenium-test');
    }
    for (const el of Array.from(doc.querySelectorAll('[data-selenium-test="highlightSubtitle"]')))
      el.remove();
    const v = extract(doc, URL1);
    expect(v.record).toMatchObject({
      title: 'Head of Operations',
      company: 'Contoso Demo Ltd',
      phones: ADA.phones,
    });
    expect(v.record?.emails).toEqual(ADA.emails);
  });

  it.each([
    'hubspot-contact.SYNTHETIC.html',
    'hubspot-contact-lazy.SYNTHETIC.html',
    'hubspot-spa.SYNTHETIC.html',
    'hubspot-dom-changed.SYNTHETIC.html',
  ])('%s with random nodes removed: never throws, only ever Ada', (name) => {
    assertRemovalSafe(
      fixtureHtml('hubspot', name),
      URL1,
      extract,
      {
        ...ADA,
        traps: [...CHROME_TRAPS, ...BEA_TRAPS],
      },
      name.includes('lazy') ? applyLazy : undefined,
    );
  });
});
