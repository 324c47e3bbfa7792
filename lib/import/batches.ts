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
  /** Drafts the background has answered for (created, updated or skipped). */
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
const MAX_BATCH = 500;

/**
 * The size that would have taken `targetMs`, judged by the last batch; it at most doubles at a
 * time, so one lucky fast batch does not make the next one long.
 */
export function nextBatchSize(size: number, elapsedMs: number, targetMs: number): number {
  const ideal = elapsedMs > 0 ? (size * targetMs) / elapsedMs : size * 2;
  return Math.round(Math.min(MAX_BATCH, size * 2, Math.max(MIN_BATCH, ideal)));
}

export async function importInBatches(
  drafts: readonly ContactDraft[],
  opts: BatchOptions,
): Promise<BatchedImport> {
  const fixed = opts.batchSize === undefined ? undefined : Math.max(1, opts.batchSize);
  const target = Math.max(1, opts.targetMs ?? 250);
  const clock = opts.clock ?? Date.now;
  let size = fixed ?? FIRST_BATCH;
  const max = opts.maxProblems ?? 100;
  let summary = emptySummary();
  let sent = 0;
  const total = drafts.length;
  for (let from = 0; from < total; ) {
    if (opts.signal?.aborted) return finish(true);
    const batch = drafts.slice(from, from + size);
    from += batch.length;
    let res: BatchSummary;
    const started = clock();
    try {
      res = await opts.send(batch);
      if (fixed === undefined) size = nextBatchSize(batch.length, clock() - started, target);
    } catch (err) {
      // The client already turns a stopped worker into words (BackgroundStoppedError).
      return finish(false, err instanceof Error ? err.message : String(err));
    }
    summary = mergeSummaries(summary, res, max);
    sent += batch.length;
    opts.onProgress?.(sent, total);
  }
  return finish(false);

  function finish(cancelled: boolean, error?: string): BatchedImport {
    return { summary, sent, total, cancelled, ...(error === undefined ? {} : { error }) };
  }
}
