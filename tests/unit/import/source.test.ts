import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ContactDraft,
  decodeCsvBytes,
  detectFormat,
  mapRows,
  parseCsvBlob,
  parseCsvText,
  streamCsvBlob,
} from '@/lib/csv/import';
import { importInBatches } from '@/lib/import/batches';
import { csvDraftSource } from '@/lib/import/source';

const FIXTURES = join(__dirname, '../../fixtures/csv');
const SPECTRUM = join(__dirname, '../../../node_modules/csv-spectrum/csvs');
const noYield = () => Promise.resolve();
const blobOf = (bytes: Uint8Array) => new Blob([bytes as BlobPart]);
const files = [
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => join(FIXTURES, f)),
  ...readdirSync(SPECTRUM).map((f) => join(SPECTRUM, f)),
];

/** Everything a file gives when read and mapped at once, the way the import did before it streamed. */
function wholeImport(bytes: Uint8Array) {
  const parsed = parseCsvText(decodeCsvBytes(bytes).text);
  const mapping = detectFormat(parsed.headers).mapping;
  return { parsed, mapping, ...mapRows(parsed, mapping) };
}

/** Drains a draft source the way an import does, in batches of `size`. */
async function drain(bytes: Uint8Array, slice: number, size: number) {
  const first = await parseCsvBlob(blobOf(bytes), { keepRows: 3, yieldToEventLoop: noYield });
  const { mapping } = wholeImport(bytes);
  const src = csvDraftSource(blobOf(bytes), first, mapping, {
    words: (i) => i.message,
    sliceBytes: slice,
    yieldToEventLoop: noYield,
  });
  const sent: ContactDraft[] = [];
  const progress: number[] = [];
  const run = await importInBatches(src.source, {
    batchSize: size,
    total: first.rowCount,
    send: async (batch) => {
      sent.push(...batch);
      return { created: batch.length, updated: 0, skipped: 0, enrolled: 0, notEnrolled: 0, suppressed: 0 };
    },
    onProgress: (n) => progress.push(n),
  });
  return { first, sent, rejected: src.rejected, progress, run };
}

describe('streamCsvBlob', () => {
  it.each(files)(
    'gives the rows, lines and problems of %s chunk by chunk as the whole read does',
    async (file) => {
      const bytes = new Uint8Array(readFileSync(file));
      const whole = await parseCsvBlob(blobOf(bytes), { yieldToEventLoop: noYield });
      const stream = streamCsvBlob(blobOf(bytes), { sliceBytes: 23, yieldToEventLoop: noYield });
      const rows: string[][] = [];
      const lines: number[] = [];
      const errors: unknown[] = [];
      for (;;) {
        const next = await stream.next();
        if (next.done) {
          expect(next.value.headers).toEqual(whole.headers);
          expect(next.value.rowCount).toBe(whole.rows.length);
          errors.push(...next.value.fileErrors);
          break;
        }
        if (next.value.rows.length) expect(next.value.headers).toEqual(whole.headers);
        rows.push(...next.value.rows);
        lines.push(...next.value.rowLines);
        errors.push(...next.value.errors);
      }
      expect(rows).toEqual(whole.rows);
      expect(lines).toEqual(whole.rowLines);
      expect(errors).toEqual(whole.errors);
    },
  );
});

describe('parseCsvBlob keepRows', () => {
  it('keeps the first rows and their problems, counts the rest, and names the encoding', async () => {
    const text = `Email,Name\n${Array.from({ length: 500 }, (_, i) => (i === 2 || i === 300 ? `p${i}@x.com,"a,b,c` : `p${i}@x.com,P${i}`)).join('\n')}`;
    const bytes = new TextEncoder().encode(text);
    const whole = parseCsvText(text);
    const got = await parseCsvBlob(blobOf(bytes), {
      keepRows: 10,
      sliceBytes: 512,
      yieldToEventLoop: noYield,
    });
    expect(got.rows).toEqual(whole.rows.slice(0, 10));
    expect(got.rowCount).toBe(whole.rows.length);
    expect(got.encoding).toBe('utf-8');
    expect(got.errors).toEqual(whole.errors.filter((e) => e.rowIndex === undefined || e.rowIndex < 10));
  });
});

describe('csvDraftSource', () => {
  it.each(files)(
    'sends the drafts of %s once, in order, and rejects the rows the whole read rejects',
    async (file) => {
      const bytes = new Uint8Array(readFileSync(file));
      const want = wholeImport(bytes);
      if (!want.parsed.headers.length) return;
      const got = await drain(bytes, 41, 7);
      expect(got.sent).toEqual(want.drafts);
      expect(got.rejected).toEqual(want.rejected);
      expect(got.run.sent).toBe(want.parsed.rows.length);
      expect(got.progress.every((p, i) => i === 0 || p >= got.progress[i - 1]!)).toBe(true);
    },
  );

  it('matches the whole read on generated files with repeats and bad rows, at any slice and batch size', async () => {
    const email = fc.constantFrom(
      'a@example.com',
      'B@example.com',
      'b@example.com',
      'not an email',
      '',
      'c@x.org',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(email, fc.stringMatching(/^[a-z ,"\n]{0,8}$/)), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 16, max: 64 }),
        fc.integer({ min: 1, max: 9 }),
        async (rows, slice, size) => {
          const quote = (c: string) => (/[,"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
          const text = [['Email', 'First Name'], ...rows].map((r) => r.map(quote).join(',')).join('\n');
          const bytes = new TextEncoder().encode(text);
          const want = wholeImport(bytes);
          const got = await drain(bytes, slice, size);
          expect(got.sent).toEqual(want.drafts);
          expect(got.rejected).toEqual(want.rejected);
          expect(got.run.sent).toBe(want.parsed.rows.length);
          expect(got.progress.at(-1) ?? 0).toBe(want.parsed.rows.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('holds at most a slice of the file beyond the batches asked for', async () => {
    const text = `Email,Name\n${Array.from({ length: 50_000 }, (_, i) => `p${i}@example.com,P${i}`).join('\n')}`;
    const bytes = new TextEncoder().encode(text);
    const first = await parseCsvBlob(blobOf(bytes), { keepRows: 5, yieldToEventLoop: noYield });
    const src = csvDraftSource(blobOf(bytes), first, detectFormat(first.headers).mapping, {
      words: (i) => i.message,
      sliceBytes: 1024,
      yieldToEventLoop: noYield,
    });
    const a = await src.source.take(10);
    expect(a.drafts).toHaveLength(10);
    // The 64 KiB read first to sniff the delimiter (about 2,800 rows) and a 1 KiB slice at
    // most, of a 1.3 MB file.
    expect(src.mapped()).toBeLessThan(3_000);
    const b = await src.source.take(3_000);
    expect(b.drafts[0]?.email).toBe('p10@example.com');
    expect(src.mapped()).toBeLessThan(3_000 + 10 + 50);
  });

  it('ends the run with the words for a file that can no longer be read', async () => {
    const good = new TextEncoder().encode('Email,Name\na@x.com,A\n');
    const first = await parseCsvBlob(blobOf(good), { keepRows: 5, yieldToEventLoop: noYield });
    const src = csvDraftSource(blobOf(new Uint8Array(0)), first, detectFormat(first.headers).mapping, {
      words: (i) => `unreadable: ${i.code}`,
      yieldToEventLoop: noYield,
    });
    const run = await importInBatches(src.source, {
      send: async () => ({ created: 0, updated: 0, skipped: 0, enrolled: 0, notEnrolled: 0, suppressed: 0 }),
    });
    expect(run.error).toBe('unreadable: empty-file');
  });
});
