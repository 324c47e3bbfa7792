/**
 * CSV import of contacts: Google Contacts, LinkedIn, HubSpot, Salesforce, Pipedrive exports, or
 * any CSV through a user-chosen column mapping. Header evidence: tests/fixtures/csv/PROVENANCE.md
 * and the HEADERS.md research it points to.
 *
 * The pipeline is parse -> map -> dedupe, each step pure:
 *   parseCsvText / parseCsvChunks  text -> ParsedCsv (header row found, records with line numbers)
 *   detectFormat / suggestMapping  headers -> ColumnMapping
 *   mapRows                        ParsedCsv + mapping -> ContactDraft[] + rejected rows
 *   planDedupe                     drafts + existing e-mails -> create / update / skip
 *
 * Nothing here throws on bad input: problems come back as `errors` (file level) or `rejected`
 * (row level), in words a sales rep understands. No DOM, no Dexie, no clock.
 */
import Papa from 'papaparse';
import type { LeadSource } from '@/lib/cadence/types';
import { CSV_BOM, toCsvRow } from './export';
import { isValidTimeZone } from '@/lib/cadence/zoned';

// ---------------------------------------------------------------------------------------------
// Types

/** A contact as read from a file, before it is stored. */
export interface ContactDraft {
  /** Lower-cased and trimmed; always a syntactically valid address. */
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  phone: string;
  linkedinUrl?: string;
  /** IANA zone, only when the file had a valid one. */
  timeZone?: string;
  leadSource?: LeadSource;
  notes?: string;
  /** Anything else worth keeping: extra e-mails and phones, labels, CRM ids, "Connected On" ... */
  custom: Record<string, string>;
}

/** Contact fields a column can be mapped to. `fullName` is split into first/last when those are empty. */
export type StandardField =
  | 'email'
  | 'firstName'
  | 'lastName'
  | 'fullName'
  | 'company'
  | 'title'
  | 'phone'
  | 'linkedinUrl'
  | 'timeZone'
  | 'leadSource'
  | 'notes';

/** Every {@link StandardField}, in the order a mapping UI should list them. */
export const STANDARD_FIELDS: readonly StandardField[] = [
  'email',
  'firstName',
  'lastName',
  'fullName',
  'company',
  'title',
  'phone',
  'linkedinUrl',
  'timeZone',
  'leadSource',
  'notes',
];

/**
 * Which source column(s) feed which contact field. Header names are matched case-insensitively
 * and trimmed. With several columns for one field the first non-empty value wins, except that all
 * e-mail and phone columns are collected (the first becomes the contact's, the rest go to
 * `custom`). `custom` maps a custom field name to one source header.
 */
export interface ColumnMapping {
  fields: Partial<Record<StandardField, string[]>>;
  custom: Record<string, string>;
}

/** The export formats we recognise from their header row. */
export type CsvFormat =
  | 'google-contacts'
  | 'google-contacts-legacy'
  | 'linkedin'
  | 'linkedin-legacy'
  | 'hubspot'
  | 'salesforce-dataexport'
  | 'salesforce-report'
  | 'pipedrive'
  | 'unknown';

/** Machine-readable kind of a {@link CsvIssue}. */
export type CsvIssueCode =
  | 'empty-file'
  | 'not-text'
  | 'no-header'
  | 'no-data-rows'
  | 'unterminated-quote'
  | 'malformed-quote'
  | 'too-many-fields'
  | 'too-few-fields'
  | 'trailer-skipped';

/** A problem found while reading the file; `message` is meant for the rep. */
export interface CsvIssue {
  code: CsvIssueCode;
  message: string;
  /** 1-based line in the file where the problem starts, when it belongs to a line. */
  line?: number;
  /** Index into `ParsedCsv.rows` when the problem belongs to a data row. */
  rowIndex?: number;
}

/** A parsed file: the header row found, the data rows after it, and what went wrong. */
export interface ParsedCsv {
  /** Trimmed, BOM-free; blanks become `Column N`, repeats get ` (2)`, ` (3)` ... */
  headers: string[];
  /** Data rows, blank rows and trailer lines removed. Ragged rows are kept as they are. */
  rows: string[][];
  /** 1-based line in the file where each row starts (parallel to `rows`). */
  rowLines: number[];
  delimiter: string;
  /** Physical lines before the header row (LinkedIn's "Notes:" block, report titles). */
  preambleLines: number;
  hadBom: boolean;
  errors: CsvIssue[];
  /** True when the parse was cancelled; rows then hold what was read so far. */
  aborted: boolean;
}

/** Options for {@link parseCsvText}. */
export interface ParseCsvOptions {
  /** Force a delimiter instead of sniffing `,` `;` tab `|`. */
  delimiter?: string;
}

/** Options for {@link parseCsvChunks}. */
export interface ParseCsvChunksOptions extends ParseCsvOptions {
  /** Characters per slice (default 256 KiB). */
  chunkSize?: number;
  /** Called after each slice with the fraction of the text read, 0..1. */
  onProgress?: (fraction: number) => void;
  /** Cancels the parse; the promise then resolves with `aborted: true`. */
  signal?: { readonly aborted: boolean };
  /** How to give the event loop a turn between slices (default: a zero-delay timer). */
  yieldToEventLoop?: () => Promise<void>;
}

/** A row that could not be imported, with the reason in plain words. */
export interface RejectedRow {
  /** 1-based line in the file where the row starts. */
  rowNumber: number;
  /** The row as header -> cell, so it can be fixed and re-imported. */
  raw: Record<string, string>;
  reason: string;
}

/** Result of {@link mapRows}. */
export interface MapResult {
  drafts: ContactDraft[];
  rejected: RejectedRow[];
  /** 1-based line of each draft's row (parallel to `drafts`). */
  draftLines: number[];
}

/** One line of {@link previewRows}: either a draft or the reason it would be rejected. */
export interface PreviewRow {
  rowNumber: number;
  draft?: ContactDraft;
  reason?: string;
}

/** Result of {@link planDedupe}. */
export interface DedupePlan {
  toCreate: ContactDraft[];
  toUpdate: ContactDraft[];
  skipped: ContactDraft[];
}

// ---------------------------------------------------------------------------------------------
// Header matching

/** Lower-case, BOM-free, trimmed, inner white space collapsed. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/\uFEFF/g, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** Looser key for synonyms: letters and digits only, so `E-mail`, `e_mail`, `EMAIL` all meet. */
function looseKey(header: string): string {
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
  return { format, mapping: mappingFor(format, headers) };
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

// ---------------------------------------------------------------------------------------------
// Decoding

/**
 * Bytes of an uploaded file to text. `File.text()` always assumes UTF-8, but Excel's
 * "CSV (Windows)" and older CRM exports are Windows-1252, and "Unicode text" is UTF-16; decoding
 * those as UTF-8 turns every accented name into `\uFFFD`. Order: a byte-order mark decides;
 * otherwise strict UTF-8; otherwise Windows-1252 (which accepts any byte). A UTF-8 BOM is kept in
 * the text so `hadBom` still reports it.
 */
export function decodeCsvBytes(bytes: ArrayBuffer | Uint8Array): { text: string; encoding: string } {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const [b0, b1, b2] = [view[0], view[1], view[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    return { text: CSV_BOM + new TextDecoder('utf-8').decode(view.subarray(3)), encoding: 'utf-8' };
  }
  if (b0 === 0xff && b1 === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(view.subarray(2)), encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff)
    return { text: new TextDecoder('utf-16be').decode(view.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(view), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(view), encoding: 'windows-1252' };
  }
}

/** Windows-1252 characters for bytes 0x80-0x9F (the rest equal their Latin-1 code point). */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** By hand, because some runtimes' TextDecoder('windows-1252') is really Latin-1 (Node is one). */
function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += 8192) {
    const codes = Array.from(bytes.subarray(start, start + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b,
    );
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Parsing

const DELIMITERS = [',', ';', '\t', '|'] as const;
const SAMPLE_CHARS = 64 * 1024;
const HEADER_SEARCH_ROWS = 30;

/** Loose keys of every header we know, to tell the header row from a preamble. */
const KNOWN_HEADER_KEYS: Set<string> = (() => {
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

interface RawRecords {
  records: string[][];
  errors: Papa.ParseError[];
  /** Index into `records` of the record each error belongs to. */
  errorRecords: number[];
}

function isBlankRecord(record: readonly string[]): boolean {
  for (const cell of record) if (cell.trim() !== '') return false;
  return true;
}

function countBreaks(cell: string): number {
  if (cell.indexOf('\n') === -1 && cell.indexOf('\r') === -1) return 0;
  let n = 0;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (cell.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/** Physical lines a record spans: one, plus the line breaks inside its quoted cells. */
function recordLineSpan(record: readonly string[]): number {
  let n = 1;
  for (const cell of record) n += countBreaks(cell);
  return n;
}

/**
 * Rewrites unquoted line breaks (CRLF, CR, LF) to LF so a file with mixed endings parses as one
 * shape; line breaks inside quoted cells are data and stay untouched. A quote opens a quoted cell
 * only at the start of a field, as RFC 4180 and papaparse read it.
 */
function normaliseLineBreaks(text: string, delimiter: string): string {
  const hasCr = text.indexOf('\r') !== -1;
  if (!hasCr) return text;
  const d = delimiter.charCodeAt(0);
  let out = '';
  let from = 0;
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === 34 && fieldStart) {
      inQuotes = true;
      fieldStart = false;
    } else if (c === 13) {
      out += `${text.slice(from, i)}\n`;
      if (text.charCodeAt(i + 1) === 10) i++;
      from = i + 1;
      fieldStart = true;
    } else {
      fieldStart = c === 10 || c === d;
    }
  }
  return from === 0 ? out + text : out + text.slice(from);
}

function newParser(delimiter: string): Papa.Parser {
  // Line breaks are normalised to LF beforehand, so the parser need not guess.
  return new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"', escapeChar: '"' });
}

interface ParseResultLike {
  data: string[][];
  errors: Papa.ParseError[];
  meta: { cursor: number };
}

/** Parses a small sample (for sniffing); the last, possibly cut, record is dropped. */
function sampleRecords(sample: string, delimiter: string, isWholeText: boolean): string[][] {
  const result = newParser(delimiter).parse(sample, 0, !isWholeText) as ParseResultLike;
  return result.data;
}

/** Index of the header row among the first records: the first one that looks like known column titles. */
function findHeaderRow(records: readonly string[][]): { index: number; known: number } {
  const limit = Math.min(records.length, HEADER_SEARCH_ROWS);
  let best = { index: -1, known: 0 };
  for (let i = 0; i < limit; i++) {
    const record = records[i]!;
    let known = 0;
    let filled = 0;
    for (const cell of record) {
      if (cell.trim() === '') continue;
      filled++;
      if (KNOWN_HEADER_KEYS.has(looseKey(cell))) known++;
    }
    if (filled >= 2 && known >= 2) return { index: i, known };
    if (best.index === -1 && filled >= 2) {
      // No known titles (yet): a plausible header has as many cells as the next non-blank record.
      let next = i + 1;
      while (next < records.length && isBlankRecord(records[next]!)) next++;
      const following = records[next];
      if (following === undefined || following.length === record.length) best = { index: i, known: 0 };
    }
  }
  if (best.index !== -1) return best;
  const firstFilled = records.findIndex((r) => !isBlankRecord(r));
  return { index: firstFilled, known: 0 };
}

function sniffDelimiter(text: string): string {
  const isWhole = text.length <= SAMPLE_CHARS;
  // Quote-blind line-end fix-up: good enough to compare delimiters, and CR-only files need it.
  const sample = (isWhole ? text : text.slice(0, SAMPLE_CHARS)).replace(/\r\n?/g, '\n');
  let bestDelimiter: string = ',';
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    if (sample.indexOf(delimiter) === -1) continue;
    const records = sampleRecords(sample, delimiter, isWhole);
    const { index, known } = findHeaderRow(records);
    if (index < 0) continue;
    const width = records[index]!.length;
    if (width < 2) continue;
    let consistent = 0;
    for (let i = index + 1; i < records.length; i++) if (records[i]!.length === width) consistent++;
    const score = known * 1_000_000 + consistent * 100 + Math.min(width, 99);
    if (score > bestScore) {
      bestScore = score;
      bestDelimiter = delimiter;
    }
  }
  return bestDelimiter;
}

/** Share of control characters that no text file has; high means the file is binary (or UTF-16). */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, SAMPLE_CHARS);
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad > 8 && bad / sample.length > 0.02;
}

function uniqueHeaders(record: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return record.map((cell, i) => {
    let name = cell.replace(/\uFEFF/g, '').trim();
    if (name === '') name = `Column ${i + 1}`;
    const key = name.toLowerCase();
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}

function emptyParsed(delimiter: string, hadBom: boolean, errors: CsvIssue[]): ParsedCsv {
  return { headers: [], rows: [], rowLines: [], delimiter, preambleLines: 0, hadBom, errors, aborted: false };
}

interface Prepared {
  text: string;
  delimiter: string;
  hadBom: boolean;
  early?: ParsedCsv;
}

function prepare(input: string, options: ParseCsvOptions): Prepared {
  const source = typeof input === 'string' ? input : '';
  const hadBom = source.startsWith(CSV_BOM);
  const text = hadBom ? source.slice(1) : source;
  if (text.trim() === '') {
    return {
      text,
      delimiter: ',',
      hadBom,
      early: emptyParsed(',', hadBom, [{ code: 'empty-file', message: 'The file is empty.' }]),
    };
  }
  if (looksBinary(text)) {
    const message =
      'This file does not look like a CSV text file. Export it again as CSV (UTF-8) and try once more.';
    return { text, delimiter: ',', hadBom, early: emptyParsed(',', hadBom, [{ code: 'not-text', message }]) };
  }
  // Excel writes a `sep=;` line to name the delimiter; it is then skipped as preamble.
  const sepLine = text.match(/^sep=([^\r\n])\r?\n?/i);
  const delimiter = options.delimiter ?? sepLine?.[1] ?? sniffDelimiter(text);
  return { text: normaliseLineBreaks(text, delimiter), delimiter, hadBom };
}

/** Turns all records into a ParsedCsv: header row, data rows with line numbers, issues. */
function assemble(prepared: Prepared, raw: RawRecords, aborted: boolean): ParsedCsv {
  const { records } = raw;
  const errors: CsvIssue[] = [];
  const { index: headerIndex } = findHeaderRow(records);
  if (headerIndex < 0) {
    return {
      ...emptyParsed(prepared.delimiter, prepared.hadBom, [
        { code: 'no-header', message: 'No header row with column titles was found.' },
      ]),
      aborted,
    };
  }
  let line = 1;
  for (let i = 0; i < headerIndex; i++) line += recordLineSpan(records[i]!);
  const preambleLines = line - 1;
  const headerRecord = records[headerIndex]!;
  const headers = uniqueHeaders(headerRecord);
  line += recordLineSpan(headerRecord);

  const recordErrors = new Map<number, Papa.ParseError>();
  raw.errors.forEach((e, i) => {
    const at = raw.errorRecords[i];
    if (at !== undefined && !recordErrors.has(at)) recordErrors.set(at, e);
  });

  const rows: string[][] = [];
  const rowLines: number[] = [];
  let sawBlank = false;
  let trailerStart = -1;
  for (let r = headerIndex + 1; r < records.length; r++) {
    const record = records[r]!;
    const start = line;
    line += recordLineSpan(record);
    if (isBlankRecord(record)) {
      sawBlank = true;
      continue;
    }
    // Report exports end with a blank line and one-cell lines (company, copyright, "Generated By").
    if (
      sawBlank &&
      headers.length >= 3 &&
      record.filter((c) => c.trim() !== '').length === 1 &&
      record.length <= 2
    ) {
      if (trailerStart === -1) trailerStart = start;
      continue;
    }
    const rowIndex = rows.length;
    rows.push(record);
    rowLines.push(start);
    const parseError = recordErrors.get(r);
    if (parseError?.code === 'MissingQuotes') {
      errors.push({
        code: 'unterminated-quote',
        line: start,
        rowIndex,
        message: `A quoted value that starts on line ${start} is never closed, so the rest of the file was read as part of it. Check that line for a stray double quote (").`,
      });
    } else if (parseError?.code === 'InvalidQuotes') {
      errors.push({
        code: 'malformed-quote',
        line: start,
        rowIndex,
        message: `Line ${start} has a double quote (") in an unexpected place; its values may be split wrongly.`,
      });
    }
    if (record.length > headers.length && record.slice(headers.length).some((c) => c.trim() !== '')) {
      errors.push({
        code: 'too-many-fields',
        line: start,
        rowIndex,
        message: `Line ${start} has ${record.length} values but the header has ${headers.length} columns.`,
      });
    } else if (record.length < headers.length) {
      errors.push({
        code: 'too-few-fields',
        line: start,
        rowIndex,
        message: `Line ${start} has ${record.length} values but the header has ${headers.length} columns; the missing ones are read as empty.`,
      });
    }
  }
  if (trailerStart !== -1) {
    errors.push({
      code: 'trailer-skipped',
      line: trailerStart,
      message: `The lines from line ${trailerStart} on look like a report footer and were skipped.`,
    });
  }
  if (rows.length === 0 && !aborted) {
    errors.push({ code: 'no-data-rows', message: 'The file has a header row but no contacts under it.' });
  }
  return {
    headers,
    rows,
    rowLines,
    delimiter: prepared.delimiter,
    preambleLines,
    hadBom: prepared.hadBom,
    errors,
    aborted,
  };
}

/**
 * Reads the whole text in slices of `chunkSize`, carrying a cut record over to the next slice the
 * way papaparse's own streamer does. Yields the fraction read after each slice.
 */
function* readRecords(
  text: string,
  delimiter: string,
  chunkSize: number,
  raw: RawRecords,
): Generator<number> {
  const parser = newParser(delimiter);
  let offset = 0;
  let partial = '';
  let size = chunkSize;
  while (offset < text.length || partial !== '') {
    const slice = text.slice(offset, offset + size);
    offset += slice.length;
    const last = offset >= text.length;
    const aggregate = partial + slice;
    const result = parser.parse(aggregate, 0, !last) as ParseResultLike;
    const base = raw.records.length;
    for (const record of result.data) raw.records.push(record);
    for (const error of result.errors) {
      // An error in the cut-off last record is reported again when that record is re-read.
      if (!last && typeof error.row === 'number' && error.row >= result.data.length) continue;
      raw.errors.push(error);
      raw.errorRecords.push(base + (typeof error.row === 'number' ? error.row : result.data.length - 1));
    }
    if (last) break;
    partial = aggregate.slice(result.meta.cursor);
    // A huge record (or an unclosed quote) would be re-scanned every slice; grow the slice instead.
    size = partial.length > size / 2 ? size * 2 : chunkSize;
    yield Math.min(1, offset / text.length);
  }
  yield 1;
}

/**
 * Parses CSV text in one go: strips a UTF-8 BOM, accepts CRLF, LF or CR (even mixed), quoted
 * line breaks, `,` `;` tab or `|` delimiters (sniffed), skips preamble lines before the header
 * row (found by its content) and report footers. Never throws; problems are in `errors`.
 */
export function parseCsvText(text: string, options: ParseCsvOptions = {}): ParsedCsv {
  const prepared = prepare(text, options);
  if (prepared.early) return prepared.early;
  const raw: RawRecords = { records: [], errors: [], errorRecords: [] };
  // One slice holding the whole text: the generator runs to completion in a single step.
  const reader = readRecords(prepared.text, prepared.delimiter, Math.max(prepared.text.length, 1), raw);
  while (!reader.next().done) {}
  return assemble(prepared, raw, false);
}

function defaultYield(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Same as {@link parseCsvText}, but reads in slices and gives the event loop a turn between them,
 * reporting progress (0..1) and stopping early when `signal.aborted` turns true. For the import
 * screen's progress bar and Cancel button. Never rejects.
 */
export async function parseCsvChunks(text: string, options: ParseCsvChunksOptions = {}): Promise<ParsedCsv> {
  const prepared = prepare(text, options);
  if (prepared.early) {
    options.onProgress?.(1);
    return prepared.early;
  }
  const chunkSize = Math.max(1024, options.chunkSize ?? 256 * 1024);
  const pause = options.yieldToEventLoop ?? defaultYield;
  const raw: RawRecords = { records: [], errors: [], errorRecords: [] };
  let aborted = options.signal?.aborted === true;
  if (!aborted) {
    for (const fraction of readRecords(prepared.text, prepared.delimiter, chunkSize, raw)) {
      options.onProgress?.(fraction);
      if (fraction >= 1) break;
      await pause();
      if (options.signal?.aborted) {
        aborted = true;
        break;
      }
    }
  }
  return assemble(prepared, raw, aborted);
}

// ---------------------------------------------------------------------------------------------
// Mapping rows to contacts

const MULTI_VALUE = /\s*:::\s*/;
const EMAIL_SPLIT = /\s*(?::::|[;,])\s*/;
const EMAIL_RE =
  /^(?!\.)(?!.*\.\.)[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+(?<!\.)@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;

/** Lower-cases and trims; unwraps `mailto:` and `Name <address>`. */
export function normaliseEmail(value: string): string {
  let v = value.trim();
  const angle = v.match(/<([^<>]+)>/);
  if (angle?.[1]) v = angle[1].trim();
  if (/^mailto:/i.test(v)) v = v.slice(7).split('?')[0] ?? '';
  return v.trim().toLowerCase();
}

/** Practical syntax check: one `@`, no spaces, a dotted domain with a letters-only last label. */
export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL_RE.test(email);
}

const LEAD_SOURCE_RULES: [RegExp, LeadSource][] = [
  [/^(google-lsa|facebook-lead-ad|referral|web-form|cold-outbound|other)$/, 'google-lsa'],
  [/google.*(lsa|local service)|^lsa$/, 'google-lsa'],
  [/facebook|instagram|\bmeta\b|\bfb\b/, 'facebook-lead-ad'],
  [/referr|partner|word of mouth/, 'referral'],
  [/web|form|site|inbound|landing/, 'web-form'],
  [/cold|outbound|prospect|list|purchased/, 'cold-outbound'],
];

/** Maps a free-text lead source ("Web", "Partner Referral") onto our {@link LeadSource} values. */
export function normaliseLeadSource(value: string): LeadSource | undefined {
  const v = value.trim().toLowerCase();
  if (v === '') return undefined;
  const exact = LEAD_SOURCE_RULES[0]![0].test(v);
  if (exact) return v as LeadSource;
  for (const [re, source] of LEAD_SOURCE_RULES.slice(1)) if (re.test(v)) return source;
  return 'other';
}

/** The engine's zone check, so a zone the importer keeps is one the scheduler can plan in. */
export { isValidTimeZone };

function normaliseLinkedinUrl(value: string): string | undefined {
  const v = value.trim();
  if (!/linkedin\.com\//i.test(v) || /\s/.test(v)) return undefined;
  return /^https?:\/\//i.test(v) ? v : `https://${v.replace(/^\/+/, '')}`;
}

function splitName(full: string): { first: string; last: string } {
  const parts = full.trim().split(/\s+/);
  if (parts.length <= 1) return { first: parts[0] ?? '', last: '' };
  return { first: parts.slice(0, -1).join(' '), last: parts[parts.length - 1]! };
}

const FIELD_LABELS: Record<StandardField, string> = {
  email: 'email',
  firstName: 'first name',
  lastName: 'last name',
  fullName: 'name',
  company: 'company',
  title: 'title',
  phone: 'phone',
  linkedinUrl: 'LinkedIn URL',
  timeZone: 'time zone',
  leadSource: 'lead source',
  notes: 'notes',
};

interface ResolvedMapping {
  fields: Partial<Record<StandardField, number[]>>;
  custom: [string, number][];
}

function resolveMapping(headers: readonly string[], mapping: ColumnMapping): ResolvedMapping {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (!index.has(key)) index.set(key, i);
  });
  const find = (source: string): number | undefined => index.get(normaliseHeader(source));
  const fields: Partial<Record<StandardField, number[]>> = {};
  for (const field of STANDARD_FIELDS) {
    const sources = mapping.fields[field] ?? [];
    const cols = sources.map(find).filter((i): i is number => i !== undefined);
    if (cols.length > 0) fields[field] = [...new Set(cols)];
  }
  const custom: [string, number][] = [];
  for (const [name, source] of Object.entries(mapping.custom)) {
    const i = find(source);
    if (i !== undefined && name.trim() !== '') custom.push([name.trim(), i]);
  }
  return { fields, custom };
}

function rawRecord(headers: readonly string[], row: readonly string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  headers.forEach((h, i) => {
    raw[h] = row[i] ?? '';
  });
  for (let i = headers.length; i < row.length; i++)
    raw[`Extra value ${i - headers.length + 1}`] = row[i] ?? '';
  return raw;
}

/** Google's system groups, which say nothing about the contact. */
const SYSTEM_LABELS = /^(my ?contacts|starred)$/i;

/** A custom cell, with Google's ` ::: ` lists turned into `a, b` and its `* ` primary markers dropped. */
function customValue(cell: string): string {
  const value = cell.trim();
  if (!value.includes(':::') && !value.startsWith('* ')) return value;
  return value
    .split(MULTI_VALUE)
    .map((part) => part.replace(/^\*\s+/, '').trim())
    .filter((part) => part !== '' && !SYSTEM_LABELS.test(part))
    .join(', ');
}

type RowOutcome = { draft: ContactDraft } | { reason: string };

const NEUTRALISED = /^'[=+\-@\t\r]/;

/** Undoes our own export's formula guard (`'+1 555 ...` -> `+1 555 ...`), so exports re-import cleanly. */
function unneutralise(cell: string): string {
  return cell.charCodeAt(0) === 39 && NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

/** Values of `cols` in this row, each split on Google's ` ::: ` separator, blanks dropped. */
function valuesOf(
  row: readonly string[],
  cols: readonly number[] | undefined,
  split: RegExp = MULTI_VALUE,
): string[] {
  if (!cols) return [];
  const out: string[] = [];
  for (const c of cols) {
    const cell = unneutralise(row[c] ?? '');
    if (cell === '') continue;
    if (cell.indexOf(':') === -1 && cell.indexOf(';') === -1 && cell.indexOf(',') === -1) {
      const t = cell.trim();
      if (t !== '') out.push(t);
      continue;
    }
    for (const part of cell.split(split)) {
      const t = part.trim();
      if (t !== '') out.push(t);
    }
  }
  return out;
}

function firstValue(
  row: readonly string[],
  resolved: ResolvedMapping,
  field: StandardField,
  custom: Record<string, string>,
): string {
  const values = valuesOf(row, resolved.fields[field]);
  const [first, ...rest] = values;
  if (rest.length > 0) custom[`Other ${FIELD_LABELS[field]}`] = rest.join(', ');
  return first ?? '';
}

function mapRow(row: readonly string[], resolved: ResolvedMapping): RowOutcome {
  const emails = valuesOf(row, resolved.fields.email, EMAIL_SPLIT);
  if (emails.length === 0) return { reason: 'no email address' };
  const valid: string[] = [];
  for (const candidate of emails) {
    const email = normaliseEmail(candidate);
    if (isValidEmail(email) && !valid.includes(email)) valid.push(email);
  }
  const email = valid[0];
  if (email === undefined) {
    const shown = emails[0]!.length > 80 ? `${emails[0]!.slice(0, 80)}…` : emails[0];
    return { reason: `email address is not valid: ${shown}` };
  }

  const custom: Record<string, string> = {};
  if (valid.length > 1) custom['Other emails'] = valid.slice(1).join(', ');

  let firstName = firstValue(row, resolved, 'firstName', custom);
  let lastName = firstValue(row, resolved, 'lastName', custom);
  if (firstName === '' && lastName === '') {
    const full = firstValue(row, resolved, 'fullName', custom);
    if (full !== '') ({ first: firstName, last: lastName } = splitName(full));
  }
  const company = firstValue(row, resolved, 'company', custom);
  const title = firstValue(row, resolved, 'title', custom);

  const phones = valuesOf(row, resolved.fields.phone);
  const phone = phones[0] ?? '';
  const otherPhones = [...new Set(phones.slice(1))].filter((p) => p !== phone);
  if (otherPhones.length > 0) custom['Other phones'] = otherPhones.join(', ');

  const draft: ContactDraft = { email, firstName, lastName, company, title, phone, custom };

  for (const candidate of valuesOf(row, resolved.fields.linkedinUrl)) {
    const url = normaliseLinkedinUrl(candidate);
    if (url) {
      draft.linkedinUrl = url;
      break;
    }
  }
  const zone = valuesOf(row, resolved.fields.timeZone)[0];
  if (zone !== undefined) {
    if (isValidTimeZone(zone)) draft.timeZone = zone;
    else custom['Time zone (not recognised)'] = zone;
  }
  const source = valuesOf(row, resolved.fields.leadSource)[0];
  if (source !== undefined) {
    const leadSource = normaliseLeadSource(source);
    if (leadSource) draft.leadSource = leadSource;
    if (leadSource === 'other' && source.toLowerCase() !== 'other') custom['Lead source (original)'] = source;
  }
  const notes = (resolved.fields.notes ?? [])
    .map((c) => unneutralise(row[c] ?? '').trim())
    .filter((n) => n !== '')
    .join('\n\n');
  if (notes !== '') draft.notes = notes;

  for (const [name, col] of resolved.custom) {
    const value = customValue(unneutralise(row[col] ?? ''));
    if (value !== '') custom[name] = value;
  }
  return { draft };
}

function rowRejection(parsed: ParsedCsv, rowIndex: number, row: readonly string[]): string | undefined {
  for (const e of parsed.errors) {
    if (e.rowIndex !== rowIndex) continue;
    if (e.code === 'unterminated-quote') return 'a quoted value on this line is never closed (stray " ?)';
    if (e.code === 'too-many-fields')
      return `the row has ${row.length} values but the header has ${parsed.headers.length} columns (a stray comma or delimiter?)`;
  }
  return undefined;
}

/**
 * Turns parsed rows into contact drafts. A row is rejected, with a plain-words reason, when it has
 * no e-mail, an invalid one, repeats an e-mail seen earlier in the file, has more values than the
 * header has columns, or contains an unclosed quote. Blank rows were already dropped by the parser.
 */
export function mapRows(parsed: ParsedCsv, mapping: ColumnMapping): MapResult {
  const resolved = resolveMapping(parsed.headers, mapping);
  const rowsWithIssues = new Set<number>();
  for (const e of parsed.errors) if (e.rowIndex !== undefined) rowsWithIssues.add(e.rowIndex);
  const drafts: ContactDraft[] = [];
  const draftLines: number[] = [];
  const rejected: RejectedRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (let i = 0; i < parsed.rows.length; i++) {
    const row = parsed.rows[i]!;
    const line = parsed.rowLines[i] ?? i + 2;
    const reject = (reason: string): void => {
      rejected.push({ rowNumber: line, raw: rawRecord(parsed.headers, row), reason });
    };
    const issue = rowsWithIssues.has(i) ? rowRejection(parsed, i, row) : undefined;
    if (issue) {
      reject(issue);
      continue;
    }
    const outcome = mapRow(row, resolved);
    if ('reason' in outcome) {
      reject(outcome.reason);
      continue;
    }
    const earlier = firstLineOf.get(outcome.draft.email);
    if (earlier !== undefined) {
      reject(`duplicate of row ${earlier} in this file`);
      continue;
    }
    firstLineOf.set(outcome.draft.email, line);
    drafts.push(outcome.draft);
    draftLines.push(line);
  }
  return { drafts, rejected, draftLines };
}

/** The first `n` rows as they would import, for the mapping screen's live preview. */
export function previewRows(parsed: ParsedCsv, mapping: ColumnMapping, n: number): PreviewRow[] {
  const head: ParsedCsv = {
    ...parsed,
    rows: parsed.rows.slice(0, Math.max(0, n)),
    rowLines: parsed.rowLines.slice(0, Math.max(0, n)),
  };
  const { drafts, draftLines, rejected } = mapRows(head, mapping);
  const out: PreviewRow[] = [
    ...drafts.map((draft, i) => ({ rowNumber: draftLines[i]!, draft })),
    ...rejected.map((r) => ({ rowNumber: r.rowNumber, reason: r.reason })),
  ];
  return out.sort((a, b) => a.rowNumber - b.rowNumber);
}

/**
 * Splits drafts against the e-mails already stored (compared case-insensitively). In `skip` mode
 * known contacts are left alone; in `update` mode they are returned for updating. A repeat of an
 * e-mail within `drafts` itself is skipped.
 */
export function planDedupe(
  drafts: readonly ContactDraft[],
  existingEmails: ReadonlySet<string>,
  mode: 'skip' | 'update',
): DedupePlan {
  const existing = new Set<string>();
  for (const e of existingEmails) existing.add(e.trim().toLowerCase());
  const plan: DedupePlan = { toCreate: [], toUpdate: [], skipped: [] };
  const seen = new Set<string>();
  for (const draft of drafts) {
    const key = draft.email.trim().toLowerCase();
    if (seen.has(key)) {
      plan.skipped.push(draft);
      continue;
    }
    seen.add(key);
    if (!existing.has(key)) plan.toCreate.push(draft);
    else if (mode === 'update') plan.toUpdate.push(draft);
    else plan.skipped.push(draft);
  }
  return plan;
}

/**
 * The rejected rows as a CSV the rep can download, fix and import again: `Line`, `Reason`, then
 * the original columns (union over all rows, in first-seen order). Same encoding as our exports.
 */
export function rejectedToCsv(rejected: readonly RejectedRow[]): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rejected) {
    for (const key of Object.keys(r.raw)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  const parts = [CSV_BOM + toCsvRow(['Line', 'Reason', ...columns])];
  for (const r of rejected)
    parts.push(toCsvRow([r.rowNumber, r.reason, ...columns.map((c) => r.raw[c] ?? '')]));
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// One-call pipeline

/** Options for {@link importContactsCsv}. */
export interface ImportContactsOptions extends ParseCsvChunksOptions {
  existingEmails: ReadonlySet<string>;
  mode: 'skip' | 'update';
  /** Use this mapping instead of the detected one (the mapping screen's result). */
  mapping?: ColumnMapping;
}

/** Everything the import screen shows after a run. */
export interface ImportContactsResult {
  parsed: ParsedCsv;
  format: CsvFormat;
  mapping: ColumnMapping;
  plan: DedupePlan;
  rejected: RejectedRow[];
}

/**
 * parse -> detect -> map -> dedupe in one call, with progress over the whole run (parsing is the
 * slow part, so it gets 90 % of the bar) and cancellation between slices.
 */
export async function importContactsCsv(
  text: string,
  options: ImportContactsOptions,
): Promise<ImportContactsResult> {
  const { onProgress } = options;
  const parsed = await parseCsvChunks(text, {
    ...options,
    onProgress: onProgress ? (f) => onProgress(f * 0.9) : undefined,
  });
  const detected = detectFormat(parsed.headers);
  const mapping = options.mapping ?? detected.mapping;
  if (parsed.aborted) {
    return {
      parsed,
      format: detected.format,
      mapping,
      plan: { toCreate: [], toUpdate: [], skipped: [] },
      rejected: [],
    };
  }
  const { drafts, rejected } = mapRows(parsed, mapping);
  const plan = planDedupe(drafts, options.existingEmails, options.mode);
  onProgress?.(1);
  return { parsed, format: detected.format, mapping, plan, rejected };
}
