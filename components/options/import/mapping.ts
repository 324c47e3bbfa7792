/**
 * The mapping screen edits a {@link ColumnMapping} one source column at a time: each header has
 * one target (a contact field, "keep as custom field", or "ignore"). Pure helpers, unit-tested.
 */
import { type ColumnMapping, type CsvFormat, normaliseHeader, type StandardField } from '@/lib/csv/import';
import { messageMap } from '@/lib/i18n';

/** What one column of the file feeds. */
export type ColumnTarget = StandardField | 'custom' | 'ignore';

/** The contact field a column can feed, as the mapping screen names it. */
export const FIELD_LABELS: Record<StandardField, string> = messageMap({
  email: 'field_email',
  firstName: 'field_first_name',
  lastName: 'field_last_name',
  fullName: 'import_field_full_name',
  company: 'field_company',
  title: 'import_field_job_title',
  phone: 'field_phone',
  linkedinUrl: 'field_linkedin_url',
  timeZone: 'tz_label',
  language: 'import_field_language',
  leadSource: 'field_lead_source',
  notes: 'field_notes',
});

/** "a HubSpot export", with the article each language needs after "looks like". */
export const FORMAT_LABELS: Record<Exclude<CsvFormat, 'unknown'>, string> = messageMap({
  'google-contacts': 'import_format_google_contacts',
  'google-contacts-legacy': 'import_format_google_contacts_legacy',
  linkedin: 'import_format_linkedin',
  'linkedin-legacy': 'import_format_linkedin_legacy',
  hubspot: 'import_format_hubspot',
  'salesforce-dataexport': 'import_format_salesforce_dataexport',
  'salesforce-report': 'import_format_salesforce_report',
  pipedrive: 'import_format_pipedrive',
});

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
