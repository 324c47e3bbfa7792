/**
 * Parsed rows to contact drafts through a column mapping: e-mails (the one validation shared with
 * the database, lib/email), names, phones, LinkedIn URLs, zones, lead sources and custom fields;
 * rows that cannot be imported come back with their reason.
 */
import type { LeadSource } from '@/lib/cadence/types';
import { isValidTimeZone } from '@/lib/cadence/zoned';
import { languageFromField } from '@/lib/contacts/language';
import { isValidEmail, normaliseEmail } from '@/lib/email';
import { type Msg, msg } from '@/lib/i18n/msg';
import { CSV_BOM, toCsvRow } from '../export';
import { normaliseHeader } from './headers';
import { rowReason } from './issue';
import type {
  ColumnMapping,
  ContactDraft,
  CsvIssue,
  MapResult,
  ParsedCsv,
  PreviewRow,
  RejectedRow,
  StandardField,
} from './types';
import { STANDARD_FIELDS } from './types';

const MULTI_VALUE = /\s*:::\s*/;
const EMAIL_SPLIT = /\s*(?::::|[;,])\s*/;
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
  language: 'language',
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

/** Custom field that keeps a language cell naming none of ours (the db importer reads it back). */
export const UNKNOWN_LANGUAGE_FIELD = 'Language (not recognised)';

type RowOutcome = { draft: ContactDraft } | { reason: Msg };

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
  if (emails.length === 0) return { reason: msg('csv_reject_no_email') };
  const valid: string[] = [];
  for (const candidate of emails) {
    const email = normaliseEmail(candidate);
    if (isValidEmail(email) && !valid.includes(email)) valid.push(email);
  }
  const email = valid[0];
  if (email === undefined) {
    const shown = emails[0]!.length > 80 ? `${emails[0]!.slice(0, 80)}…` : emails[0];
    return { reason: msg('csv_reject_bad_email', { value: shown! }) };
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
  const language = valuesOf(row, resolved.fields.language)[0];
  if (language !== undefined) {
    const known = languageFromField(language);
    // Kept where the rep sees it; the importer then falls back to the phone's guess and says so.
    if (known) draft.language = known;
    else custom[UNKNOWN_LANGUAGE_FIELD] = language;
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

function rowRejection(
  headers: readonly string[],
  issues: readonly CsvIssue[],
  row: readonly string[],
): Msg | undefined {
  for (const e of issues) {
    if (e.code === 'unterminated-quote') return msg('csv_reject_unclosed_quote');
    if (e.code === 'too-many-fields')
      return msg('csv_reject_too_many_fields', {
        values: String(row.length),
        columns: String(headers.length),
      });
  }
  return undefined;
}

/**
 * Turns parsed rows into contact drafts. A row is rejected, with a plain-words reason, when it has
 * no e-mail, an invalid one, repeats an e-mail seen earlier in the file, has more values than the
 * header has columns, or contains an unclosed quote. Blank rows were already dropped by the parser.
 */
export function mapRows(parsed: ParsedCsv, mapping: ColumnMapping): MapResult {
  const m = draftMapper(parsed.headers, mapping);
  return m.push({ rows: parsed.rows, rowLines: parsed.rowLines, errors: parsed.errors });
}

/** Options for {@link mapRowsChunked}. */
export interface MapRowsChunkedOptions {
  /** Rows per slice (default 1,000: a few milliseconds each, tens on a loaded machine). */
  sliceRows?: number;
  /** How to give the event loop a turn between slices (default: a zero-delay timer). */
  yieldToEventLoop?: () => Promise<void>;
  /** Cancels the run; the promise then resolves with `undefined`. */
  signal?: { readonly aborted: boolean };
}

/**
 * {@link mapRows} in slices with a turn of the event loop between them, so mapping 100,000 rows
 * never blocks the page for longer than one slice. Same result as `mapRows`.
 */
export async function mapRowsChunked(
  parsed: ParsedCsv,
  mapping: ColumnMapping,
  options: MapRowsChunkedOptions = {},
): Promise<MapResult | undefined> {
  const m = draftMapper(parsed.headers, mapping);
  const slice = Math.max(1, options.sliceRows ?? 1000);
  const pause = options.yieldToEventLoop ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  const out: MapResult = { drafts: [], rejected: [], draftLines: [] };
  const byRow = new Map<number, CsvIssue[]>();
  for (const e of parsed.errors)
    if (e.rowIndex !== undefined) byRow.set(e.rowIndex, [...(byRow.get(e.rowIndex) ?? []), e]);
  for (let from = 0; from < parsed.rows.length; from += slice) {
    const to = Math.min(parsed.rows.length, from + slice);
    const errors: CsvIssue[] = [];
    for (let i = from; i < to; i++) for (const e of byRow.get(i) ?? []) errors.push(e);
    const got = m.push({
      rows: parsed.rows.slice(from, to),
      rowLines: parsed.rowLines.slice(from, to),
      errors,
    });
    for (const d of got.drafts) out.drafts.push(d);
    for (const r of got.rejected) out.rejected.push(r);
    for (const l of got.draftLines) out.draftLines.push(l);
    if (to < parsed.rows.length) {
      await pause();
      if (options.signal?.aborted) return undefined;
    }
  }
  return out;
}

/**
 * Maps a file's rows in order, a chunk at a time (as a streamed read gives them): the repeats
 * of an address are found across chunks, and `errors[].rowIndex` counts rows from the start of
 * the file, as the parser gives them.
 */
export function draftMapper(headers: readonly string[], mapping: ColumnMapping) {
  const resolved = resolveMapping(headers, mapping);
  const firstLineOf = new Map<string, number>();
  let seen = 0;
  return {
    push(chunk: {
      rows: readonly string[][];
      rowLines: readonly number[];
      errors: readonly CsvIssue[];
    }): MapResult {
      const out: MapResult = { drafts: [], rejected: [], draftLines: [] };
      const base = seen;
      seen += chunk.rows.length;
      const issuesOf = new Map<number, CsvIssue[]>();
      for (const e of chunk.errors) {
        if (e.rowIndex === undefined) continue;
        issuesOf.set(e.rowIndex - base, [...(issuesOf.get(e.rowIndex - base) ?? []), e]);
      }
      for (let i = 0; i < chunk.rows.length; i++) {
        const row = chunk.rows[i]!;
        const line = chunk.rowLines[i] ?? base + i + 2;
        const reject = (reason: Msg): void => {
          out.rejected.push({ rowNumber: line, raw: rawRecord(headers, row), ...rowReason(reason) });
        };
        const issues = issuesOf.get(i);
        const issue = issues ? rowRejection(headers, issues, row) : undefined;
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
          reject(msg('csv_reject_duplicate', { line: String(earlier) }));
          continue;
        }
        firstLineOf.set(outcome.draft.email, line);
        out.drafts.push(outcome.draft);
        out.draftLines.push(line);
      }
      return out;
    },
  };
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
    ...rejected.map((r) => ({ rowNumber: r.rowNumber, reason: r.reason, msg: r.msg })),
  ];
  return out.sort((a, b) => a.rowNumber - b.rowNumber);
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
