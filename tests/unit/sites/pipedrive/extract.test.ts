// @vitest-environment happy-dom
import { english } from '@/lib/i18n/english';
import { describe, expect, it } from 'vitest';
import { extract } from '@/lib/sites/pipedrive';
import { applySpa, assertRemovalSafe, fixtureHtml, parseFixture } from '../crm/fixtures';
import { CHROME_TRAPS } from '../crm/people';

const APP = 'https://northwind-demo.pipedrive.com';
const ADA_URL = `${APP}/person/201`;
const DEAL_URL = `${APP}/deal/77`;
const ADA = {
  name: 'Ada Example',
  emails: ['ada.example@contoso-demo.example'],
  phones: ['+1 555 010 0101', '+1 555 010 0102'],
};
const BEA_TRAPS = ['bea.other@', '0777', 'Bea Other'];

describe('Pipedrive person and deal', () => {
  it('reads the person, not the rep or the colleague in the flow', () => {
    const v = extract(parseFixture('pipedrive', 'pipedrive-person.SYNTHETIC.html'), ADA_URL);
    expect(v.kind).toBe('record');
    expect(v.record).toEqual({
      ref: {
        site: 'pipedrive',
        key: 'pipedrive:northwind-demo:201',
        isPerson: true,
        company: 'northwind-demo',
        personId: '201',
      },
      keys: ['pipedrive:northwind-demo:201'],
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

  it('on a deal page, reads the deal’s person (and its id), not the participants', () => {
    const v = extract(parseFixture('pipedrive', 'pipedrive-deal.SYNTHETIC.html'), DEAL_URL);
    expect(v.kind).toBe('record');
    const ref = {
      site: 'pipedrive',
      key: 'pipedrive:northwind-demo:201',
      isPerson: true,
      company: 'northwind-demo',
      personId: '201',
      dealId: '77',
    };
    expect(v.recordRef).toEqual(ref);
    expect(v.record).toMatchObject({
      ref,
      keys: ['pipedrive:northwind-demo:201'],
      name: 'Ada Example',
      emails: ADA.emails,
      phones: ['+1 555 010 0101'],
      title: 'Head of Operations',
    });
    const json = JSON.stringify(v);
    for (const t of [...CHROME_TRAPS, ...BEA_TRAPS]) expect(json).not.toContain(t);
  });

  it('a deal without a person section says so', () => {
    const doc = parseFixture('pipedrive', 'pipedrive-deal.SYNTHETIC.html');
    doc.querySelector('[data-test="deal-person-section"]')!.remove();
    const v = extract(doc, DEAL_URL);
    expect(v.kind).toBe('unknown');
    expect(v.recordRef).toMatchObject({ key: 'pipedrive:northwind-demo:deal:77', isPerson: false });
    expect(v.problems.map(english)).toContain('This deal shows no person.');
  });

  it('follows an SPA move to the second person', () => {
    const doc = parseFixture('pipedrive', 'pipedrive-spa.SYNTHETIC.html');
    expect(extract(doc, ADA_URL).record?.name).toBe('Ada Example');
    const v = extract(doc, APP + applySpa(doc));
    expect(v.record).toMatchObject({
      ref: { key: 'pipedrive:northwind-demo:202' },
      name: 'Bea Other',
      emails: ['bea.other@contoso-demo.example'],
    });
    expect(JSON.stringify(v)).not.toContain('ada.example@');
  });

  it('is no record on an organization page', () => {
    const v = extract(parseFixture('pipedrive', 'pipedrive-person.SYNTHETIC.html'), `${APP}/organization/31`);
    expect(v.kind).toBe('unknown');
    expect(v.problems.map(english)).toEqual(['This page is not a Pipedrive person or deal.']);
  });

  it('says calmly that nobody was found when the hooks are gone', () => {
    const v = extract(parseFixture('pipedrive', 'pipedrive-dom-changed.SYNTHETIC.html'), ADA_URL);
    expect(v.kind).toBe('unknown');
    expect(v.recordRef?.key).toBe('pipedrive:northwind-demo:201');
    expect(v.problems.map(english)).toContain('Nobody found on this record page.');
  });

  it.each([
    ['pipedrive-person.SYNTHETIC.html', ADA_URL],
    ['pipedrive-deal.SYNTHETIC.html', DEAL_URL],
    ['pipedrive-spa.SYNTHETIC.html', ADA_URL],
    ['pipedrive-dom-changed.SYNTHETIC.html', ADA_URL],
  ])('%s with random nodes removed: never throws, only ever Ada', (name, url) => {
    assertRemovalSafe(fixtureHtml('pipedrive', name), url, extract, {
      ...ADA,
      traps: [...CHROME_TRAPS, ...BEA_TRAPS],
    });
  });
});
