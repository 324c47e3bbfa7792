import { describe, expect, it } from 'vitest';
import type { ContactRow } from '@/lib/db/schema';
import { contactForRecord, contactFromRecord, freshValues, missingKeys } from '@/lib/sidebar/record';
import type { RecordView } from '@/lib/sites/types';

const record: RecordView = {
  ref: { site: 'hubspot', key: 'hubspot:1:2', isPerson: true, portal: '1', objectType: '0-1', id: '2' },
  keys: ['hubspot:1:2'],
  name: 'Ada Example',
  firstName: 'Ada',
  lastName: 'Example',
  company: 'Contoso',
  title: 'VP Sales',
  emails: ['ada@contoso.example', 'ada.alt@contoso.example'],
  phones: ['+1 555 010 0101'],
  linkedinUrl: 'https://www.linkedin.com/in/ada-example/',
};

function contact(over: Partial<ContactRow>): ContactRow {
  return {
    id: 1,
    email: 'ada@contoso.example',
    emailLower: 'ada@contoso.example',
    externalIds: [],
    firstName: 'Ada',
    lastName: 'Example',
    company: 'Contoso',
    phone: '',
    title: '',
    timeZone: 'UTC',
    leadSource: 'web-form',
    notes: '',
    optOut: {},
    custom: {},
    createdAt: 0,
    updatedAt: 0,
    ...over,
  };
}

describe('the record among stored contacts', () => {
  it('is found by a key first, then by any email it shows, else nobody', () => {
    const byKey = contact({ id: 7, email: '', emailLower: undefined, externalIds: ['hubspot:1:2'] });
    const byMail = contact({
      id: 8,
      email: 'ada.alt@contoso.example',
      emailLower: 'ada.alt@contoso.example',
    });
    expect(contactForRecord(record, [byMail, byKey])?.id).toBe(7);
    expect(contactForRecord(record, [byMail])?.id).toBe(8);
    expect(
      contactForRecord(record, [contact({ emailLower: 'x@y.z', externalIds: ['hubspot:1:3'] })]),
    ).toBeUndefined();
  });
});

describe('a new contact from the page', () => {
  it('takes name, company, title, the first email and phone, the profile and every key', () => {
    expect(contactFromRecord(record)).toEqual({
      email: 'ada@contoso.example',
      firstName: 'Ada',
      lastName: 'Example',
      company: 'Contoso',
      title: 'VP Sales',
      phone: '+1 555 010 0101',
      linkedinUrl: 'https://www.linkedin.com/in/ada-example/',
      externalIds: ['hubspot:1:2'],
    });
  });

  it('a LinkedIn-only record has no email and is kept by its key', () => {
    const li = { ...record, emails: [], phones: [], keys: ['linkedin:ada-example'] };
    const input = contactFromRecord(li);
    expect(input).not.toHaveProperty('email');
    expect(input.externalIds).toEqual(['linkedin:ada-example']);
  });
});

describe('fresh values from the page', () => {
  it('offers only what differs, comparing phones by digits; never a second email', () => {
    const c = contact({
      phone: '(555) 010-0101',
      title: 'CTO',
      company: 'contoso',
      externalIds: ['hubspot:1:2'],
    });
    expect(freshValues({ ...record, phones: ['+1 555 010 0101'] }, { ...c, phone: '+15550100101' })).toEqual([
      { field: 'title', label: 'Title', stored: 'CTO', fresh: 'VP Sales' },
      {
        field: 'linkedinUrl',
        label: 'LinkedIn',
        stored: '',
        fresh: 'https://www.linkedin.com/in/ada-example/',
      },
    ]);
    const changed = freshValues(record, { ...c, phone: '+1 555 999 0000', linkedinUrl: 'x' });
    expect(changed.map((v) => v.field)).toEqual(['phone', 'title']);
    expect(changed[0]).toMatchObject({ stored: '+1 555 999 0000', fresh: '+1 555 010 0101' });
  });

  it('offers the email to a contact that has none, and nothing when the page shows nothing', () => {
    const noMail = contact({
      email: '',
      emailLower: undefined,
      title: 'VP Sales',
      phone: '+1 555 010 0101',
      linkedinUrl: 'x',
    });
    expect(freshValues(record, noMail)).toEqual([
      { field: 'email', label: 'Email', stored: '', fresh: 'ada@contoso.example' },
    ]);
    const empty = { ...record, emails: [], phones: [], title: '', company: '', linkedinUrl: '' };
    expect(freshValues(empty, contact({ title: 'CTO', phone: '1' }))).toEqual([]);
  });

  it('lists the keys the contact does not carry yet', () => {
    expect(missingKeys({ ...record, keys: ['a:1', 'b:2'] }, contact({ externalIds: ['a:1'] }))).toEqual([
      'b:2',
    ]);
  });
});
