import { describe, expect, it } from 'vitest';
import type { ContactDraft } from '@/lib/csv/import';
import { msg } from '@/lib/i18n/msg';
import {
  type BatchSummary,
  type DraftSource,
  importInBatches,
  MAX_BATCH,
  mergeSummaries,
  nextBatchSize,
} from '@/lib/import/batches';

const drafts = (n: number): ContactDraft[] =>
  Array.from({ length: n }, (_, i) => ({
    email: `p${i}@example.com`,
    firstName: `P${i}`,
    lastName: '',
    company: '',
    title: '',
    phone: '',
    custom: {},
  }));

const created = (n: number): BatchSummary => ({
  created: n,
  updated: 0,
  skipped: 0,
  enrolled: n,
  notEnrolled: 0,
  suppressed: 0,
});

describe('importInBatches', () => {
  it('sends every draft once, in order, in batches, and adds up the summaries', async () => {
    const seen: string[] = [];
    const progress: number[] = [];
    const run = await importInBatches(drafts(450), {
      batchSize: 200,
      send: async (batch) => {
        seen.push(...batch.map((d) => d.email));
        return created(batch.length);
      },
      onProgress: (sent) => progress.push(sent),
    });
    expect(seen).toEqual(drafts(450).map((d) => d.email));
    expect(progress).toEqual([200, 400, 450]);
    expect(run).toEqual({ summary: created(450), sent: 450, total: 450, cancelled: false });
  });

  it('sizes batches so each takes about the target time, on a slow disk as on a fast one', async () => {
    for (const msPerContact of [0.5, 5, 40]) {
      let t = 0;
      const sizes: number[] = [];
      const seen: string[] = [];
      const run = await importInBatches(drafts(3000), {
        targetMs: 250,
        // One at a time, so the fake clock's time per batch is the batch's own.
        inFlight: 1,
        clock: () => t,
        send: async (batch) => {
          sizes.push(batch.length);
          seen.push(...batch.map((d) => d.email));
          t += batch.length * msPerContact;
          return created(batch.length);
        },
      });
      expect(run.sent).toBe(3000);
      expect(seen).toEqual(drafts(3000).map((d) => d.email));
      // After the first few, every batch but the last takes about 250 ms (within the size bounds).
      const settled = sizes.slice(4, -1);
      const want = Math.min(MAX_BATCH, Math.max(10, Math.round(250 / msPerContact)));
      for (const s of settled) expect(s).toBe(want);
    }
  });

  it('grows a batch at most twofold and keeps it within bounds', () => {
    expect(nextBatchSize(50, 1, 250)).toBe(100);
    expect(nextBatchSize(400, 10, 250)).toBe(800);
    expect(nextBatchSize(800, 10, 250)).toBe(MAX_BATCH);
    expect(nextBatchSize(100, 5000, 250)).toBe(10);
    expect(nextBatchSize(100, 500, 250)).toBe(50);
    expect(nextBatchSize(100, 0, 250)).toBe(200);
  });

  it('stops between batches on cancel, keeping what landed', async () => {
    const signal = { aborted: false };
    let calls = 0;
    const run = await importInBatches(drafts(1000), {
      batchSize: 100,
      signal,
      send: async (batch) => {
        calls++;
        if (calls === 3) signal.aborted = true;
        return created(batch.length);
      },
    });
    expect(calls).toBe(3);
    expect(run.cancelled).toBe(true);
    expect(run.sent).toBe(300);
    expect(run.summary.created).toBe(300);
  });

  it('stops at the first failing batch with a readable reason', async () => {
    let calls = 0;
    const run = await importInBatches(drafts(500), {
      batchSize: 100,
      inFlight: 1,
      send: async (batch) => {
        if (++calls === 2) throw new Error("Touchbase's background stopped before it answered.");
        return created(batch.length);
      },
    });
    expect(run.sent).toBe(100);
    expect(run.cancelled).toBe(false);
    expect(run.error).toBe("Touchbase's background stopped before it answered.");
  });

  it('keeps two batches in flight, answers merged in order; after a failure, a batch already sent still counts when it lands', async () => {
    const pending: { n: number; resolve(): void; reject(e: Error): void }[] = [];
    const progress: number[] = [];
    const run = importInBatches(drafts(500), {
      batchSize: 100,
      send: (batch) =>
        new Promise<BatchSummary>((resolve, reject) => {
          pending.push({ n: batch.length, resolve: () => resolve(created(batch.length)), reject });
        }),
      onProgress: (sent) => progress.push(sent),
    });
    const flush = () => new Promise((r) => setTimeout(r, 0));
    await flush();
    expect(pending).toHaveLength(2);
    pending[1]!.resolve();
    pending[0]!.resolve();
    await flush();
    expect(pending).toHaveLength(4);
    pending[2]!.reject(new Error('The disk is full.'));
    pending[3]!.resolve();
    const out = await run;
    expect(pending).toHaveLength(4);
    expect(progress).toEqual([100, 200, 300]);
    expect(out).toMatchObject({ sent: 300, cancelled: false, error: 'The disk is full.' });
    expect(out.summary.created).toBe(300);
  });

  it('reads a source a batch at a time and counts rows rejected on the way in the progress', async () => {
    const rows = drafts(250);
    let from = 0;
    const source: DraftSource = {
      // Every fifth row of the "file" is rejected before it becomes a draft.
      take: async (max) => {
        const out = [];
        let read = 0;
        while (out.length < max && from < rows.length) {
          if (from % 5 !== 4) out.push(rows[from]!);
          from++;
          read++;
        }
        return { drafts: out, rows: read };
      },
    };
    const progress: number[] = [];
    const run = await importInBatches(source, {
      batchSize: 100,
      total: 250,
      send: async (batch) => created(batch.length),
      onProgress: (sent) => progress.push(sent),
    });
    expect(run).toMatchObject({ sent: 250, total: 250, cancelled: false });
    expect(run.summary.created).toBe(200);
    expect(progress.at(-1)).toBe(250);
  });

  it('keeps at most the problem cap and counts the rest', async () => {
    const run = await importInBatches(drafts(30), {
      batchSize: 10,
      maxProblems: 15,
      send: async (batch) => ({
        ...created(batch.length),
        problems: batch.map((d) => msg('import_problem_not_enrolled', { email: d.email, reason: 'odd' })),
      }),
    });
    // The count is data (rendered "…and 15 more." in the rep's language), never an English line.
    expect(run.summary.problems).toHaveLength(15);
    expect(run.summary.problemsMore).toBe(15);
    expect(run.summary.problems?.at(-1)?.params?.email).toBe('p14@example.com');
  });
});

describe('mergeSummaries', () => {
  it('adds every count', () => {
    const a = { created: 1, updated: 2, skipped: 3, enrolled: 4, notEnrolled: 5, suppressed: 6 };
    expect(mergeSummaries(a, a)).toEqual({
      created: 2,
      updated: 4,
      skipped: 6,
      enrolled: 8,
      notEnrolled: 10,
      suppressed: 12,
    });
  });
});
