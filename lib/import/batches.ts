/**
 * Sends an import to the background in batches, one transaction each. A single transaction for a
 * whole file would hold the service worker in one event for minutes (Chrome ends an extension
 * event after five), give no progress and no way to cancel; batches of a few hundred contacts
 * land in a fraction of a second each, so progress moves, Cancel answers between two batches,
 * and every message is a short event of its own. What landed before a cancel or a failure stays,
 * and the summary says how much that was. Pure: the transport comes in as `send`.
 */
import type { ContactDraft } from '@/lib/csv/import';
import type { ImportSummary } from '@/lib/db/import';

/** What the background answers for one batch. */
export type BatchSummary = ImportSummary;

/** The outcome of a whole run. */
export interface BatchedImport {
  summary: BatchSummary;
  /** Rows the background has answered for (created, updated or skipped, or rejected on the way). */
  sent: number;
  total: number;
  cancelled: boolean;
  /** Why the run stopped early, in the background's words; the batches before it landed. */
  error?: string;
}

export interface BatchOptions {
  /**
   * Contacts per message, fixed. Unset, the size adapts after each batch so that one takes about
   * `targetMs`: a slow disk or a busy machine gets smaller batches, and progress keeps moving.
   */
  batchSize?: number;
  /** How long one batch should take when the size adapts (default 250 ms). */
  targetMs?: number;
  /** Milliseconds, for timing batches (default `Date.now`). */
  clock?: () => number;
  send(drafts: ContactDraft[]): Promise<BatchSummary>;
  /** Batches sent before the first is answered (default 2). */
  inFlight?: number;
  /** Rows in all, for progress (default: the number of drafts given). */
  total?: number;
  /** After each batch: drafts answered so far, and the total. */
  onProgress?(sent: number, total: number): void;
  signal?: { readonly aborted: boolean };
  /** At most this many problem lines are kept; the rest are counted (default 100). */
  maxProblems?: number;
}

/** An empty summary, before the first batch. */
export function emptySummary(): BatchSummary {
  return { created: 0, updated: 0, skipped: 0, enrolled: 0, notEnrolled: 0, suppressed: 0 };
}

/**
 * Adds one batch's summary to the running one, keeping at most `max` lines in each list; the
 * problems past it are counted in `problemsMore` (the suppressed count already says the rest).
 */
export function mergeSummaries(a: BatchSummary, b: BatchSummary, max = 100): BatchSummary {
  const out: BatchSummary = {
    created: a.created + b.created,
    updated: a.updated + b.updated,
    skipped: a.skipped + b.skipped,
    enrolled: a.enrolled + b.enrolled,
    notEnrolled: a.notEnrolled + b.notEnrolled,
    suppressed: a.suppressed + b.suppressed,
  };
  const problems = [...(a.problems ?? []), ...(b.problems ?? [])];
  if (problems.length) out.problems = problems.slice(0, max);
  const more = (a.problemsMore ?? 0) + (b.problemsMore ?? 0) + Math.max(0, problems.length - max);
  if (more > 0) out.problemsMore = more;
  const suppressedEmails = [...(a.suppressedEmails ?? []), ...(b.suppressedEmails ?? [])];
  if (suppressedEmails.length) out.suppressedEmails = suppressedEmails.slice(0, max);
  return out;
}

/** The first batch's size, before there is a timing to adapt to. */
const FIRST_BATCH = 50;
const MIN_BATCH = 10;
/** The largest batch: a few hundred milliseconds of writes on a quiet machine. */
export const MAX_BATCH = 1000;

/**
 * The size that would have taken `targetMs`, judged by the last batch; it at most doubles at a
 * time, so one lucky fast batch does not make the next one long.
 */
export function nextBatchSize(size: number, elapsedMs: number, targetMs: number): number {
  const ideal = elapsedMs > 0 ? (size * targetMs) / elapsedMs : size * 2;
  return Math.round(Math.min(MAX_BATCH, size * 2, Math.max(MIN_BATCH, ideal)));
}

/**
 * Where the drafts come from, a batch at a time: a file read as it goes never holds more than
 * the batches in flight. `rows` counts the file's rows behind the drafts (rows rejected on the
 * way included), for progress; an answer with no drafts and no rows is the end.
 */
export interface DraftSource {
  take(max: number): Promise<{ drafts: ContactDraft[]; rows: number }>;
}

/** A source over drafts already in memory. */
export function arraySource(drafts: readonly ContactDraft[]): DraftSource {
  let from = 0;
  return {
    take: async (max) => {
      const batch = drafts.slice(from, from + max);
      from += batch.length;
      return { drafts: batch, rows: batch.length };
    },
  };
}

type Outcome = { ok: true; res: BatchSummary } | { ok: false; error: string };

/**
 * Sends the drafts in batches, `inFlight` at a time (default 2): while the background writes one
 * batch the page reads and sends the next, so the background never waits for the page. The
 * database runs the batches' transactions one after the other, in the order they were sent.
 */
export async function importInBatches(
  drafts: readonly ContactDraft[] | DraftSource,
  opts: BatchOptions,
): Promise<BatchedImport> {
  const source = Array.isArray(drafts) ? arraySource(drafts) : (drafts as DraftSource);
  const total = opts.total ?? (Array.isArray(drafts) ? drafts.length : 0);
  const fixed = opts.batchSize === undefined ? undefined : Math.max(1, opts.batchSize);
  const target = Math.max(1, opts.targetMs ?? 250);
  const depth = Math.max(1, opts.inFlight ?? 2);
  const clock = opts.clock ?? Date.now;
  let size = fixed ?? FIRST_BATCH;
  const max = opts.maxProblems ?? 100;
  let summary = emptySummary();
  let sent = 0;
  let ended = false;
  let error: string | undefined;
  let lastAnswer: number | undefined;
  const queue: { n: number; rows: number; started: number; outcome: Promise<Outcome> }[] = [];
  for (;;) {
    while (!ended && error === undefined && queue.length < depth && !opts.signal?.aborted) {
      let next: { drafts: ContactDraft[]; rows: number };
      try {
        next = await source.take(size);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
        break;
      }
      if (next.drafts.length === 0) {
        // Rows the file had but that gave no draft (rejected on the way): progress all the same.
        if (next.rows === 0) ended = true;
        else if (!queue.length) {
          sent += next.rows;
          opts.onProgress?.(sent, Math.max(total, sent));
        } else queue[queue.length - 1]!.rows += next.rows;
        continue;
      }
      queue.push({
        n: next.drafts.length,
        rows: next.rows,
        started: clock(),
        outcome: opts.send(next.drafts).then(
          (res): Outcome => ({ ok: true, res }),
          // The client already turns a stopped worker into words (BackgroundStoppedError).
          (err): Outcome => ({ ok: false, error: err instanceof Error ? err.message : String(err) }),
        ),
      });
    }
    const head = queue.shift();
    if (!head) break;
    const out = await head.outcome;
    if (!out.ok) {
      // The batches sent after it may still land: they are waited for and counted.
      error ??= out.error;
      continue;
    }
    const now = clock();
    // Batches overlap: a batch's own time runs from the previous answer, not from its sending.
    if (fixed === undefined)
      size = nextBatchSize(head.n, now - Math.max(head.started, lastAnswer ?? 0), target);
    lastAnswer = now;
    summary = mergeSummaries(summary, out.res, max);
    sent += head.rows;
    opts.onProgress?.(sent, Math.max(total, sent));
  }
  const cancelled = error === undefined && !ended && opts.signal?.aborted === true;
  return {
    summary,
    sent,
    total: Math.max(total, sent),
    cancelled,
    ...(error === undefined ? {} : { error }),
  };
}
