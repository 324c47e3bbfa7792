import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  type ColumnMapping,
  type ContactDraft,
  importContactsCsv,
  isValidEmail,
  mapRows,
  normaliseEmail,
  normaliseLeadSource,
  parseCsvText,
  planDedupe,
  previewRows,
  rejectedToCsv,
  suggestMapping,
} from '@/lib/csv/import';

function draft(email: string, extra: Partial<ContactDraft> = {}): ContactDraft {
  return { email, firstName: '', lastName: '', company: '', title: '', phone: '', custom: {}, ...extra };
}

describe('suggestMapping', () => {
  it('maps common titles of a home-made sheet and keeps the rest as custom fields', () => {
    const headers = [
      'E-mail',
      'first_name',
      'Surname',
      'Organisation',
      'Job Title',
      'Mobile',
      'Work Phone',
      'LinkedIn',
      'Timezone',
      'Source',
      'Comments',
      'Deal size',
    ];
    expect(suggestMapping(headers)).toEqual({
      fields: {
        email: ['E-mail'],
        firstName: ['first_name'],
        lastName: ['Surname'],
        company: ['Organisation'],
        title: ['Job Title'],
        phone: ['Mobile', 'Work Phone'],
        linkedinUrl: ['LinkedIn'],
        timeZone: ['Timezone'],
        leadSource: ['Source'],
        notes: ['Comments'],
      },
      custom: { 'Deal size': 'Deal size' },
    });
  });

  it('collects every e-mail column', () => {
    expect(suggestMapping(['Name', 'Work Email', 'Personal Email']).fields.email).toEqual([
      'Work Email',
      'Personal Email',
    ]);
  });
});

describe('mapRows with a user mapping', () => {
  const text = [
    'Mail;Who;Org;Zone;Src;Shoe size;Notes A;Notes B',
    '  ANN@Example.COM ;Ann Able;Acme;Europe/Paris;Partner referral;38;first;second',
    'Ben <ben@example.com>;Ben;Beta;Mars/Olympus;Trade show;;;',
    'mailto:cat@example.com;Cat Q. Cole;Gamma;;web-form;;;',
    'not-an-address;Dan;Delta;;;;;',
    ';Eve;Epsilon;;;;;',
    'ann@example.com;Ann again;Acme;;;;;',
    'bad@@x, good@example.org;Fay;Zeta;;;;;',
  ].join('\n');
  const mapping: ColumnMapping = {
    fields: {
      email: ['mail'],
      fullName: ['WHO'],
      company: ['Org'],
      timeZone: ['Zone'],
      leadSource: ['Src'],
      notes: ['Notes A', 'Notes B'],
    },
    custom: { 'Shoe size': 'Shoe size', Ignored: 'no such column' },
  };
  const parsed = parseCsvText(text);
  const result = mapRows(parsed, mapping);

  it('normalises e-mails and splits full names', () => {
    expect(result.drafts.map((d) => [d.email, d.firstName, d.lastName])).toEqual([
      ['ann@example.com', 'Ann', 'Able'],
      ['ben@example.com', 'Ben', ''],
      ['cat@example.com', 'Cat Q.', 'Cole'],
      ['good@example.org', 'Fay', ''],
    ]);
    expect(result.draftLines).toEqual([2, 3, 4, 8]);
  });

  it('keeps valid time zones and known lead sources, and the raw value otherwise', () => {
    const [ann, ben, cat] = result.drafts;
    expect(ann).toMatchObject({ timeZone: 'Europe/Paris', leadSource: 'referral', notes: 'first\n\nsecond' });
    expect(ann?.custom).toEqual({ 'Shoe size': '38' });
    expect(ben?.timeZone).toBeUndefined();
    expect(ben?.leadSource).toBe('other');
    expect(ben?.custom).toEqual({
      'Time zone (not recognised)': 'Mars/Olympus',
      'Lead source (original)': 'Trade show',
    });
    expect(cat?.leadSource).toBe('web-form');
  });

  it('rejects in plain words with the file line', () => {
    expect(result.rejected.map((r) => [r.rowNumber, r.reason])).toEqual([
      [5, 'email address is not valid: not-an-address'],
      [6, 'no email address'],
      [7, 'duplicate of row 2 in this file'],
    ]);
    expect(result.rejected[0]?.raw).toMatchObject({ Mail: 'not-an-address', Who: 'Dan', Org: 'Delta' });
  });

  it('previewRows shows the first n rows in file order, drafts and rejections alike', () => {
    const preview = previewRows(parsed, mapping, 5);
    expect(preview.map((p) => [p.rowNumber, p.draft?.email ?? p.reason])).toEqual([
      [2, 'ann@example.com'],
      [3, 'ben@example.com'],
      [4, 'cat@example.com'],
      [5, 'email address is not valid: not-an-address'],
      [6, 'no email address'],
    ]);
    expect(previewRows(parsed, mapping, 0)).toEqual([]);
  });
});

describe('e-mail and lead source helpers', () => {
  it.each([
    ['a@example.com', true],
    ['first.last+tag@sub.example.co.uk', true],
    ["o'brien@example.ie", true],
    ['jörg@bücher.example', true],
    ['a@b', false],
    ['a@@example.com', false],
    ['a b@example.com', false],
    ['.a@example.com', false],
    ['a..b@example.com', false],
    ['a.@example.com', false],
    ['a@-example.com', false],
    ['a@example.c0m', false],
    ['', false],
  ])('isValidEmail(%j) = %s', (email, ok) => {
    expect(isValidEmail(email)).toBe(ok);
  });

  it('normaliseEmail unwraps display names and mailto', () => {
    expect(normaliseEmail(' "Ann Able" <Ann@Example.com> ')).toBe('ann@example.com');
    expect(normaliseEmail('MAILTO:Ann@Example.com?subject=hi')).toBe('ann@example.com');
  });

  it.each([
    ['Web', 'web-form'],
    ['Google Local Services', 'google-lsa'],
    ['Facebook Lead Ad', 'facebook-lead-ad'],
    ['Cold outbound', 'cold-outbound'],
    ['Purchased List', 'cold-outbound'],
    ['Partner', 'referral'],
    ['referral', 'referral'],
    ['Trade show', 'other'],
    ['', undefined],
  ])('normaliseLeadSource(%j) = %s', (raw, want) => {
    expect(normaliseLeadSource(raw)).toBe(want);
  });
});

describe('planDedupe', () => {
  const drafts = [draft('new@example.com'), draft('old@example.com'), draft('NEW@example.com')];
  const existing = new Set(['OLD@Example.com', 'other@example.com']);

  it('skip mode leaves known contacts alone', () => {
    const plan = planDedupe(drafts, existing, 'skip');
    expect(plan.toCreate.map((d) => d.email)).toEqual(['new@example.com']);
    expect(plan.toUpdate).toEqual([]);
    expect(plan.skipped.map((d) => d.email)).toEqual(['old@example.com', 'NEW@example.com']);
  });

  it('update mode returns known contacts for updating', () => {
    const plan = planDedupe(drafts, existing, 'update');
    expect(plan.toCreate.map((d) => d.email)).toEqual(['new@example.com']);
    expect(plan.toUpdate.map((d) => d.email)).toEqual(['old@example.com']);
    expect(plan.skipped.map((d) => d.email)).toEqual(['NEW@example.com']);
  });
});

describe('rejectedToCsv', () => {
  it('writes Line, Reason and the original columns, neutralising formulas', () => {
    const csv = rejectedToCsv([
      { rowNumber: 5, reason: 'no email address', raw: { Name: '=HYPERLINK("x")', Email: '' } },
      { rowNumber: 9, reason: 'duplicate of row 2 in this file', raw: { Name: 'Ben, Jr', Phone: '+1 555' } },
    ]);
    expect(csv.startsWith('\uFEFFLine,Reason,Name,Email,Phone\r\n')).toBe(true);
    const back = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' }).data.filter((r) => r.length > 1);
    expect(back).toEqual([
      ['Line', 'Reason', 'Name', 'Email', 'Phone'],
      ['5', 'no email address', `'=HYPERLINK("x")`, '', ''],
      ['9', 'duplicate of row 2 in this file', 'Ben, Jr', '', "'+1 555"],
    ]);
  });

  it('is just a header for no rows', () => {
    expect(rejectedToCsv([])).toBe('\uFEFFLine,Reason\r\n');
  });
});

describe('importContactsCsv', () => {
  it('runs parse, map and dedupe with progress to 1', async () => {
    const progress: number[] = [];
    const result = await importContactsCsv(
      'Email,First Name\r\na@example.com,Ann\r\nb@example.com,Ben\r\nnope,Nil\r\n',
      {
        existingEmails: new Set(['b@example.com']),
        mode: 'skip',
        onProgress: (f) => progress.push(f),
        yieldToEventLoop: async () => {},
      },
    );
    expect(result.format).toBe('unknown');
    expect(result.plan.toCreate.map((d) => d.email)).toEqual(['a@example.com']);
    expect(result.plan.skipped.map((d) => d.email)).toEqual(['b@example.com']);
    expect(result.rejected.map((r) => r.rowNumber)).toEqual([4]);
    expect(progress.at(-1)).toBe(1);
  });

  it('returns an empty plan when cancelled before it starts', async () => {
    const result = await importContactsCsv('Email\na@example.com\n', {
      existingEmails: new Set(),
      mode: 'skip',
      signal: { aborted: true },
    });
    expect(result.parsed.aborted).toBe(true);
    expect(result.plan.toCreate).toEqual([]);
  });
});

describe('LinkedIn URLs', () => {
  it('adds a missing scheme, ignores non-LinkedIn sites, takes the first profile among websites', () => {
    const parsed = parseCsvText(
      [
        'Email,Website 1,Website 2',
        'a@example.com,www.linkedin.com/in/ann,',
        'b@example.com,https://ben.example,https://uk.linkedin.com/in/ben',
        'c@example.com,https://cat.example,',
      ].join('\n'),
    );
    const { drafts } = mapRows(parsed, {
      fields: { email: ['Email'], linkedinUrl: ['Website 1', 'Website 2'] },
      custom: {},
    });
    expect(drafts.map((d) => d.linkedinUrl)).toEqual([
      'https://www.linkedin.com/in/ann',
      'https://uk.linkedin.com/in/ben',
      undefined,
    ]);
  });
});
