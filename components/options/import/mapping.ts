/**
 * The mapping screen edits a {@link ColumnMapping} one source column at a time: each header has
 * one target (a contact field, "keep as custom field", or "ignore"). Pure helpers, unit-tested.
 */
import { type ColumnMapping, type CsvFormat, normaliseHeader, type StandardField } from '@/lib/csv/import';

/** What one column of the file feeds. */
export type ColumnTarget = StandardField | 'custom' | 'ignore';

export const FIELD_LABELS: Record<StandardField, string> = {
  email: 'Email',
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name (split in two)',
  company: 'Company',
  title: 'Job title',
  phone: 'Phone',
  linkedinUrl: 'LinkedIn URL',
  timeZone: 'Time zone',
  language: 'Language',
  leadSource: 'Lead source',
  notes: 'Notes',
};

export const FORMAT_LABELS: Record<CsvFormat, string> = {
  'google-contacts': 'a Google Contacts export',
  'google-contacts-legacy': 'a Google Contacts export (older layout)',
  linkedin: 'a LinkedIn connections export',
  'linkedin-legacy': 'a LinkedIn connections export (older layout)',
  hubspot: 'a HubSpot export',
  'salesforce-dataexport': 'a Salesforce data export',
  'salesforce-report': 'a Salesforce report',
  pipedrive: 'a Pipedrive export',
  unknown: '',
};

const same = (a: string, b: string) => normaliseHeader(a) === normaliseHeader(b);

/** The target of `header` in `mapping`. */
export function targetOf(mapping: ColumnMapping, header: string): ColumnTarget {
  for (const [field, sources] of Object.entries(mapping.fields) as [StandardField, string[]][]) {
    if (sources?.some((s) => same(s, header))) return field;
  }
  if (Object.values(mapping.custom).some((s) => same(s, header))) return 'custom';
  return 'ignore';
}

/** A copy of `mapping` where `header` feeds `target` only (appended after the field's other columns). */
export function retarget(mapping: ColumnMapping, header: string, target: ColumnTarget): ColumnMapping {
  const fields: ColumnMapping['fields'] = {};
  for (const [field, sources] of Object.entries(mapping.fields) as [StandardField, string[]][]) {
    const kept = (sources ?? []).filter((s) => !same(s, header));
    if (kept.length) fields[field] = kept;
  }
  const custom: Record<string, string> = {};
  for (const [name, source] of Object.entries(mapping.custom))
    if (!same(source, header)) custom[name] = source;
  if (target === 'custom') custom[header] = header;
  else if (target !== 'ignore') fields[target] = [...(fields[target] ?? []), header];
  return { fields, custom };
}
