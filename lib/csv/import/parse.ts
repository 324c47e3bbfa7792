/**
 * CSV text to records: delimiter sniffing, header-row search past preambles, report footers,
 * line numbers, and problems in words a rep understands. Never throws.
 */
import Papa from 'papaparse';
import { CSV_BOM } from '../export';
import { KNOWN_HEADER_KEYS, looseKey } from './headers';
import { msg } from '@/lib/i18n/msg';
import { csvIssue } from './issue';
import type { CsvIssue, ParseCsvChunksOptions, ParseCsvOptions, ParsedCsv } from './types';

const DELIMITERS = [',', ';', '\t', '|'] as const;
export const SAMPLE_CHARS = 64 * 1024;
const HEADER_SEARCH_ROWS = 30;

export interface RawRecords {
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
 * only at the start of a field, as RFC 4180 and papaparse read it. Streaming: text goes in by
 * pieces cut anywhere (a CRLF or a doubled quote may straddle two pieces), and `end()` flushes.
 */
export class LineBreakNormaliser {
  private readonly d: number;
  private inQuotes = false;
  private fieldStart = true;
  /** Inside quotes, the last piece ended on a quote: closing, or the first of a doubled one. */
  private quotePending = false;
  /** The last piece ended on a CR (already written as LF): a leading LF belongs to it. */
  private crPending = false;

  constructor(delimiter: string) {
    this.d = delimiter.charCodeAt(0);
  }

  push(text: string): string {
    // `skip`: a leading LF that ends a CRLF already written; `scanFrom`: where the state goes on.
    let skip = 0;
    if (this.crPending) {
      this.crPending = false;
      if (text.charCodeAt(0) === 10) skip = 1;
    }
    let scanFrom = skip;
    if (this.quotePending && scanFrom < text.length) {
      this.quotePending = false;
      if (text.charCodeAt(scanFrom) === 34) scanFrom++;
      else this.inQuotes = false;
    }
    const rewrite = text.indexOf('\r', scanFrom) !== -1;
    const out = this.scan(text, skip, scanFrom, rewrite);
    if (rewrite) return out;
    return skip === 0 ? text : text.slice(skip);
  }

  /** Nothing is held back between pieces (a pending CR was already written), so nothing to flush. */
  end(): string {
    return '';
  }

  private scan(text: string, outFrom: number, scanFrom: number, rewrite: boolean): string {
    const d = this.d;
    let out = '';
    let from = outFrom;
    let { inQuotes, fieldStart } = this;
    for (let i = scanFrom; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inQuotes) {
        if (c === 34) {
          if (i + 1 === text.length) this.quotePending = true;
          else if (text.charCodeAt(i + 1) === 34) i++;
          else inQuotes = false;
        }
        continue;
      }
      if (c === 34 && fieldStart) {
        inQuotes = true;
        fieldStart = false;
      } else if (c === 13) {
        if (rewrite) out += `${text.slice(from, i)}\n`;
        if (i + 1 === text.length) this.crPending = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
        from = i + 1;
        fieldStart = true;
      } else {
        fieldStart = c === 10 || c === d;
      }
    }
    this.inQuotes = inQuotes;
    this.fieldStart = fieldStart;
    return rewrite ? out + text.slice(from) : '';
  }
}

function normaliseLineBreaks(text: string, delimiter: string): string {
  if (text.indexOf('\r') === -1) return text;
  const n = new LineBreakNormaliser(delimiter);
  return n.push(text) + n.end();
}

/** papaparse's settings for our records: line breaks are normalised to LF beforehand. */
export function papaConfig(delimiter: string) {
  return { delimiter, newline: '\n', quoteChar: '"', escapeChar: '"' } as const;
}

/** Parses a small sample (for sniffing); the last, possibly cut, record is dropped. */
function sampleRecords(sample: string, delimiter: string, isWholeText: boolean): string[][] {
  const result = Papa.parse<string[]>(sample, papaConfig(delimiter));
  if (!isWholeText) result.data.pop();
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

export function sniffDelimiter(text: string, isWhole = text.length <= SAMPLE_CHARS): string {
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
export function looksBinary(text: string): boolean {
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

export function emptyParsed(delimiter: string, hadBom: boolean, errors: CsvIssue[]): ParsedCsv {
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
      early: emptyParsed(',', hadBom, [csvIssue('empty-file', msg('csv_empty_file'))]),
    };
  }
  if (looksBinary(text)) {
    const early = emptyParsed(',', hadBom, [csvIssue('not-text', msg('csv_not_text'))]);
    return { text, delimiter: ',', hadBom, early };
  }
  // Excel writes a `sep=;` line to name the delimiter; it is then skipped as preamble.
  const sepLine = text.match(/^sep=([^\r\n])\r?\n?/i);
  const delimiter = options.delimiter ?? sepLine?.[1] ?? sniffDelimiter(text);
  return { text: normaliseLineBreaks(text, delimiter), delimiter, hadBom };
}

/** Records per step of {@link assembleAsync}: a few milliseconds of work. */
const ASSEMBLE_SLICE = 2000;

/** Records held before the header row is looked for (it is among the first 30). */
const HEADER_BUFFER = 256;

/** Data rows of a file as they are read: each with its line, and the problems found in them. */
export interface RowChunk {
  rows: string[][];
  /** 1-based line in the file where each row starts (parallel to `rows`). */
  rowLines: number[];
  /** Problems of these rows; `rowIndex` counts rows from the start of the file. */
  errors: CsvIssue[];
}

/**
 * Records to data rows, in order, as they come: the header row (searched among the first
 * records), line numbers, report footers, and each row's problems. Holds nothing but the first
 * records until the header is found, so a file read a slice at a time never needs to be whole.
 */
export class RowAssembler {
  headers: string[] | undefined;
  preambleLines = 0;
  /** Data rows so far. */
  rowCount = 0;
  private held: { record: string[]; error?: Papa.ParseError }[] = [];
  private line = 1;
  private sawBlank = false;
  private trailerStart = -1;
  private noHeader = false;

  /**
   * Adds the next records (`errors[i]`: the first parse error of `records[i]`, if any) and
   * answers the data rows among them.
   */
  push(records: readonly string[][], errors?: ReadonlyMap<number, Papa.ParseError>): RowChunk {
    const out: RowChunk = { rows: [], rowLines: [], errors: [] };
    if (this.noHeader) return out;
    if (this.headers === undefined) {
      records.forEach((record, i) => {
        this.held.push({ record, error: errors?.get(i) });
      });
      if (this.held.length >= HEADER_BUFFER) this.findHeader(out);
      return out;
    }
    records.forEach((record, i) => {
      this.add(record, errors?.get(i), out);
    });
    return out;
  }

  /** No more records: the rows still held, and the file's own problems. */
  end(aborted: boolean): RowChunk & { fileErrors: CsvIssue[] } {
    const out: RowChunk = { rows: [], rowLines: [], errors: [] };
    if (this.headers === undefined && !this.noHeader) this.findHeader(out);
    const fileErrors: CsvIssue[] = [];
    if (this.noHeader) {
      fileErrors.push(csvIssue('no-header', msg('csv_no_header')));
      return { ...out, fileErrors };
    }
    if (this.trailerStart !== -1) {
      fileErrors.push(
        csvIssue('trailer-skipped', msg('csv_trailer_skipped', { line: String(this.trailerStart) }), {
          line: this.trailerStart,
        }),
      );
    }
    if (this.rowCount === 0 && !aborted) fileErrors.push(csvIssue('no-data-rows', msg('csv_no_data_rows')));
    return { ...out, fileErrors };
  }

  private findHeader(out: RowChunk): void {
    const held = this.held;
    this.held = [];
    const { index } = findHeaderRow(held.map((h) => h.record));
    if (index < 0) {
      this.noHeader = true;
      return;
    }
    for (let i = 0; i < index; i++) this.line += recordLineSpan(held[i]!.record);
    this.preambleLines = this.line - 1;
    const headerRecord = held[index]!.record;
    this.headers = uniqueHeaders(headerRecord);
    this.line += recordLineSpan(headerRecord);
    for (let i = index + 1; i < held.length; i++) this.add(held[i]!.record, held[i]!.error, out);
  }

  private add(record: string[], parseError: Papa.ParseError | undefined, out: RowChunk): void {
    const headers = this.headers!;
    const start = this.line;
    this.line += recordLineSpan(record);
    if (isBlankRecord(record)) {
      this.sawBlank = true;
      return;
    }
    // Report exports end with a blank line and one-cell lines (company, copyright, "Generated By").
    if (
      this.sawBlank &&
      headers.length >= 3 &&
      record.filter((c) => c.trim() !== '').length === 1 &&
      record.length <= 2
    ) {
      if (this.trailerStart === -1) this.trailerStart = start;
      return;
    }
    const rowIndex = this.rowCount++;
    out.rows.push(record);
    out.rowLines.push(start);
    const errors = out.errors;
    if (parseError?.code === 'MissingQuotes') {
      errors.push(
        csvIssue('unterminated-quote', msg('csv_unclosed_quote', { line: String(start) }), {
          line: start,
          rowIndex,
        }),
      );
    } else if (parseError?.code === 'InvalidQuotes') {
      errors.push(
        csvIssue('malformed-quote', msg('csv_stray_quote', { line: String(start) }), {
          line: start,
          rowIndex,
        }),
      );
    }
    if (record.length > headers.length && record.slice(headers.length).some((c) => c.trim() !== '')) {
      errors.push(
        csvIssue(
          'too-many-fields',
          msg('csv_too_many_fields', {
            line: String(start),
            values: String(record.length),
            columns: String(headers.length),
          }),
          { line: start, rowIndex },
        ),
      );
    } else if (record.length < headers.length) {
      errors.push(
        csvIssue(
          'too-few-fields',
          msg('csv_too_few_fields', {
            line: String(start),
            values: String(record.length),
            columns: String(headers.length),
          }),
          { line: start, rowIndex },
        ),
      );
    }
  }
}

/** The first parse error of each record, by index into `raw.records`. */
function errorsByRecord(raw: RawRecords, from: number, to: number): Map<number, Papa.ParseError> {
  const out = new Map<number, Papa.ParseError>();
  raw.errors.forEach((e, i) => {
    const at = raw.errorRecords[i];
    if (at !== undefined && at >= from && at < to && !out.has(at - from)) out.set(at - from, e);
  });
  return out;
}

/**
 * Turns all records into a ParsedCsv: header row, data rows with line numbers, issues. A
 * generator that stops every ASSEMBLE_SLICE records, so a big file is assembled between turns of
 * the event loop ({@link assembleAsync}) while small ones run straight through ({@link assemble}).
 */
function* assembleSteps(
  prepared: Pick<Prepared, 'delimiter' | 'hadBom'>,
  raw: RawRecords,
  aborted: boolean,
): Generator<void, ParsedCsv> {
  const assembler = new RowAssembler();
  const rows: string[][] = [];
  const rowLines: number[] = [];
  const errors: CsvIssue[] = [];
  const take = (c: RowChunk) => {
    for (const r of c.rows) rows.push(r);
    for (const l of c.rowLines) rowLines.push(l);
    for (const e of c.errors) errors.push(e);
  };
  for (let from = 0; from < raw.records.length; from += ASSEMBLE_SLICE) {
    if (from > 0) yield;
    const to = Math.min(raw.records.length, from + ASSEMBLE_SLICE);
    take(assembler.push(raw.records.slice(from, to), errorsByRecord(raw, from, to)));
  }
  const last = assembler.end(aborted);
  take(last);
  if (assembler.headers === undefined) {
    return { ...emptyParsed(prepared.delimiter, prepared.hadBom, last.fileErrors), aborted };
  }
  return {
    headers: assembler.headers,
    rows,
    rowLines,
    delimiter: prepared.delimiter,
    preambleLines: assembler.preambleLines,
    hadBom: prepared.hadBom,
    errors: [...errors, ...last.fileErrors],
    aborted,
  };
}

function assemble(
  prepared: Pick<Prepared, 'delimiter' | 'hadBom'>,
  raw: RawRecords,
  aborted: boolean,
): ParsedCsv {
  const steps = assembleSteps(prepared, raw, aborted);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** {@link assemble} with a turn of the event loop (`pause`) every few thousand records. */
export async function assembleAsync(
  prepared: Pick<Prepared, 'delimiter' | 'hadBom'>,
  raw: RawRecords,
  aborted: boolean,
  pause: () => Promise<void>,
): Promise<ParsedCsv> {
  const steps = assembleSteps(prepared, raw, aborted);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

/** Adds one papaparse chunk's records and errors to `raw`. */
export function collectChunk(raw: RawRecords, results: Papa.ParseResult<string[]>): void {
  const base = raw.records.length;
  for (const record of results.data) raw.records.push(record);
  for (const error of results.errors) {
    // An error in a record cut at the slice end lands on the index that record gets when it is
    // read again whole; the first error per record is the one reported.
    raw.errors.push(error);
    raw.errorRecords.push(base + (typeof error.row === 'number' ? error.row : results.data.length - 1));
  }
}

/**
 * Streams the text through papaparse's public `chunk` API: papaparse carries a record cut at a
 * slice boundary over to the next slice itself. `between` runs after each slice with the fraction
 * read; it may pause (the parser waits) and answers false to stop early. Resolves with true when
 * the whole text was read.
 */
function readRecords(
  text: string,
  delimiter: string,
  chunkSize: number,
  raw: RawRecords,
  between?: (fraction: number) => Promise<boolean> | boolean,
): Promise<boolean> {
  return new Promise((resolve) => {
    let stopped = false;
    Papa.parse<string[]>(text, {
      ...papaConfig(delimiter),
      chunkSize,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        collectChunk(raw, results);
        if (!between) return;
        const fraction = Math.min(1, results.meta.cursor / Math.max(1, text.length));
        const go = between(fraction);
        if (go === true) return;
        if (go === false) {
          stopped = true;
          parser.abort();
          return;
        }
        parser.pause();
        void go.then((more) => {
          if (more) parser.resume();
          else {
            stopped = true;
            parser.abort();
          }
        });
      },
      complete() {
        resolve(!stopped);
      },
    });
  });
}

/**
 * Parses CSV text in one go: strips a UTF-8 BOM, accepts CRLF, LF or CR (even mixed), quoted
 * line breaks, `,` `;` tab or `|` delimiters (sniffed), skips preamble lines before the header
 * row (found by its content) and report footers. Never throws; problems are in `errors`.
 */
export function parseCsvText(text: string, options: ParseCsvOptions = {}): ParsedCsv {
  const prepared = prepare(text, options);
  if (prepared.early) return prepared.early;
  const result = Papa.parse<string[]>(prepared.text, papaConfig(prepared.delimiter));
  const raw: RawRecords = { records: result.data, errors: [], errorRecords: [] };
  for (const error of result.errors) {
    raw.errors.push(error);
    raw.errorRecords.push(typeof error.row === 'number' ? error.row : result.data.length - 1);
  }
  return assemble(prepared, raw, false);
}

export function defaultYield(): Promise<void> {
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
  if (options.signal?.aborted) return assemble(prepared, raw, true);
  const whole = await readRecords(prepared.text, prepared.delimiter, chunkSize, raw, async (fraction) => {
    options.onProgress?.(fraction);
    if (fraction >= 1) return true;
    await pause();
    return options.signal?.aborted !== true;
  });
  const parsed = await assembleAsync(prepared, raw, !whole, pause);
  if (whole) options.onProgress?.(1);
  return parsed;
}
