import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CsvFormat, detectFormat, mapRows, parseCsvChunks, parseCsvText } from '@/lib/csv/import';

const FIXTURES = join(__dirname, '../../fixtures/csv');

function load(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function importFile(name: string) {
  const parsed = parseCsvText(load(name));
  const detected = detectFormat(parsed.headers);
  return { parsed, ...detected, ...mapRows(parsed, detected.mapping) };
}

describe('synthetic vendor exports', () => {
  it('Google Contacts (2021+): BOM, ::: multi-values, multi-line cells, a row without e-mail', () => {
    const r = importFile('google-contacts.SYNTHETIC.csv');
    expect(r.format).toBe('google-contacts');
    expect(r.parsed.hadBom).toBe(true);
    expect(r.parsed.headers[0]).toBe('First Name');
    expect(r.parsed.errors).toEqual([]);
    expect(r.drafts.map((d) => d.email)).toEqual(['bob.buyer@example.org', 'carol.cfo@example.org']);
    const [bob, carol] = r.drafts;
    expect(bob).toMatchObject({
      firstName: 'Bob',
      lastName: 'Buyer',
      company: 'Example Corp',
      title: 'Head of Procurement',
      phone: '+1 202 555 0101',
      linkedinUrl: 'https://www.linkedin.com/in/bob-buyer-example',
      notes: 'Met at the expo,\nasked for Q3 pricing',
    });
    expect(bob?.custom).toEqual({
      'Other emails': 'bob@example.net',
      'Other phones': '+1 202 555 0102',
      Labels: 'Customers',
    });
    expect(carol).toMatchObject({
      firstName: 'Carol',
      lastName: 'CFO',
      company: 'Example Corp',
      title: 'CFO',
    });
    expect(carol?.custom.Birthday).toBe('--03-07');
    // Bob spans lines 2-3 (quoted note), Carol 4-6 (quoted address), the e-mail-less row is line 7.
    expect(r.draftLines).toEqual([2, 4]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ rowNumber: 7, reason: 'no email address' });
    expect(r.rejected[0]?.raw['First Name']).toBe('No');
  });

  it('Google Contacts (legacy): Given/Family Name, Organization 1 - ...', () => {
    const r = importFile('google-contacts-legacy.SYNTHETIC.csv');
    expect(r.format).toBe('google-contacts-legacy');
    expect(r.drafts).toEqual([
      {
        email: 'dana.lead@example.net',
        firstName: 'Dana',
        lastName: 'Lead',
        company: 'Example Ltd',
        title: 'VP Sales',
        phone: '+44 20 7946 0000',
        custom: {},
      },
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('LinkedIn Connections (current): Notes preamble, URL column, mostly empty e-mails', () => {
    const r = importFile('linkedin-Connections.SYNTHETIC.csv');
    expect(r.format).toBe('linkedin');
    expect(r.parsed.preambleLines).toBe(3);
    expect(r.parsed.headers).toEqual([
      'First Name',
      'Last Name',
      'URL',
      'Email Address',
      'Company',
      'Position',
      'Connected On',
    ]);
    expect(r.drafts).toEqual([
      {
        email: 'carol.cfo@example.org',
        firstName: 'Carol',
        lastName: 'CFO, CPA',
        company: 'Example Corp',
        title: 'Chief Financial Officer',
        phone: '',
        linkedinUrl: 'https://www.linkedin.com/in/carol-cfo-example',
        custom: { 'Connected On': '15 Jan 2024' },
      },
    ]);
    expect(r.rejected.map((x) => [x.rowNumber, x.raw['First Name'], x.reason])).toEqual([
      [5, 'Bob', 'no email address'],
      [7, 'Erin', 'no email address'],
    ]);
    expect(r.rejected[1]?.raw['Last Name']).toBe("O'Example");
  });

  it('LinkedIn Connections (legacy): no preamble, no URL; the only row has no e-mail', () => {
    const r = importFile('linkedin-Connections-legacy.SYNTHETIC.csv');
    expect(r.format).toBe('linkedin-legacy');
    expect(r.parsed.preambleLines).toBe(0);
    expect(r.drafts).toEqual([]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ rowNumber: 2, reason: 'no email address' });
    expect(r.rejected[0]?.raw.Company).toBe('Example Corp');
  });

  it('HubSpot all-contacts view: every cell quoted, Record ID, owner name', () => {
    const r = importFile('hubspot-crm-exports-all-contacts-2025-10-13.SYNTHETIC.csv');
    expect(r.format).toBe('hubspot');
    expect(r.drafts.map((d) => [d.email, d.firstName, d.lastName, d.company, d.phone])).toEqual([
      ['bob.buyer@example.org', 'Bob', 'Buyer', 'Example Corp', '+1 202 555 0101'],
      ['carol.cfo@example.org', 'Carol', 'CFO', 'Example Corp', ''],
    ]);
    expect(r.drafts[0]?.custom).toEqual({ 'HubSpot ID': '101', Owner: 'Jane Seller', 'Lead status': 'Open' });
    expect(r.rejected).toEqual([]);
  });

  it('Salesforce Data Export Contact.csv: API field names, LeadSource', () => {
    const r = importFile('salesforce-dataexport-Contact.SYNTHETIC.csv');
    expect(r.format).toBe('salesforce-dataexport');
    expect(r.drafts).toEqual([
      {
        email: 'bob.buyer@example.org',
        firstName: 'Bob',
        lastName: 'Buyer',
        // The export has only AccountId; the account name lives in Account.csv.
        company: '',
        title: 'Head of Procurement',
        phone: '+1 202 555 0101',
        leadSource: 'web-form',
        custom: { 'Salesforce ID': '0035g00000AbCdEAAZ', Department: 'Procurement' },
      },
    ]);
  });

  it('Salesforce report export: field labels', () => {
    const r = importFile('salesforce-report-contacts.SYNTHETIC.csv');
    expect(r.format).toBe('salesforce-report');
    expect(r.drafts).toEqual([
      {
        email: 'bob.buyer@example.org',
        firstName: 'Bob',
        lastName: 'Buyer',
        company: 'Example Corp',
        title: 'Head of Procurement',
        phone: '+1 202 555 0101',
        custom: { City: 'Springfield' },
      },
    ]);
  });

  it('Pipedrive people: Person - prefixes, e-mail split over Work/Home/Other', () => {
    const r = importFile('pipedrive-people.SYNTHETIC.csv');
    expect(r.format).toBe('pipedrive');
    expect(r.drafts).toEqual([
      {
        email: 'bob.buyer@example.org',
        firstName: 'Bob',
        lastName: 'Buyer',
        company: 'Example Corp',
        title: 'Head of Procurement',
        phone: '+1 202 555 0101',
        custom: {
          'Other emails': 'bob@example.net',
          'Pipedrive ID': '17',
          Labels: 'Hot lead',
          Owner: 'Jane Seller',
        },
      },
      {
        email: 'dana.lead@example.net',
        firstName: 'Dana',
        lastName: 'Lead',
        company: 'Example Ltd',
        title: '',
        phone: '+44 7700 900000',
        custom: { 'Pipedrive ID': '18', Owner: 'Jane Seller' },
      },
    ]);
  });

  const ALL: [string, CsvFormat][] = [
    ['google-contacts.SYNTHETIC.csv', 'google-contacts'],
    ['google-contacts-legacy.SYNTHETIC.csv', 'google-contacts-legacy'],
    ['linkedin-Connections.SYNTHETIC.csv', 'linkedin'],
    ['linkedin-Connections-legacy.SYNTHETIC.csv', 'linkedin-legacy'],
    ['hubspot-crm-exports-all-contacts-2025-10-13.SYNTHETIC.csv', 'hubspot'],
    ['salesforce-dataexport-Contact.SYNTHETIC.csv', 'salesforce-dataexport'],
    ['salesforce-report-contacts.SYNTHETIC.csv', 'salesforce-report'],
    ['pipedrive-people.SYNTHETIC.csv', 'pipedrive'],
  ];

  it.each(ALL)('%s reads the same with LF, with CR and in tiny chunks', async (name, format) => {
    const original = load(name);
    const reference = mapRows(parseCsvText(original), detectFormat(parseCsvText(original).headers).mapping);
    // Only unquoted line ends change here; quoted ones are data.
    for (const variant of [original.replace(/\r\n/g, '\n'), original.replace(/\r\n/g, '\r')]) {
      const parsed = parseCsvText(variant);
      expect(detectFormat(parsed.headers).format).toBe(format);
      expect(mapRows(parsed, detectFormat(parsed.headers).mapping).drafts).toEqual(reference.drafts);
    }
    const chunked = await parseCsvChunks(original, { chunkSize: 1024, yieldToEventLoop: async () => {} });
    expect(mapRows(chunked, detectFormat(chunked.headers).mapping)).toEqual(reference);
  });

  it.each(ALL)('%s is recognised with shouted, padded headers', (name, format) => {
    const text = load(name);
    const parsed = parseCsvText(text);
    const shouted = parsed.headers.map((h) => `  ${h.toUpperCase()} `);
    expect(detectFormat(shouted).format).toBe(format);
    const reshaped = { ...parsed, headers: shouted };
    expect(mapRows(reshaped, detectFormat(shouted).mapping).drafts).toEqual(
      mapRows(parsed, detectFormat(parsed.headers).mapping).drafts,
    );
  });

  it('a semicolon-delimited copy of the HubSpot file (European Excel) imports the same', () => {
    const text = load('hubspot-crm-exports-all-contacts-2025-10-13.SYNTHETIC.csv').replace(/","/g, '";"');
    const parsed = parseCsvText(text);
    expect(parsed.delimiter).toBe(';');
    expect(mapRows(parsed, detectFormat(parsed.headers).mapping).drafts.map((d) => d.email)).toEqual([
      'bob.buyer@example.org',
      'carol.cfo@example.org',
    ]);
  });
});
