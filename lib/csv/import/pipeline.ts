/** parse -> detect -> map -> dedupe in one call, for callers that hold the whole text. */
import { planDedupe } from './dedupe';
import { detectFormat } from './headers';
import { mapRows } from './map';
import { parseCsvChunks } from './parse';
import type {
  ColumnMapping,
  CsvFormat,
  DedupePlan,
  ParseCsvChunksOptions,
  ParsedCsv,
  RejectedRow,
} from './types';

/** Options for {@link importContactsCsv}. */
export interface ImportContactsOptions extends ParseCsvChunksOptions {
  existingEmails: ReadonlySet<string>;
  mode: 'skip' | 'update';
  /** Use this mapping instead of the detected one (the mapping screen's result). */
  mapping?: ColumnMapping;
}

/** Everything the import screen shows after a run. */
export interface ImportContactsResult {
  parsed: ParsedCsv;
  format: CsvFormat;
  mapping: ColumnMapping;
  plan: DedupePlan;
  rejected: RejectedRow[];
}

/**
 * parse -> detect -> map -> dedupe in one call, with progress over the whole run (parsing is the
 * slow part, so it gets 90 % of the bar) and cancellation between slices.
 */
export async function importContactsCsv(
  text: string,
  options: ImportContactsOptions,
): Promise<ImportContactsResult> {
  const { onProgress } = options;
  const parsed = await parseCsvChunks(text, {
    ...options,
    onProgress: onProgress ? (f) => onProgress(f * 0.9) : undefined,
  });
  const detected = detectFormat(parsed.headers);
  const mapping = options.mapping ?? detected.mapping;
  if (parsed.aborted) {
    return {
      parsed,
      format: detected.format,
      mapping,
      plan: { toCreate: [], toUpdate: [], skipped: [] },
      rejected: [],
    };
  }
  const { drafts, rejected } = mapRows(parsed, mapping);
  const plan = planDedupe(drafts, options.existingEmails, options.mode);
  onProgress?.(1);
  return { parsed, format: detected.format, mapping, plan, rejected };
}
