/**
 * Reads for the activity list and the CSV exports. The activity log can hold 100,000 rows, so
 * the export reads it in pages (one short read transaction each, the page repainting between
 * them) and hands the rows to the streaming CSV writer a page at a time.
 */
import type { Channel } from '@/lib/cadence/types';
import type { ActivityExportRow, ContactExportRow } from '@/lib/csv/export';
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

export async function loadActivityContext(db: TouchbaseDb): Promise<ActivityContext> {
  const [contacts, enrolments] = await Promise.all([db.contacts.toArray(), db.enrolments.toArray()]);
  return {
    contacts: new Map(contacts.map((c) => [c.id, c])),
    enrolments: new Map(enrolments.map((e) => [e.id, e])),
  };
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

/** Flattens one activity for the CSV writer. */
export function toExportRow(a: ActivityRow, ctx: ActivityContext, timeZone: string): ActivityExportRow {
  const c = a.contactId === undefined ? undefined : ctx.contacts.get(a.contactId);
  const e = a.enrolmentId === undefined ? undefined : ctx.enrolments.get(a.enrolmentId);
  return {
    at: a.at,
    timeZone,
    contactName: c ? `${c.firstName} ${c.lastName}`.trim() : '',
    email: c?.email ?? '',
    company: c?.company ?? '',
    enrolmentId: a.enrolmentId === undefined ? '' : String(a.enrolmentId),
    playbook: e?.playbookName ?? '',
    step: a.step === undefined || a.step === 0 ? null : a.step,
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
    const out: ActivityExportRow[] = [];
    for (const a of page) if (match(a)) out.push(toExportRow(a, ctx, opts.timeZone));
    if (out.length) yield out;
    if (!full) return;
    lower = last.at;
    includeLower = false;
    if (opts.pause) await opts.pause();
  }
}

/**
 * The positions of `rows` (read in id order) sorted by time, ties kept in id order; undefined when
 * they already are, as a log written as things happen mostly is. Sorted as numbers in typed
 * arrays: comparing the row objects themselves costs several times more at 100,000 rows.
 */
function timeOrder(rows: readonly ActivityRow[]): Uint32Array | undefined {
  const n = rows.length;
  const at = new Float64Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    at[i] = rows[i]!.at;
    if (i > 0 && at[i]! < at[i - 1]!) sorted = false;
  }
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
  const order = timeOrder(kept);
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
