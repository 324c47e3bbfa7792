import { describe, expect, it } from 'vitest';
import { CONTACT_COLUMNS, exportContactsCsv } from '@/lib/csv/export';
import { type ColumnMapping, detectFormat, mapRows, parseCsvText, suggestMapping } from '@/lib/csv/import';
import { UNKNOWN_LANGUAGE_FIELD } from '@/lib/csv/import/map';

function csv(lines: string[]): ReturnType<typeof parseCsvText> {
  return parseCsvText(`${lines.join('\n')}\n`);
}

describe('a language column in an import', () => {
  it.each([
    'Language',
    'language',
    'Preferred language',
    'Idioma',
    'Idioma preferido',
    'Sprache',
    'Bevorzugte Sprache',
    'Langue',
    'Langue préférée',
    'Locale',
  ])('maps a home-made sheet\'s "%s" column to the contact\'s language', (header) => {
    const mapping = suggestMapping(['Email', 'Name', header]);
    expect(mapping.fields.language).toEqual([header]);
    expect(Object.values(mapping.custom)).not.toContain(header);
  });

  it('maps a language column added to a vendor export (HubSpot, Pipedrive) instead of keeping it custom', () => {
    const hubspot = detectFormat(['Record ID', 'First Name', 'Last Name', 'Email', 'Preferred language']);
    expect(hubspot.format).toBe('hubspot');
    expect(hubspot.mapping.fields.language).toEqual(['Preferred language']);
    const pipedrive = detectFormat(['Person - Name', 'Person - Email - Work', 'Idioma']);
    expect(pipedrive.format).toBe('pipedrive');
    expect(pipedrive.mapping.fields.language).toEqual(['Idioma']);
  });

  it.each([
    ['Spanish', 'es'],
    ['español', 'es'],
    ['es-MX', 'es'],
    ['ES', 'es'],
    ['Deutsch', 'de'],
    ['de_AT', 'de'],
    ['German', 'de'],
    ['Français', 'fr'],
    ['fr-CA', 'fr'],
    ['Portuguese (Brazil)', 'pt-BR'],
    ['pt-BR', 'pt-BR'],
    ['Português', 'pt-BR'],
    ['English', 'en'],
    ['en-GB', 'en'],
  ])('reads the value "%s" as %s', (value, language) => {
    const parsed = csv(['Email,Language', `ada@example.com,"${value}"`]);
    const { drafts } = mapRows(parsed, suggestMapping(parsed.headers));
    expect(drafts[0]?.language).toBe(language);
    expect(drafts[0]?.custom[UNKNOWN_LANGUAGE_FIELD]).toBeUndefined();
  });

  it.each(['Klingon', 'Italiano', 'zh-CN', 'xx', '42', '=HYPERLINK("x")'])(
    'keeps an unknown value "%s" where the rep sees it, sets no language, and still imports the row',
    (value) => {
      const parsed = csv(['Email,Language', `ada@example.com,"${value.replace(/"/g, '""')}"`]);
      const { drafts, rejected } = mapRows(parsed, suggestMapping(parsed.headers));
      expect(rejected).toEqual([]);
      expect(drafts[0]?.language).toBeUndefined();
      expect(drafts[0]?.custom[UNKNOWN_LANGUAGE_FIELD]).toBe(value);
    },
  );

  it('an empty cell is no language and no complaint', () => {
    const parsed = csv(['Email,Language', 'ada@example.com,']);
    const { drafts } = mapRows(parsed, suggestMapping(parsed.headers));
    expect(drafts[0]?.language).toBeUndefined();
    expect(drafts[0]?.custom).toEqual({});
  });
});

describe('the language column in the contact export', () => {
  it('writes the code after the time zone, and our importer reads it back', () => {
    expect(CONTACT_COLUMNS).toContain('Language');
    const text = exportContactsCsv(
      [
        {
          email: 'ana@example.com',
          firstName: 'Ana',
          lastName: '',
          company: '',
          title: '',
          phone: '',
          language: 'es',
        },
        {
          email: 'joao@example.com',
          firstName: 'João',
          lastName: '',
          company: '',
          title: '',
          phone: '',
          language: 'pt-BR',
        },
        { email: 'bo@example.com', firstName: 'Bo', lastName: '', company: '', title: '', phone: '' },
      ],
      { bom: false },
    );
    const parsed = parseCsvText(text);
    expect(parsed.headers.indexOf('Language')).toBe(parsed.headers.indexOf('Time Zone') + 1);
    const mapping: ColumnMapping = suggestMapping(parsed.headers);
    const { drafts } = mapRows(parsed, mapping);
    expect(drafts.map((d) => d.language)).toEqual(['es', 'pt-BR', undefined]);
  });
});
