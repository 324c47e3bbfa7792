/**
 * An import's drafts straight from its file: the file is read again (in the encoding and with
 * the delimiter its first read found) and mapped a chunk at a time, only as batches are asked
 * for, so memory holds the batches in flight and the rows rejected, never the file.
 */
import {
  type ColumnMapping,
  type ContactDraft,
  type CsvIssue,
  draftMapper,
  type ParsedCsv,
  type RejectedRow,
  streamCsvBlob,
} from '@/lib/csv/import';
import type { DraftSource } from './batches';

/** Problems that make a whole file unreadable (the others belong to a row or are only notes). */
export const FILE_LEVEL = new Set(['empty-file', 'not-text', 'no-header', 'no-data-rows']);

export interface CsvDraftSource {
  source: DraftSource;
  /** The rows rejected so far, with their reasons (all of them once the source is drained). */
  rejected: RejectedRow[];
  /** Drafts mapped so far. */
  mapped(): number;
}

/**
 * A {@link DraftSource} over `file`, which `first` (its first read) describes. A file that can no
 * longer be read as it was ends the run with `words(problem)` as its reason.
 */
export function csvDraftSource(
  file: Blob,
  first: Pick<ParsedCsv, 'encoding' | 'delimiter'>,
  mapping: ColumnMapping,
  opts: {
    signal?: { readonly aborted: boolean };
    words: (issue: CsvIssue) => string;
    sliceBytes?: number;
    yieldToEventLoop?: () => Promise<void>;
  },
): CsvDraftSource {
  const chunks = streamCsvBlob(file, {
    encoding: first.encoding,
    delimiter: first.delimiter,
    signal: opts.signal,
    // Small slices: each one is read, parsed and mapped in one task of the page.
    sliceBytes: opts.sliceBytes ?? 32 * 1024,
    yieldToEventLoop: opts.yieldToEventLoop,
  });
  let mapper: ReturnType<typeof draftMapper> | undefined;
  const drafts: ContactDraft[] = [];
  /** For each draft waiting, how many rows were read up to and including its own. */
  const upTo: number[] = [];
  const rejected: RejectedRow[] = [];
  let read = 0;
  let given = 0;
  let mapped = 0;
  let ended = false;
  const source: DraftSource = {
    async take(max) {
      while (drafts.length < max && !ended) {
        const next = await chunks.next();
        if (next.done) {
          ended = true;
          const fatal = next.value.fileErrors.find((e) => FILE_LEVEL.has(e.code));
          if (fatal && !next.value.aborted) throw new Error(opts.words(fatal));
          break;
        }
        const chunk = next.value;
        if (!chunk.rows.length) continue;
        mapper ??= draftMapper(chunk.headers, mapping);
        const out = mapper.push(chunk);
        for (const r of out.rejected) rejected.push(r);
        // Drafts and rejections come in row order: a row is rejected or gives the next draft.
        let draft = 0;
        let rej = 0;
        for (let i = 0; i < chunk.rows.length; i++) {
          read++;
          if (rej < out.rejected.length && out.rejected[rej]!.rowNumber === chunk.rowLines[i]) rej++;
          else if (draft < out.drafts.length) {
            drafts.push(out.drafts[draft++]!);
            upTo.push(read);
          }
        }
        mapped += out.drafts.length;
      }
      const batch = drafts.splice(0, max);
      const last = upTo.splice(0, batch.length).at(-1);
      const rows = (ended && drafts.length === 0 ? read : (last ?? given)) - given;
      given += rows;
      return { drafts: batch, rows };
    },
  };
  return { source, rejected, mapped: () => mapped };
}
