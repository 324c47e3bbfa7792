/**
 * Vendor header tables: which export a header row comes from (Google Contacts, LinkedIn, HubSpot,
 * Salesforce, Pipedrive) and which column feeds which contact field, or a suggested mapping for
 * any other CSV. Header evidence: tests/fixtures/csv/PROVENANCE.md and the HEADERS.md research it
 * points to.
 */
import { type ColumnMapping, type CsvFormat, STANDARD_FIELDS, type StandardField } from './types';

/** Lower-case, BOM-free, trimmed, inner white space collapsed. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/\uFEFF/g, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** Looser key for synonyms: letters and digits only, so `E-mail`, `e_mail`, `EMAIL` all meet. */
export function looseKey(header: string): string {
  return normaliseHeader(header).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Headers (as they appear in the file) whose normalised form is one of `aliases`, in alias order. */
function pick(headers: readonly string[], ...aliases: string[]): string[] {
  const out: string[] = [];
  for (const alias of aliases) {
    const wanted = normaliseHeader(alias);
    for (const h of headers) if (normaliseHeader(h) === wanted && !out.includes(h)) out.push(h);
  }
  return out;
}

/** Headers matching `re` (tested against the normalised form), ordered by their first number. */
function pickNumbered(headers: readonly string[], re: RegExp): string[] {
  const found = headers
    .map((h, i) => ({ h, i, m: normaliseHeader(h).match(re) }))
    .filter((x) => x.m !== null);
  found.sort((a, b) => Number(a.m?.[1] ?? 0) - Number(b.m?.[1] ?? 0) || a.i - b.i);
  return found.map((x) => x.h);
}

function emptyMapping(): ColumnMapping {
  return { fields: {}, custom: {} };
}

function setField(mapping: ColumnMapping, field: StandardField, sources: string[]): void {
  if (sources.length > 0) mapping.fields[field] = sources;
}

function setCustom(
  mapping: ColumnMapping,
  headers: readonly string[],
  name: string,
  ...aliases: string[]
): void {
  const [source] = pick(headers, ...aliases);
  if (source !== undefined) mapping.custom[name] = source;
}

function has(set: Set<string>, ...names: string[]): boolean {
  return names.every((n) => set.has(n));
}

function mappingFor(format: CsvFormat, headers: readonly string[]): ColumnMapping {
  const m = emptyMapping();
  switch (format) {
    case 'google-contacts':
      setField(m, 'email', pickNumbered(headers, /^e-?mail (\d+) - value$/));
      setField(m, 'firstName', pick(headers, 'First Name'));
      setField(m, 'lastName', pick(headers, 'Last Name'));
      setField(m, 'company', pick(headers, 'Organization Name'));
      setField(m, 'title', pick(headers, 'Organization Title'));
      setField(m, 'phone', pickNumbered(headers, /^phone (\d+) - value$/));
      setField(m, 'linkedinUrl', pickNumbered(headers, /^website (\d+) - value$/));
      setField(m, 'notes', pick(headers, 'Notes'));
      setCustom(m, headers, 'Labels', 'Labels');
      setCustom(m, headers, 'Birthday', 'Birthday');
      setCustom(m, headers, 'Department', 'Organization Department');
      return m;
    case 'google-contacts-legacy':
      setField(m, 'email', pickNumbered(headers, /^e-?mail (\d+) - value$/));
      setField(m, 'firstName', pick(headers, 'Given Name'));
      setField(m, 'lastName', pick(headers, 'Family Name'));
      setField(m, 'fullName', pick(headers, 'Name'));
      setField(m, 'company', pickNumbered(headers, /^organization (\d+) - name$/));
      setField(m, 'title', pickNumbered(headers, /^organization (\d+) - title$/));
      setField(m, 'phone', pickNumbered(headers, /^phone (\d+) - value$/));
      setField(m, 'linkedinUrl', pickNumbered(headers, /^website (\d+) - value$/));
      setField(m, 'notes', pick(headers, 'Notes'));
      setCustom(m, headers, 'Labels', 'Group Membership');
      setCustom(m, headers, 'Birthday', 'Birthday');
      setCustom(m, headers, 'Department', 'Organization 1 - Department');
      return m;
    case 'linkedin':
    case 'linkedin-legacy':
      setField(m, 'email', pick(headers, 'Email Address'));
      setField(m, 'firstName', pick(headers, 'First Name'));
      setField(m, 'lastName', pick(headers, 'Last Name'));
      setField(m, 'company', pick(headers, 'Company'));
      setField(m, 'title', pick(headers, 'Position'));
      setField(m, 'linkedinUrl', pick(headers, 'URL'));
      setCustom(m, headers, 'Connected On', 'Connected On');
      return m;
    case 'hubspot':
      setField(m, 'email', pick(headers, 'Email', 'Additional email addresses'));
      setField(m, 'firstName', pick(headers, 'First Name'));
      setField(m, 'lastName', pick(headers, 'Last Name'));
      setField(m, 'company', pick(headers, 'Company Name', 'Associated Company'));
      setField(m, 'title', pick(headers, 'Job Title'));
      setField(m, 'phone', pick(headers, 'Phone Number', 'Mobile Phone Number'));
      setField(m, 'linkedinUrl', pick(headers, 'LinkedIn Bio', 'LinkedIn URL', 'LinkedIn'));
      setField(m, 'timeZone', pick(headers, 'Time Zone'));
      setField(m, 'notes', pick(headers, 'Notes'));
      setCustom(m, headers, 'HubSpot ID', 'Record ID', 'Contact ID');
      setCustom(m, headers, 'Owner', 'Contact owner');
      setCustom(m, headers, 'Lead status', 'Lead Status');
      setCustom(m, headers, 'Lifecycle stage', 'Lifecycle Stage');
      return m;
    case 'salesforce-dataexport':
      setField(m, 'email', pick(headers, 'Email'));
      setField(m, 'firstName', pick(headers, 'FirstName'));
      setField(m, 'lastName', pick(headers, 'LastName'));
      setField(m, 'fullName', pick(headers, 'Name'));
      setField(m, 'company', pick(headers, 'Account.Name', 'Company'));
      setField(m, 'title', pick(headers, 'Title'));
      setField(m, 'phone', pick(headers, 'Phone', 'MobilePhone', 'OtherPhone', 'HomePhone'));
      setField(m, 'leadSource', pick(headers, 'LeadSource'));
      setField(m, 'notes', pick(headers, 'Description'));
      setCustom(m, headers, 'Salesforce ID', 'Id');
      setCustom(m, headers, 'Department', 'Department');
      return m;
    case 'salesforce-report':
      setField(m, 'email', pick(headers, 'Email'));
      setField(m, 'firstName', pick(headers, 'First Name'));
      setField(m, 'lastName', pick(headers, 'Last Name'));
      setField(m, 'company', pick(headers, 'Account Name', 'Company / Account', 'Company'));
      setField(m, 'title', pick(headers, 'Title'));
      setField(m, 'phone', pick(headers, 'Phone', 'Mobile'));
      setField(m, 'leadSource', pick(headers, 'Lead Source'));
      setField(m, 'notes', pick(headers, 'Description'));
      setCustom(m, headers, 'Lead status', 'Lead Status');
      setCustom(m, headers, 'City', 'Mailing City', 'City');
      return m;
    case 'pipedrive':
      setField(m, 'email', [
        ...pick(headers, 'Person - Email - Work', 'Person - Email - Home', 'Person - Email - Other'),
        ...headers.filter((h) => /^person - e-?mail\b/.test(normaliseHeader(h))),
      ]);
      m.fields.email = [...new Set(m.fields.email)];
      setField(m, 'firstName', pick(headers, 'Person - First name'));
      setField(m, 'lastName', pick(headers, 'Person - Last name'));
      setField(m, 'fullName', pick(headers, 'Person - Name'));
      setField(m, 'company', pick(headers, 'Person - Organization'));
      setField(m, 'title', pick(headers, 'Person - Job title'));
      setField(m, 'phone', [
        ...new Set([
          ...pick(headers, 'Person - Phone - Work', 'Person - Phone - Mobile', 'Person - Phone - Home'),
          ...headers.filter((h) => /^person - phone\b/.test(normaliseHeader(h))),
        ]),
      ]);
      setField(m, 'linkedinUrl', pick(headers, 'Person - LinkedIn', 'Person - LinkedIn URL'));
      setCustom(m, headers, 'Pipedrive ID', 'Person - ID');
      setCustom(m, headers, 'Labels', 'Person - Labels');
      setCustom(m, headers, 'Owner', 'Person - Owner');
      return m;
    case 'unknown':
      return suggestMapping(headers);
  }
}

/**
 * Any vendor export may carry a language column the rep added ("Language", HubSpot's "Preferred
 * language", "Idioma"): mapped to the contact's language rather than kept as a custom field.
 */
function withLanguageColumn(
  format: CsvFormat,
  headers: readonly string[],
  mapping: ColumnMapping,
): ColumnMapping {
  if (format === 'unknown' || mapping.fields.language) return mapping;
  const used = new Set([...Object.values(mapping.fields).flat(), ...Object.values(mapping.custom)]);
  const sources = headers.filter((h) => !used.has(h) && SYNONYMS.language.includes(looseKey(h)));
  if (sources.length) mapping.fields.language = sources;
  return mapping;
}

/**
 * Recognises a vendor export from its header row (case, spacing and BOM do not matter) and
 * returns the mapping for it; anything else is `unknown` with a {@link suggestMapping} guess.
 */
export function detectFormat(headers: readonly string[]): { format: CsvFormat; mapping: ColumnMapping } {
  const set = new Set(headers.map(normaliseHeader));
  const list = [...set];
  const format = ((): CsvFormat => {
    if (list.some((h) => h.startsWith('person - ')) && list.some((h) => /^person - (name|e-?mail)/.test(h)))
      return 'pipedrive';
    if (has(set, 'given name', 'family name') && list.some((h) => /^(e-?mail|organization) \d+ - /.test(h)))
      return 'google-contacts-legacy';
    if (
      has(set, 'first name', 'last name') &&
      (set.has('organization name') || set.has('file as')) &&
      list.some((h) => /^(e-?mail|phone) \d+ - /.test(h))
    )
      return 'google-contacts';
    if (has(set, 'first name', 'last name', 'email address', 'connected on'))
      return set.has('url') ? 'linkedin' : 'linkedin-legacy';
    if ((set.has('record id') || set.has('contact id')) && (set.has('email') || set.has('first name')))
      return 'hubspot';
    if (set.has('contact owner') && set.has('email')) return 'hubspot';
    if (has(set, 'firstname', 'lastname') || (set.has('id') && (set.has('accountid') || set.has('ownerid'))))
      return 'salesforce-dataexport';
    if (
      set.has('email') &&
      (set.has('account name') ||
        set.has('company / account') ||
        set.has('mailing city') ||
        set.has('lead owner'))
    )
      return 'salesforce-report';
    return 'unknown';
  })();
  return { format, mapping: withLanguageColumn(format, headers, mappingFor(format, headers)) };
}

/** Synonyms (as loose keys) for {@link suggestMapping}, most specific first. */
const SYNONYMS: Record<StandardField, string[]> = {
  email: [
    'email',
    'emailaddress',
    'primaryemail',
    'workemail',
    'businessemail',
    'mail',
    'emailaddress1',
    'email1value',
    'personemailwork',
  ],
  firstName: ['firstname', 'givenname', 'first', 'forename', 'fname', 'personfirstname'],
  lastName: ['lastname', 'familyname', 'surname', 'last', 'lname', 'personlastname'],
  fullName: ['name', 'fullname', 'contactname', 'contact', 'personname', 'displayname'],
  company: [
    'company',
    'companyname',
    'organization',
    'organisation',
    'organizationname',
    'accountname',
    'account',
    'associatedcompany',
    'employer',
    'companyaccount',
    'personorganization',
  ],
  title: ['title', 'jobtitle', 'position', 'role', 'organizationtitle', 'persontitle', 'personjobtitle'],
  phone: [
    'phone',
    'phonenumber',
    'mobile',
    'mobilephone',
    'mobilephonenumber',
    'cell',
    'cellphone',
    'telephone',
    'tel',
    'workphone',
    'directphone',
  ],
  linkedinUrl: [
    'linkedinurl',
    'linkedin',
    'linkedinprofile',
    'linkedinprofileurl',
    'linkedinbio',
    'profileurl',
  ],
  timeZone: ['timezone', 'tz', 'zone'],
  // Vendor and localized titles: HubSpot "Preferred language", Spanish "Idioma (preferido)",
  // German "Sprache", French "Langue (préférée)", Portuguese "Idioma preferido".
  language: [
    'language',
    'preferredlanguage',
    'languagepreference',
    'contactlanguage',
    'lang',
    'locale',
    'idioma',
    'idiomapreferido',
    'sprache',
    'bevorzugtesprache',
    'langue',
    'languepréférée',
    'languepreferee',
    'personlanguage',
  ],
  leadSource: ['leadsource', 'source', 'originalsource'],
  notes: ['notes', 'note', 'description', 'comments', 'comment'],
};

/**
 * Best guess at a mapping for an unknown header row, for the mapping UI to show pre-filled.
 * Each column is used at most once; columns left over become custom fields under their own
 * title, so nothing in the file is silently dropped (the UI can untick them).
 */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping = emptyMapping();
  const used = new Set<string>();
  const keyed = headers.map((h) => ({ h, key: looseKey(h) }));
  for (const field of STANDARD_FIELDS) {
    const sources: string[] = [];
    for (const synonym of SYNONYMS[field]) {
      for (const { h, key } of keyed)
        if (key === synonym && !used.has(h) && !sources.includes(h)) sources.push(h);
    }
    // Looser pass for the two fields that often come as several columns ("Work Email", "Email 2").
    if (field === 'email' || field === 'phone') {
      const re = field === 'email' ? /email/ : /phone|mobile/;
      for (const { h, key } of keyed)
        if (re.test(key) && !used.has(h) && !sources.includes(h)) sources.push(h);
    }
    if (sources.length > 0) {
      mapping.fields[field] = sources;
      for (const s of sources) used.add(s);
    }
  }
  for (const h of headers) {
    const name = h.trim();
    if (!used.has(h) && name !== '' && !(name in mapping.custom)) mapping.custom[name] = h;
  }
  return mapping;
}

/** Loose keys of every header we know, to tell the header row from a preamble. */
export const KNOWN_HEADER_KEYS: Set<string> = (() => {
  const keys = new Set<string>(Object.values(SYNONYMS).flat());
  for (const h of [
    'Middle Name',
    'Organization Name',
    'Organization Title',
    'Labels',
    'Notes',
    'E-mail 1 - Value',
    'E-mail 1 - Label',
    'E-mail 1 - Type',
    'Phone 1 - Value',
    'Given Name',
    'Family Name',
    'Group Membership',
    'Organization 1 - Name',
    'URL',
    'Email Address',
    'Position',
    'Connected On',
    'Record ID',
    'Contact ID',
    'Contact owner',
    'Lead Status',
    'Create Date',
    'Associated Company',
    'FirstName',
    'LastName',
    'AccountId',
    'MobilePhone',
    'LeadSource',
    'OwnerId',
    'Account Name',
    'Mailing City',
    'Person - Name',
    'Person - Email - Work',
    'Person - Organization',
    'Person - Job title',
  ])
    keys.add(looseKey(h));
  return keys;
})();
