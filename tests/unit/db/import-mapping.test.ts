import { describe, expect, it } from 'vitest';
import { retarget, targetOf } from '@/components/options/import/mapping';
import { detectFormat, mapRows, parseCsvText } from '@/lib/csv/import';

describe('import mapping helpers', () => {
  const headers = ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Contact owner'];

  it('reads the target of each column from a detected mapping', () => {
    const { format, mapping } = detectFormat(headers);
    expect(format).toBe('hubspot');
    expect(targetOf(mapping, 'email')).toBe('email');
    expect(targetOf(mapping, 'Contact owner')).toBe('custom');
    expect(targetOf(mapping, 'Nope')).toBe('ignore');
  });

  it('moves a column to one target only, and the rows follow', () => {
    const parsed = parseCsvText('Name,Mail,Notes\r\nAda Lovelace,ADA@example.com,met at expo\r\n');
    let mapping = { fields: {}, custom: {} };
    mapping = retarget(mapping, 'Mail', 'email');
    mapping = retarget(mapping, 'Name', 'fullName');
    mapping = retarget(mapping, 'Notes', 'custom');
    expect(mapRows(parsed, mapping).drafts[0]).toMatchObject({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      custom: { Notes: 'met at expo' },
    });
    mapping = retarget(mapping, 'Notes', 'notes');
    expect(targetOf(mapping, 'Notes')).toBe('notes');
    expect(mapping.custom).toEqual({});
    mapping = retarget(mapping, 'Mail', 'ignore');
    expect(mapping.fields).not.toHaveProperty('email');
    expect(mapRows(parsed, mapping).rejected[0]?.reason).toBe('no email address');
  });
});
