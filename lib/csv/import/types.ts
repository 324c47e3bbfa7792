/** The shapes the CSV import passes between its steps (parse -> map -> dedupe). */
import type { Msg } from '@/lib/i18n/msg';
import type { LeadSource } from '@/lib/cadence/types';
import type { Language } from '@/lib/templates/language';

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
  /** Only when the file named one of our languages ("Spanish", "es-MX", "Deutsch"). */
  language?: Language;
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
  | 'language'
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
  'language',
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
  /** The problem for the rep (rendered in their language). */
  msg: Msg;
  /** The same in English (logs, tests). */
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
  /**
   * Data rows in the file, when `rows` holds only the first of them (a file read for its
   * preview, imported by reading it again: `streamCsvBlob`).
   */
  rowCount?: number;
  /** The encoding the file was read in (with `rowCount`), for reading it again the same way. */
  encoding?: string;
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
  /** English, as the downloadable rejected-rows file writes it. */
  reason: string;
  /** The reason for the rep (rendered in their language); `reason` is shown when absent. */
  msg?: Msg;
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
  msg?: Msg;
}

/** Result of {@link planDedupe}. */
export interface DedupePlan {
  toCreate: ContactDraft[];
  toUpdate: ContactDraft[];
  skipped: ContactDraft[];
}
