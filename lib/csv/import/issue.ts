/**
 * CSV problems as messages: the Import tab renders `msg` in the rep's language; `message` /
 * `reason` keep the English text for logs, the rejected-rows download and code that reads text.
 */
import '@/lib/i18n/english';
import { englishText, type Msg } from '@/lib/i18n/msg';
import type { CsvIssue, CsvIssueCode } from './types';

/** A file problem: `m` for the rep, its English as `message`. */
export function csvIssue(
  code: CsvIssueCode,
  m: Msg,
  at: { line?: number; rowIndex?: number } = {},
): CsvIssue {
  return { code, ...at, msg: m, message: englishText(m) };
}

/** A rejected row's reason: `m` for the rep, its English as `reason`. */
export function rowReason(m: Msg): { reason: string; msg: Msg } {
  return { reason: englishText(m), msg: m };
}
