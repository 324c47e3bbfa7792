/**
 * A CSV file to records without ever holding it whole: the bytes are read and decoded a slice
 * at a time, line breaks normalised as they pass, and each slice goes into papaparse through its
 * documented stream input (any object shaped like a Node readable: `on('data' | 'end')`,
 * `removeListener`, `pause`, `resume`), which carries a record cut at a slice end over to the next
 * slice itself. Between slices the event loop gets a turn, progress is reported and Cancel is
 * checked. Never rejects.
 */
import Papa from 'papaparse';
import { msg } from '@/lib/i18n/msg';
import { decodeWindows1252 } from './decode';
import { csvIssue } from './issue';
import {
  collectChunk,
  defaultYield,
  emptyParsed,
  LineBreakNormaliser,
  looksBinary,
  papaConfig,
  type RawRecords,
  RowAssembler,
  type RowChunk,
  SAMPLE_CHARS,
  sniffDelimiter,
} from './parse';
import type { CsvIssue, ParseCsvChunksOptions, ParsedCsv } from './types';

/** Options for {@link parseCsvBlob}. */
export interface ParseCsvBlobOptions extends Omit<ParseCsvChunksOptions, 'chunkSize'> {
  /** Bytes read and parsed per slice (default 128 KiB). */
  sliceBytes?: number;
  /**
   * Keep only the first rows (the mapping screen's preview); the rest are counted in `rowCount`
   * and read again when imported ({@link streamCsvBlob}), so a big file is never held whole.
   */
  keepRows?: number;
}

/** A blob's text, slice by slice. */
type Decoder = (bytes: Uint8Array, last: boolean) => string;

/** Thrown inside a strict UTF-8 pass when the bytes are not UTF-8: read again as Windows-1252. */
class NotUtf8 extends Error {}

function decoderFor(encoding: string): Decoder {
  if (encoding === 'windows-1252') return (bytes) => decodeWindows1252(bytes);
  const strict = encoding === 'utf-8';
  const td = new TextDecoder(encoding, strict ? { fatal: true } : {});
  return (bytes, last) => {
    try {
      return td.decode(bytes, { stream: !last });
    } catch (err) {
      if (strict) throw new NotUtf8();
      throw err;
    }
  };
}

/** The encoding a byte-order mark names, how many bytes it takes, and whether it is UTF-8's. */
async function sniffBom(blob: Blob): Promise<{ encoding: string; skip: number; hadBom: boolean }> {
  const [b0, b1, b2] = new Uint8Array(await blob.slice(0, 3).arrayBuffer());
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', skip: 3, hadBom: true };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', skip: 2, hadBom: false };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', skip: 2, hadBom: false };
  return { encoding: 'utf-8', skip: 0, hadBom: false };
}

/** Text of `blob` from byte `skip` on, in slices; `done` is the fraction of bytes read. */
async function* textSlices(
  blob: Blob,
  skip: number,
  sliceBytes: number,
  decode: Decoder,
): AsyncGenerator<{ text: string; done: number }> {
  const size = blob.size;
  if (skip >= size) {
    yield { text: decode(new Uint8Array(0), true), done: 1 };
    return;
  }
  for (let pos = skip; pos < size; pos += sliceBytes) {
    const end = Math.min(size, pos + sliceBytes);
    const bytes = new Uint8Array(await blob.slice(pos, end).arrayBuffer());
    yield { text: decode(bytes, end === size), done: end / size };
  }
}

/** A minimal Node-style readable that papaparse's stream input reads; we push the slices. */
function feed() {
  const listeners = new Map<string, ((x?: string) => void)[]>();
  const stream = {
    readable: true,
    read() {},
    pause() {},
    resume() {},
    on(event: string, fn: (x?: string) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), fn]);
      return stream;
    },
    removeListener(event: string, fn: (x?: string) => void) {
      listeners.set(
        event,
        (listeners.get(event) ?? []).filter((f) => f !== fn),
      );
      return stream;
    },
  };
  const emit = (event: string, x?: string) => {
    for (const fn of listeners.get(event) ?? []) fn(x);
  };
  return { stream, write: (text: string) => emit('data', text), end: () => emit('end') };
}

/** How a streamed read ended: the file's shape and its own problems (rows came in chunks). */
export interface CsvStreamEnd {
  headers: string[];
  delimiter: string;
  preambleLines: number;
  hadBom: boolean;
  /** Problems of the file as a whole (empty, not text, no header, footer skipped, no rows). */
  fileErrors: CsvIssue[];
  aborted: boolean;
  /** Data rows read. */
  rowCount: number;
  /** The encoding the file was read in. */
  encoding: string;
}

/** A chunk of data rows, with the header row they belong to and the fraction of bytes read. */
export interface CsvStreamChunk extends RowChunk {
  headers: string[];
  done: number;
}

/** Options for {@link streamCsvBlob}. */
export interface StreamCsvBlobOptions extends ParseCsvBlobOptions {
  /** Read in this encoding (what an earlier pass found), never falling back. */
  encoding?: string;
}

/**
 * One pass over the file in `encoding`, a chunk of rows per slice (nothing is yielded before the
 * header row is found); NotUtf8 escapes it when a strict UTF-8 pass meets a byte that is not.
 * The reader decides the pace: the next slice is read only when the next chunk is asked for.
 */
async function* passChunks(
  blob: Blob,
  bom: { encoding: string; skip: number; hadBom: boolean },
  encoding: string,
  options: ParseCsvBlobOptions,
): AsyncGenerator<CsvStreamChunk, CsvStreamEnd> {
  const { signal } = options;
  const pause = options.yieldToEventLoop ?? defaultYield;
  const slices = textSlices(
    blob,
    bom.skip,
    Math.max(16, options.sliceBytes ?? 128 * 1024),
    decoderFor(encoding),
  );
  const hadBom = bom.hadBom;
  const early = (delimiter: string, fileErrors: CsvIssue[], aborted = false): CsvStreamEnd => ({
    headers: [],
    delimiter,
    preambleLines: 0,
    hadBom,
    fileErrors,
    aborted,
    rowCount: 0,
    encoding,
  });

  // Enough text to sniff the delimiter and check the file is text at all.
  const head: { text: string; done: number }[] = [];
  let sampled = 0;
  let exhausted = false;
  // A file an earlier pass read (its delimiter given) needs no sample: its first slice will do.
  const sampleChars = options.delimiter === undefined ? SAMPLE_CHARS : 1;
  while (sampled < sampleChars) {
    const next = await slices.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    head.push(next.value);
    sampled += next.value.text.length;
  }
  const sample = head.map((h) => h.text).join('');
  if (exhausted && sample.trim() === '') return early(',', [csvIssue('empty-file', msg('csv_empty_file'))]);
  // (With a forced delimiter the sample is one slice: still enough to see binary bytes.)
  if (looksBinary(sample)) return early(',', [csvIssue('not-text', msg('csv_not_text'))]);
  const sepLine = sample.match(/^sep=([^\r\n])\r?\n?/i);
  const delimiter =
    options.delimiter ??
    sepLine?.[1] ??
    sniffDelimiter(sample.slice(0, SAMPLE_CHARS), exhausted && sample.length <= SAMPLE_CHARS);

  const assembler = new RowAssembler();
  const finish = (aborted: boolean, out?: RowChunk): CsvStreamEnd => {
    const last = assembler.end(aborted);
    if (out) {
      out.rows.push(...last.rows);
      out.rowLines.push(...last.rowLines);
      out.errors.push(...last.errors);
    }
    return {
      headers: assembler.headers ?? [],
      delimiter,
      preambleLines: assembler.preambleLines,
      hadBom,
      fileErrors: last.fileErrors,
      aborted,
      rowCount: assembler.rowCount,
      encoding,
    };
  };
  if (signal?.aborted) return finish(true);
  // Records papaparse has read since the last chunk went out (its errors indexed among them).
  let raw: RawRecords = { records: [], errors: [], errorRecords: [] };
  const drain = (): RowChunk => {
    const got = raw;
    raw = { records: [], errors: [], errorRecords: [] };
    const errors = new Map<number, Papa.ParseError>();
    got.errors.forEach((e, i) => {
      const at = got.errorRecords[i]!;
      if (!errors.has(at)) errors.set(at, e);
    });
    return assembler.push(got.records, errors);
  };
  const normaliser = new LineBreakNormaliser(delimiter);
  const { stream, write, end } = feed();
  let complete = false;
  Papa.parse(stream as unknown as File, {
    ...papaConfig(delimiter),
    chunk(results: Papa.ParseResult<string[]>) {
      collectChunk(raw, results);
    },
    complete() {
      complete = true;
    },
  });

  const push = (text: string) => {
    const out = normaliser.push(text);
    // papaparse reads an empty chunk as the end of the stream.
    if (out !== '') write(out);
  };
  for (const h of head) push(h.text);
  let done = head.at(-1)?.done ?? 1;
  for (;;) {
    // Every slice, rows or not: the reader reports progress and checks Cancel between them.
    yield { ...drain(), headers: assembler.headers ?? [], done: Math.min(0.99, done) };
    await pause();
    if (signal?.aborted) return finish(true);
    const next = await slices.next();
    if (next.done) break;
    push(next.value.text);
    done = next.value.done;
  }
  const tail = normaliser.end();
  if (tail !== '') write(tail);
  end();
  if (!complete) return early(delimiter, [csvIssue('not-text', msg('csv_unreadable'))]);
  const last = drain();
  const endState = finish(false, last);
  if (last.rows.length || last.errors.length) yield { ...last, headers: endState.headers, done: 1 };
  return endState;
}

/**
 * The file's data rows a chunk at a time, never holding more than a slice of it: for importing
 * a file an earlier pass ({@link parseCsvBlob}) already checked, in that pass's `encoding` and
 * `delimiter`. Row indexes and lines are the ones that pass gave. Never throws: a problem ends
 * the stream with it in `fileErrors`.
 */
export async function* streamCsvBlob(
  blob: Blob,
  options: StreamCsvBlobOptions = {},
): AsyncGenerator<CsvStreamChunk, CsvStreamEnd> {
  const bom = await sniffBom(blob);
  try {
    return yield* passChunks(blob, bom, options.encoding ?? bom.encoding, options);
  } catch (err) {
    const text =
      err instanceof NotUtf8
        ? msg('csv_unreadable')
        : msg('csv_unreadable_because', {
            error: err instanceof Error ? err.message : String(err),
          });
    return {
      headers: [],
      delimiter: options.delimiter ?? ',',
      preambleLines: 0,
      hadBom: bom.hadBom,
      fileErrors: [csvIssue('not-text', text)],
      aborted: false,
      rowCount: 0,
      encoding: options.encoding ?? bom.encoding,
    };
  }
}

/** One whole pass, collected into a ParsedCsv (the rows past `keepRows` only counted). */
async function parsePass(
  blob: Blob,
  bom: { encoding: string; skip: number; hadBom: boolean },
  encoding: string,
  options: ParseCsvBlobOptions,
): Promise<ParsedCsv> {
  const keep = options.keepRows ?? Number.POSITIVE_INFINITY;
  const rows: string[][] = [];
  const rowLines: number[] = [];
  const errors: CsvIssue[] = [];
  const chunks = passChunks(blob, bom, encoding, options);
  options.onProgress?.(0);
  for (;;) {
    const next = await chunks.next();
    if (next.done) {
      const e = next.value;
      options.onProgress?.(e.aborted ? Math.min(0.99, e.rowCount ? 0.99 : 0) : 1);
      if (!e.headers.length)
        return { ...emptyParsed(e.delimiter, e.hadBom, e.fileErrors), aborted: e.aborted };
      const parsed: ParsedCsv = {
        headers: e.headers,
        rows,
        rowLines,
        delimiter: e.delimiter,
        preambleLines: e.preambleLines,
        hadBom: e.hadBom,
        errors: [...errors, ...e.fileErrors],
        aborted: e.aborted,
      };
      if (options.keepRows !== undefined) {
        parsed.rowCount = e.rowCount;
        parsed.encoding = e.encoding;
      }
      return parsed;
    }
    const c = next.value;
    for (let i = 0; i < c.rows.length && rows.length < keep; i++) {
      rows.push(c.rows[i]!);
      rowLines.push(c.rowLines[i]!);
    }
    for (const e of c.errors) if (e.rowIndex === undefined || e.rowIndex < keep) errors.push(e);
    options.onProgress?.(c.done);
  }
}

/**
 * Parses a CSV file (a File or any Blob) the way {@link parseCsvText} parses its text, reading
 * it a slice at a time. The encoding follows `decodeCsvBytes`: a byte-order mark decides;
 * otherwise strict UTF-8; otherwise Windows-1252, which means reading the file again from the
 * start when a byte that is not UTF-8 turns up.
 */
export async function parseCsvBlob(blob: Blob, options: ParseCsvBlobOptions = {}): Promise<ParsedCsv> {
  const bom = await sniffBom(blob);
  try {
    return await parsePass(blob, bom, bom.encoding, options);
  } catch (err) {
    if (err instanceof NotUtf8) return parsePass(blob, bom, 'windows-1252', options);
    return emptyParsed(',', bom.hadBom, [
      csvIssue(
        'not-text',
        msg('csv_unreadable_because', { error: err instanceof Error ? err.message : String(err) }),
      ),
    ]);
  }
}
