/**
 * CSV export: the activity log and the contact list, written so that Excel, Google Sheets, Numbers
 * and any RFC 4180 reader open them without surprises.
 *
 * Encoding rules shared by every file we write:
 * - UTF-8 with a byte-order mark, because Excel on Windows guesses a legacy code page without it
 *   and mangles every accented name.
 * - CRLF after every record (RFC 4180), including the last.
 * - A field is quoted when it holds a quote, comma, CR or LF, or starts/ends with white space
 *   (some spreadsheet imports trim unquoted fields); quotes inside are doubled.
 * - Cells that a spreadsheet would run as a formula are neutralised, see {@link neutraliseFormula}.
 *
 * Pure: no DOM, no clock. Times are passed in as epoch milliseconds.
 */
import { tzOffset } from '@date-fns/tz';
import type { LeadSource } from '@/lib/cadence/types';

/** One row of the activity export: one entry of the activity log, flattened for a spreadsheet. */
export interface ActivityExportRow {
  /** When it happened, epoch milliseconds. */
  at: number;
  /** The rep's IANA time zone; decides the offset written in the timestamp. */
  timeZone: string;
  contactName: string;
  email: string;
  company: string;
  enrolmentId: string;
  /** Playbook name as the rep sees it. */
  playbook: string;
  /** 1-based step number, or null for entries not tied to a step (enrolled, reply, note ...). */
  step: number | null;
  /** A `Channel` value, or '' when not tied to a channel. */
  channel: string;
  /** A `Purpose` value, or ''. */
  purpose: string;
  /** An `ActivityKind` value. */
  kind: string;
  /** Call outcome, skip reason and the like; '' when none. */
  outcome: string;
  /** Free text: the note, the message subject, the reply snippet. */
  text: string;
}

/** What {@link exportContactsCsv} needs of a contact; `ContactDraft` from ./import fits. */
export interface ContactExportRow {
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  phone: string;
  linkedinUrl?: string;
  timeZone?: string;
  /** A language code ("es", "pt-BR"); our importer reads it back. */
  language?: string;
  leadSource?: LeadSource | string;
  notes?: string;
  custom?: Record<string, string>;
}

/** A value accepted in a CSV cell. `null`/`undefined` become empty cells. */
export type CsvCell = string | number | boolean | null | undefined;

/** Options for {@link toCsvRow}. */
export interface CsvRowOptions {
  /** Prefix formula-looking cells with an apostrophe (default true). Off only for trusted headers. */
  neutralise?: boolean;
}

/** Options for the streaming exporters. */
export interface CsvExportOptions {
  /** Rows per yielded chunk (default 1000). */
  batchSize?: number;
  /** Start with a UTF-8 BOM (default true). */
  bom?: boolean;
}

/** The UTF-8 byte-order mark as a string; the first character of every file we write. */
export const CSV_BOM = '\uFEFF';

/** Record terminator required by RFC 4180. */
export const CSV_EOL = '\r\n';

/** Column titles of the activity export, in order. */
export const ACTIVITY_COLUMNS: readonly string[] = [
  'Date and time',
  'Contact',
  'Email',
  'Company',
  'Enrolment ID',
  'Playbook',
  'Step',
  'Channel',
  'Purpose',
  'Kind',
  'Outcome',
  'Text',
];

/** Column titles of the contact export. They round-trip through our own importer's `suggestMapping`. */
export const CONTACT_COLUMNS: readonly string[] = [
  'First Name',
  'Last Name',
  'Email',
  'Company',
  'Title',
  'Phone',
  'LinkedIn URL',
  'Time Zone',
  'Language',
  'Lead Source',
  'Notes',
];

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * Defuses CSV (formula) injection. A spreadsheet treats a cell starting with `=`, `+`, `-` or `@`
 * as a formula, and a leading tab or carriage return can hide such a prefix from a casual look
 * while some importers strip it and then evaluate the rest. A contact's name or a reply snippet
 * is attacker-controlled text (anyone can fill a web form), so opening our export must never run
 * `=HYPERLINK(...)` or `=cmd|...` style payloads. The OWASP-recommended fix is a leading
 * apostrophe, which spreadsheets show as text and hide. Negative numbers become text too; in this
 * export every column is text anyway, and the value stays readable.
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_TRIGGER.test(cell) ? `'${cell}` : cell;
}

function cellText(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

/** Encodes one field: neutralised (unless told not to), quoted only when needed. */
export function toCsvField(value: CsvCell, options: CsvRowOptions = {}): string {
  let text = cellText(value);
  if (options.neutralise !== false) text = neutraliseFormula(text);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Encodes one record per RFC 4180, terminated by CRLF. */
export function toCsvRow(values: readonly CsvCell[], options: CsvRowOptions = {}): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += toCsvField(values[i], options);
  }
  return line + CSV_EOL;
}

/** The header record of the activity export (CRLF-terminated, no BOM). */
export function activityCsvHeader(): string {
  return toCsvRow(ACTIVITY_COLUMNS, { neutralise: false });
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  if (n >= 0 && n < 10000) return String(n).padStart(4, '0');
  // ISO 8601 expanded years keep the sign; only reachable with absurd timestamps.
  return (n < 0 ? '-' : '+') + String(Math.abs(n)).padStart(6, '0');
}

function rawOffset(ms: number, timeZone: string): number {
  const minutes = tzOffset(timeZone, new Date(ms));
  return Number.isFinite(minutes) ? minutes : 0;
}

const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 900_000;
const offsetCache = new Map<string, number>();

/**
 * UTC offset of `timeZone` at `ms`, memoised: asking Intl costs microseconds and an export asks
 * once per row. A zone's offset changes at most a few times a year and only on a quarter-hour, so
 * a UTC day whose start and end agree keeps one offset all day (two changes inside one day do not
 * occur in the tz database's modern rules); a day with a change is cached per quarter hour.
 */
function offsetMinutes(ms: number, timeZone: string): number {
  const day = Math.floor(ms / DAY_MS);
  const dayKey = `${timeZone}|d${day}`;
  let offset = offsetCache.get(dayKey);
  if (offset !== undefined && !Number.isNaN(offset)) return offset;
  if (offset === undefined) {
    const start = rawOffset(day * DAY_MS, timeZone);
    const end = rawOffset((day + 1) * DAY_MS - 1, timeZone);
    offset = start === end ? start : Number.NaN;
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(dayKey, offset);
    if (!Number.isNaN(offset)) return offset;
  }
  const quarterKey = `${timeZone}|q${Math.floor(ms / QUARTER_HOUR_MS)}`;
  offset = offsetCache.get(quarterKey);
  if (offset === undefined) {
    offset = rawOffset(ms, timeZone);
    offsetCache.set(quarterKey, offset);
  }
  return offset;
}

/**
 * Formats an instant as ISO 8601 local time in `timeZone` with its UTC offset, to the second:
 * `2026-03-03T10:00:00-05:00`. UTC is written `+00:00` rather than `Z` so every row has the same
 * shape. An unknown time zone falls back to UTC rather than failing the whole export.
 * Hand-rolled on top of `tzOffset` because date-fns `format` is several times slower and the
 * export writes 100,000 of these.
 */
export function formatIsoWithOffset(ms: number, timeZone: string): string {
  if (!Number.isFinite(ms)) return '';
  const offset = offsetMinutes(ms, timeZone);
  const local = new Date(ms + offset * 60_000);
  return (
    `${pad4(local.getUTCFullYear())}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}` +
    `T${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}` +
    offsetSuffix(offset)
  );
}

function offsetSuffix(offset: number): string {
  const abs = Math.abs(Math.round(offset));
  return `${offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** Instants a `Date` holds exactly, far inside its ±8.64e15 ms range. */
const SAFE_MS = 8e15;

/**
 * {@link formatIsoWithOffset} for one time zone, for writing many instants: the zone's offset is
 * kept per UTC day and the local date text per local day, in numbers-keyed tables that live as
 * long as the returned function, so a row costs a few lookups and the time of day. Same text as
 * {@link formatIsoWithOffset} for every input; what the tables do not cover (a day with an offset
 * change, fractional minutes or milliseconds, instants near `Date`'s limits) goes through it.
 */
export function isoWithOffsetFormatter(timeZone: string): (ms: number) => string {
  const dayOffset = new Map<number, number>();
  const dayText = new Map<number, string>();
  const suffixes = new Map<number, string>();
  return (ms) => {
    if (!Number.isInteger(ms) || ms > SAFE_MS || ms < -SAFE_MS) return formatIsoWithOffset(ms, timeZone);
    const day = Math.floor(ms / DAY_MS);
    let offset = dayOffset.get(day);
    if (offset === undefined) {
      const start = rawOffset(day * DAY_MS, timeZone);
      offset = start === rawOffset((day + 1) * DAY_MS - 1, timeZone) ? start : Number.NaN;
      dayOffset.set(day, offset);
    }
    if (!Number.isInteger(offset)) return formatIsoWithOffset(ms, timeZone);
    const local = ms + offset * 60_000;
    const localDay = Math.floor(local / DAY_MS);
    let date = dayText.get(localDay);
    if (date === undefined) {
      const d = new Date(localDay * DAY_MS);
      date = `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T`;
      dayText.set(localDay, date);
    }
    let suffix = suffixes.get(offset);
    if (suffix === undefined) {
      suffix = offsetSuffix(offset);
      suffixes.set(offset, suffix);
    }
    const seconds = Math.floor((local - localDay * DAY_MS) / 1000);
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    return `${date}${pad2(h)}:${pad2(m)}:${pad2(seconds % 60)}${suffix}`;
  };
}

/** One activity as a CSV record (CRLF-terminated). */
export function activityToCsvRow(row: ActivityExportRow): string {
  return toCsvRow([
    formatIsoWithOffset(row.at, row.timeZone),
    row.contactName,
    row.email,
    row.company,
    row.enrolmentId,
    row.playbook,
    row.step,
    row.channel,
    row.purpose,
    row.kind,
    row.outcome,
    row.text,
  ]);
}

function isAsyncIterable<T>(value: Iterable<T> | AsyncIterable<T>): value is AsyncIterable<T> {
  return typeof (value as AsyncIterable<T>)[Symbol.asyncIterator] === 'function';
}

/**
 * Streams the activity export as string chunks: the first chunk is the BOM and the header, then
 * one chunk per `batchSize` rows. The caller writes each chunk (to a Blob part, a file stream)
 * and may yield to the event loop between chunks, so 100,000 rows never freeze a page.
 * Sync iterables are walked without an `await` per row, which keeps large exports fast.
 */
export async function* exportActivitiesCsv(
  rows: Iterable<ActivityExportRow> | AsyncIterable<ActivityExportRow>,
  options: CsvExportOptions = {},
): AsyncGenerator<string, void, undefined> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
  yield (options.bom === false ? '' : CSV_BOM) + activityCsvHeader();
  // Collect a batch in an array and join once: repeated `+=` builds deep ropes that are slow to flatten.
  let batch: string[] = [];
  if (isAsyncIterable(rows)) {
    for await (const row of rows) {
      batch.push(activityToCsvRow(row));
      if (batch.length === batchSize) {
        yield batch.join('');
        batch = [];
      }
    }
  } else {
    for (const row of rows) {
      batch.push(activityToCsvRow(row));
      if (batch.length === batchSize) {
        yield batch.join('');
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch.join('');
}

/**
 * Like {@link exportActivitiesCsv} for rows that arrive a page at a time (the database export
 * reads pages): one chunk per page, and no `await` per row, which a 100,000-row export notices.
 */
export async function* exportActivityPagesCsv(
  pages: AsyncIterable<readonly ActivityExportRow[]>,
  options: Pick<CsvExportOptions, 'bom'> = {},
): AsyncGenerator<string, void, undefined> {
  yield (options.bom === false ? '' : CSV_BOM) + activityCsvHeader();
  for await (const page of pages) {
    const lines: string[] = new Array(page.length);
    for (let i = 0; i < page.length; i++) lines[i] = activityToCsvRow(page[i]!);
    yield lines.join('');
  }
}

/** Collects every chunk of an async string generator; handy for small exports and tests. */
export async function collectCsv(chunks: AsyncIterable<string>): Promise<string> {
  const parts: string[] = [];
  for await (const part of chunks) parts.push(part);
  return parts.join('');
}

/**
 * The contact list as one CSV string (BOM, header, CRLF records). Custom fields become extra
 * columns after the standard ones, in order of first appearance. Contact lists are small enough
 * (tens of thousands at most) to build in one go.
 */
export function exportContactsCsv(
  contacts: Iterable<ContactExportRow>,
  options: { bom?: boolean } = {},
): string {
  const list = Array.from(contacts);
  const customKeys: string[] = [];
  const seen = new Set<string>();
  for (const contact of list) {
    for (const key of Object.keys(contact.custom ?? {})) {
      if (!seen.has(key)) {
        seen.add(key);
        customKeys.push(key);
      }
    }
  }
  const parts: string[] = [
    (options.bom === false ? '' : CSV_BOM) + toCsvRow([...CONTACT_COLUMNS, ...customKeys]),
  ];
  for (const c of list) {
    const custom = c.custom ?? {};
    parts.push(
      toCsvRow([
        c.firstName,
        c.lastName,
        c.email,
        c.company,
        c.title,
        c.phone,
        c.linkedinUrl,
        c.timeZone,
        c.language,
        c.leadSource,
        c.notes,
        ...customKeys.map((key) => custom[key]),
      ]),
    );
  }
  return parts.join('');
}
