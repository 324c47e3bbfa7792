/**
 * Reads for the activity list and the CSV exports. The activity log can hold 100,000 rows, so
 * the export reads it in pages (short read transactions, a few in flight at once) and encodes each
 * page as it arrives ({@link activityCsvParts}); {@link activityExportPages} gives the same rows
 * as objects, a page at a time, for the streaming CSV writer.
 */
import type { Table } from 'dexie';
import type { Channel } from '@/lib/cadence/types';
import {
  type ActivityExportRow,
  activityCsvHeader,
  CSV_BOM,
  CSV_EOL,
  type ContactExportRow,
  isoWithOffsetFormatter,
  toCsvField,
} from '@/lib/csv/export';
import { displayName } from './contacts';
import type { ActivityRow, ContactRow, EnrolmentRow, TouchbaseDb } from './schema';

/** What the activity list and export are narrowed to; every field optional. */
export interface ActivityFilter {
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, inclusive. */
  to?: number;
  /** Words that must all appear in the contact's name, email or company. */
  contact?: string;
  playbookId?: string;
  channel?: Channel;
}

/** Lookup tables the filter and the export rows need, loaded once per run. */
export interface ActivityContext {
  contacts: Map<number, ContactRow>;
  enrolments: Map<number, EnrolmentRow>;
}

/**
 * Rows per read of {@link loadActivityContext}: each read's rows are taken in (deserialised) in
 * one task of the page, and 10,000 contacts at once held it for about 100 ms.
 */
const CONTEXT_PAGE = 2000;

/** Every row of `table` by primary key, {@link CONTEXT_PAGE} at a time, into a map by id. */
async function pagedById<T extends { id: number }, I>(table: Table<T, number, I>): Promise<Map<number, T>> {
  const out = new Map<number, T>();
  for (let after = Number.NEGATIVE_INFINITY; ; ) {
    const page = await table.where(':id').above(after).limit(CONTEXT_PAGE).toArray();
    for (const row of page) out.set(row.id, row);
    if (page.length < CONTEXT_PAGE) return out;
    after = page[page.length - 1]!.id;
  }
}

/** Every contact and sequence, in one read transaction (one consistent copy), a page at a time. */
export async function loadActivityContext(db: TouchbaseDb): Promise<ActivityContext> {
  return db.transaction('r', db.contacts, db.enrolments, async () => {
    const [contacts, enrolments] = await Promise.all([pagedById(db.contacts), pagedById(db.enrolments)]);
    return { contacts, enrolments };
  });
}

/** A predicate for `filter`, with the contact search resolved against `ctx` once. */
export function activityMatcher(filter: ActivityFilter, ctx: ActivityContext): (a: ActivityRow) => boolean {
  const words = (filter.contact ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  let contactIds: Set<number> | undefined;
  if (words.length) {
    contactIds = new Set();
    for (const c of ctx.contacts.values()) {
      const hay = `${displayName(c)}\n${c.email}\n${c.company}`.toLowerCase();
      if (words.every((w) => hay.includes(w))) contactIds.add(c.id);
    }
  }
  return (a) => {
    if (contactIds && (a.contactId === undefined || !contactIds.has(a.contactId))) return false;
    if (filter.channel && a.channel !== filter.channel) return false;
    if (filter.playbookId) {
      const e = a.enrolmentId === undefined ? undefined : ctx.enrolments.get(a.enrolmentId);
      if (e?.playbookId !== filter.playbookId) return false;
    }
    return true;
  };
}

function range(filter: ActivityFilter): [number, number] {
  return [filter.from ?? -Infinity, filter.to ?? Infinity];
}

/** The newest activities matching `filter`, newest first, at most `limit`. */
export async function recentActivities(
  db: TouchbaseDb,
  filter: ActivityFilter,
  ctx: ActivityContext,
  limit = 200,
): Promise<ActivityRow[]> {
  const [from, to] = range(filter);
  const match = activityMatcher(filter, ctx);
  return db.activities
    .where('at')
    .between(from, to, true, true)
    .reverse()
    .filter(match)
    .limit(limit)
    .toArray();
}

/** The fields {@link toExportRow} and {@link activityLineWriter} share, so both write the same file. */
function contactOf(a: ActivityRow, ctx: ActivityContext): ContactRow | undefined {
  return a.contactId === undefined ? undefined : ctx.contacts.get(a.contactId);
}
function contactName(c: ContactRow | undefined): string {
  return c ? `${c.firstName} ${c.lastName}`.trim() : '';
}
function enrolmentIdCell(a: ActivityRow): string {
  return a.enrolmentId === undefined ? '' : String(a.enrolmentId);
}
function playbookOf(a: ActivityRow, ctx: ActivityContext): string {
  const e = a.enrolmentId === undefined ? undefined : ctx.enrolments.get(a.enrolmentId);
  return e?.playbookName ?? '';
}
function stepCell(a: ActivityRow): number | null {
  return a.step === undefined || a.step === 0 ? null : a.step;
}

/** Flattens one activity for the CSV writer. */
export function toExportRow(a: ActivityRow, ctx: ActivityContext, timeZone: string): ActivityExportRow {
  const c = contactOf(a, ctx);
  return {
    at: a.at,
    timeZone,
    contactName: contactName(c),
    email: c?.email ?? '',
    company: c?.company ?? '',
    enrolmentId: enrolmentIdCell(a),
    playbook: playbookOf(a, ctx),
    step: stepCell(a),
    channel: a.channel ?? '',
    purpose: a.purpose ?? '',
    kind: a.kind,
    outcome: a.outcome ?? '',
    text: a.text ?? '',
  };
}

/** Options of {@link activityExportPages}. */
export interface ActivityExportOptions {
  timeZone: string;
  /** Rows per read and per yielded page (default 2000). */
  pageSize?: number;
  /** Lookup tables already loaded; read here otherwise. */
  ctx?: ActivityContext;
  /** Runs between pages: pass a zero-delay timer to let the page repaint during big exports. */
  pause?: () => Promise<void>;
}

/**
 * Every activity matching `filter`, oldest first (ties by id), a page of up to `pageSize` rows at
 * a time.
 *
 * With no date range the log is read in primary-key order, a page per short read transaction,
 * and sorted by time in memory. Walking the `at` index instead makes IndexedDB fetch each row by
 * its key in time order, which costs two to four times the plain read when rows were not written
 * in time order (an imported or synced history; the volume bench seeds it that way), while
 * sorting 100,000 rows takes milliseconds. The rows are held until sorted (about as much memory
 * as the file's own text, which the download holds whole anyway).
 *
 * With a date range the `at` index answers: a week out of a year's log reads only that week.
 */
export async function* activityExportPages(
  db: TouchbaseDb,
  filter: ActivityFilter,
  opts: ActivityExportOptions,
): AsyncGenerator<ActivityExportRow[], void, undefined> {
  const pageSize = Math.max(1, opts.pageSize ?? 2000);
  if (filter.from === undefined && filter.to === undefined) {
    yield* scannedPages(db, filter, opts, pageSize);
    return;
  }
  const ctx = opts.ctx ?? (await loadActivityContext(db));
  const match = activityMatcher(filter, ctx);
  let first = true;
  for await (const page of rangedRowPages(db, filter, pageSize)) {
    if (!first && opts.pause) await opts.pause();
    first = false;
    const out: ActivityExportRow[] = [];
    for (const a of page) if (match(a)) out.push(toExportRow(a, ctx, opts.timeZone));
    if (out.length) yield out;
  }
}

/** The activities in `filter`'s date range through the `at` index, oldest first, a page at a time. */
async function* rangedRowPages(
  db: TouchbaseDb,
  filter: ActivityFilter,
  pageSize: number,
): AsyncGenerator<ActivityRow[], void, undefined> {
  const [from, to] = range(filter);
  let lower = from;
  let includeLower = true;
  // Keyset on the `at` index: each page is a plain key-range read with a limit, which IndexedDB
  // answers in one request (a filtered read would walk a cursor, one request per row); the rows
  // that share the page's last instant are then read by that instant, so the next page starts
  // strictly after it and no row is read twice or skipped (ties are ordered by id in the index).
  for (;;) {
    const page = await db.activities
      .where('at')
      .between(lower, to, includeLower, true)
      .limit(pageSize)
      .toArray();
    if (!page.length) return;
    const last = page[page.length - 1]!;
    const full = page.length === pageSize;
    if (full) {
      for (const a of await db.activities.where('at').equals(last.at).toArray())
        if (a.id > last.id) page.push(a);
    }
    yield page;
    if (!full) return;
    lower = last.at;
    includeLower = false;
  }
}

/**
 * The positions of the times `at` (of rows read in id order) sorted by time, ties kept in id order; undefined when
 * they already are, as a log written as things happen mostly is. Sorted as numbers in typed
 * arrays: comparing the row objects themselves costs several times more at 100,000 rows.
 */
function timeOrder(at: Float64Array): Uint32Array | undefined {
  const n = at.length;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (at[i]! < at[i - 1]!) sorted = false;
  if (sorted) return undefined;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((i, j) => at[i]! - at[j]! || i - j);
}

/** The whole log by primary key, sorted by time; see {@link activityExportPages}. */
async function* scannedPages(
  db: TouchbaseDb,
  filter: ActivityFilter,
  opts: ActivityExportOptions,
  pageSize: number,
): AsyncGenerator<ActivityExportRow[], void, undefined> {
  const readPage = (after: number) => db.activities.where(':id').above(after).limit(pageSize).toArray();
  // The lookups and the first page are read side by side.
  const [ctx, first] = await Promise.all([
    opts.ctx ?? loadActivityContext(db),
    readPage(Number.NEGATIVE_INFINITY),
  ]);
  const match = activityMatcher(filter, ctx);
  const kept: ActivityRow[] = [];
  for (let page = first; ; ) {
    // Only what the `at` index holds: a row whose `at` is not a number is in no time range.
    for (const a of page) if (typeof a.at === 'number' && !Number.isNaN(a.at) && match(a)) kept.push(a);
    if (page.length < pageSize) break;
    if (opts.pause) await opts.pause();
    page = await readPage(page[page.length - 1]!.id);
  }
  // Rows arrive in id order, so ties on an instant stay ordered by id, as in the index.
  const order = timeOrder(Float64Array.from(kept, (a) => a.at));
  for (let i = 0; i < kept.length; i += pageSize) {
    if (i > 0 && opts.pause) await opts.pause();
    const out: ActivityExportRow[] = [];
    for (let j = i; j < Math.min(kept.length, i + pageSize); j++)
      out.push(toExportRow(kept[order ? order[j]! : j]!, ctx, opts.timeZone));
    yield out;
  }
}

/** {@link activityExportPages} one row at a time. */
export async function* activityExportRows(
  db: TouchbaseDb,
  filter: ActivityFilter,
  opts: ActivityExportOptions,
): AsyncGenerator<ActivityExportRow, void, undefined> {
  for await (const page of activityExportPages(db, filter, opts)) yield* page;
}

/**
 * One activity as its CSV record, the same text as `activityToCsvRow(toExportRow(a, ctx, zone))`
 * without the intermediate object: the cells a contact or an enrolment repeats on each of its
 * rows (name, email, company; enrolment id, playbook) are encoded once per contact and per
 * enrolment, and the few distinct channels, purposes, kinds and steps once each. At 100,000 rows
 * the row objects and twelve-cell arrays were a third of the export's CPU and most of its GC.
 */
export function activityLineWriter(ctx: ActivityContext, timeZone: string): (a: ActivityRow) => string {
  const contactCells = new Map<unknown, string>();
  const enrolmentCells = new Map<unknown, string>();
  const small = new Map<unknown, string>();
  const smallCell = (value: unknown): string => {
    let cell = small.get(value);
    if (cell === undefined) {
      cell = toCsvField(value as string | number | null);
      // Free text can reach these columns from a synced row; the cache stays small regardless.
      if (small.size < 512) small.set(value, cell);
    }
    return cell;
  };
  const when = isoWithOffsetFormatter(timeZone);
  const textCell = (value: string | undefined): string =>
    value === undefined || value === '' ? '' : toCsvField(value);
  return (a) => {
    let people = contactCells.get(a.contactId);
    if (people === undefined) {
      const c = contactOf(a, ctx);
      people = `${toCsvField(contactName(c))},${toCsvField(c?.email ?? '')},${toCsvField(c?.company ?? '')}`;
      contactCells.set(a.contactId, people);
    }
    let sequence = enrolmentCells.get(a.enrolmentId);
    if (sequence === undefined) {
      sequence = `${toCsvField(enrolmentIdCell(a))},${toCsvField(playbookOf(a, ctx))}`;
      enrolmentCells.set(a.enrolmentId, sequence);
    }
    const time = when(a.at);
    // A formatted instant that starts with a digit holds no comma, quote or space: nothing to encode.
    const timeCell = time.charCodeAt(0) - 48 < 10 && time.charCodeAt(0) >= 48 ? time : toCsvField(time);
    return `${timeCell},${people},${sequence},${smallCell(stepCell(a))},${smallCell(a.channel ?? '')},${smallCell(a.purpose ?? '')},${smallCell(a.kind)},${textCell(a.outcome)},${textCell(a.text)}${CSV_EOL}`;
  };
}

/** Options of {@link activityCsvParts}. */
export interface ActivityCsvOptions {
  timeZone: string;
  /** Rows per read and per part of the file (default 5000). */
  pageSize?: number;
  /** Lookup tables already loaded; read here otherwise. */
  ctx?: ActivityContext;
  /** Told how many records are written so far, after each page read. */
  onRows?: (rows: number) => void;
  /** Runs between the parts of the closing merge (default {@link nextTask}). */
  pause?: () => Promise<void>;
}

/** Range reads in flight at once: enough to keep IndexedDB reading while this thread encodes. */
const READS_AHEAD = 3;
/** At most this many id ranges, however sparse the ids. */
const MAX_RANGES = 256;

/**
 * Lets the page paint and take input before going on: `scheduler.yield()` where the browser has
 * it (the rest of the work keeps its place ahead of other tasks), a zero-delay timer elsewhere.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A page's records in time order (ties in the page's own, id, order) as one flat string, with
 * each record's time and where it ends: 100,000 separate record strings (each a tree of the
 * pieces it was built from) kept until the end cost more in garbage collection than encoding them.
 */
interface Block {
  text: string;
  at: Float64Array;
  end: Uint32Array;
}

function encodeBlock(rows: readonly ActivityRow[], line: (a: ActivityRow) => string): Block {
  const n = rows.length;
  const at = Float64Array.from(rows, (a) => a.at);
  const order = timeOrder(at);
  const sortedAt = order ? Float64Array.from(order, (i) => at[i]!) : at;
  const end = new Uint32Array(n);
  const records: string[] = new Array(n);
  let length = 0;
  for (let j = 0; j < n; j++) {
    const record = line(rows[order ? order[j]! : j]!);
    length += record.length;
    end[j] = length;
    records[j] = record;
  }
  return { text: records.join(''), at: sortedAt, end };
}

/**
 * Merges blocks, each in time order and all in id order, into the file's parts, oldest first,
 * ties kept in id order (the earlier block first), `size` records a part. Each part is made a
 * Blob at once and the merge pauses between parts: sorting, cutting and UTF-8 encoding a
 * 100,000-row file at the end in one go held the page for 140-160 ms.
 */
async function mergedParts(
  blocks: readonly Block[],
  size: number,
  pause: () => Promise<void>,
): Promise<Blob[]> {
  const pos = new Uint32Array(blocks.length);
  // A binary heap of block numbers, by their next record's time, then by block number.
  const heap: number[] = [];
  const before = (b: number, c: number): boolean => {
    const x = blocks[b]!.at[pos[b]!]!;
    const y = blocks[c]!.at[pos[c]!]!;
    return x < y || (x === y && b < c);
  };
  const siftDown = (from: number) => {
    const n = heap.length;
    for (let i = from; ; ) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const c = l + 1 < n && before(heap[l + 1]!, heap[l]!) ? l + 1 : l;
      if (!before(heap[c]!, heap[i]!)) return;
      [heap[i], heap[c]] = [heap[c]!, heap[i]!];
      i = c;
    }
  };
  for (let b = 0; b < blocks.length; b++) if (blocks[b]!.at.length) heap.push(b);
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);

  const parts: Blob[] = [];
  while (heap.length) {
    if (parts.length) await pause();
    const pieces: string[] = [];
    let room = size;
    while (room > 0 && heap.length) {
      const b = heap[0]!;
      const { text, at, end } = blocks[b]!;
      const from = pos[b]!;
      const stop = Math.min(at.length, from + room);
      // The run of this block's records that still come before every other block's next one
      // (the best of those is one of the root's two children) is cut out in one piece.
      let p = from + 1;
      if (heap.length === 1) p = stop;
      else {
        const rival = heap.length > 2 && before(heap[2]!, heap[1]!) ? heap[2]! : heap[1]!;
        const rivalAt = blocks[rival]!.at[pos[rival]!]!;
        while (p < stop && (at[p]! < rivalAt || (at[p] === rivalAt && b < rival))) p++;
      }
      pieces.push(text.slice(from === 0 ? 0 : end[from - 1]!, end[p - 1]!));
      room -= p - from;
      pos[b] = p;
      if (p === at.length) {
        const last = heap.pop()!;
        if (heap.length) heap[0] = last;
      }
      siftDown(0);
    }
    parts.push(new Blob([pieces.join('')]));
  }
  return parts;
}

/**
 * The activity export as the parts of one CSV file (BOM and header first, then the records,
 * oldest first, ties by id): the same bytes as `exportActivityPagesCsv(activityExportPages(...))`.
 * Answers the parts and the number of records.
 *
 * With no date range (the usual export) the log is read by primary key in id ranges, a few reads
 * in flight at once, each page encoded to records in time order as it arrives, so IndexedDB reads
 * the next page while this thread encodes the last; the pages are then merged, a part at a time
 * with a pause between parts. Each page is its own task, so the page stays responsive. With a
 * date range the `at` index answers, as in {@link activityExportPages}.
 */
export async function activityCsvParts(
  db: TouchbaseDb,
  filter: ActivityFilter,
  opts: ActivityCsvOptions,
): Promise<{ parts: Blob[]; rows: number }> {
  const pageSize = Math.max(1, opts.pageSize ?? 2500);
  const head = new Blob([CSV_BOM + activityCsvHeader()]);
  if (filter.from !== undefined || filter.to !== undefined) {
    const ctx = opts.ctx ?? (await loadActivityContext(db));
    const line = activityLineWriter(ctx, opts.timeZone);
    const match = activityMatcher(filter, ctx);
    const parts = [head];
    let rows = 0;
    for await (const page of rangedRowPages(db, filter, pageSize)) {
      const records: string[] = [];
      for (const a of page) if (match(a)) records.push(line(a));
      if (records.length) parts.push(new Blob([records.join('')]));
      rows += records.length;
      opts.onRows?.(rows);
    }
    return { parts, rows };
  }
  // The first and last ids are asked first (two one-row reads), then the lookups: the range reads
  // start as soon as the ids are known, and IndexedDB reads the first pages while this thread
  // takes in the contacts and enrolments; a page waits for them only to be encoded.
  const bounds = Promise.all([
    db.activities.orderBy(':id').limit(1).primaryKeys(),
    db.activities.orderBy(':id').reverse().limit(1).primaryKeys(),
  ]);
  const writer = (opts.ctx ? Promise.resolve(opts.ctx) : loadActivityContext(db)).then((ctx) => ({
    line: activityLineWriter(ctx, opts.timeZone),
    match: activityMatcher(filter, ctx),
  }));
  // Settled here too, so a failed lookup read is not left unhandled when there is nothing to read.
  writer.catch(() => undefined);
  const [lo, hi] = await bounds;
  const first = lo[0];
  const last = hi[0];
  if (first === undefined || last === undefined) {
    await writer;
    return { parts: [head], rows: 0 };
  }
  // Ids are numbers (auto-increment), and numbers sort before every other key type: when the first
  // and the last key are finite numbers, ranges of ids between them hold every row.
  const ranges: [number, number][] = [];
  if (
    typeof first === 'number' &&
    typeof last === 'number' &&
    Number.isFinite(first) &&
    Number.isFinite(last)
  ) {
    const span = Math.max(pageSize, (last - first + 1) / MAX_RANGES);
    for (let k = 0; first + k * span <= last; k++)
      ranges.push([first + k * span, Math.min(first + (k + 1) * span, last + 1)]);
    ranges[ranges.length - 1]![1] = Number.POSITIVE_INFINITY;
  } else ranges.push([Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]);

  const blocks: Block[][] = ranges.map(() => []);
  let kept = 0;
  let next = 0;
  const readRange = async (k: number) => {
    const [from, to] = ranges[k]!;
    let lower = from;
    let includeLower = true;
    for (;;) {
      const page = await db.activities
        .where(':id')
        .between(lower, to, includeLower, false)
        .limit(pageSize)
        .toArray();
      const { line, match } = await writer;
      // Only what the `at` index holds: a row whose `at` is not a number is in no time range.
      const rows = page.filter((a) => typeof a.at === 'number' && !Number.isNaN(a.at) && match(a));
      if (rows.length) {
        blocks[k]!.push(encodeBlock(rows, line));
        kept += rows.length;
      }
      opts.onRows?.(kept);
      if (page.length < pageSize) return;
      lower = page[page.length - 1]!.id;
      includeLower = false;
    }
  };
  const reader = async () => {
    while (next < ranges.length) await readRange(next++);
  };
  await Promise.all(Array.from({ length: Math.min(READS_AHEAD, ranges.length) }, reader));

  // Blocks are in id order (ranges in order, pages in order within each), so the merge keeps
  // equal instants in id order.
  const parts = await mergedParts(blocks.flat(), pageSize, opts.pause ?? nextTask);
  return { parts: [head, ...parts], rows: kept };
}

/** Every contact, for the contacts export. */
export async function contactExportRows(db: TouchbaseDb): Promise<ContactExportRow[]> {
  const contacts = await db.contacts.toArray();
  return contacts.map((c) => ({
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    company: c.company,
    title: c.title,
    phone: c.phone,
    linkedinUrl: c.linkedinUrl,
    timeZone: c.timeZone,
    language: c.language,
    leadSource: c.leadSource,
    notes: c.notes,
    custom: c.custom,
  }));
}
