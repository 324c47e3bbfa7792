/**
 * CSV import of contacts: Google Contacts, LinkedIn, HubSpot, Salesforce, Pipedrive exports, or
 * any CSV through a user-chosen column mapping. One module per concern:
 *   decode.ts    bytes -> text (BOM, strict UTF-8, Windows-1252)
 *   parse.ts     text -> ParsedCsv, through papaparse's public streaming API (`chunk`, pause/resume)
 *   stream.ts    a File -> ParsedCsv (or rows chunk by chunk) a slice at a time (decode, line
 *                breaks, papaparse's stream input)
 *   headers.ts   vendor header tables: headers -> CsvFormat + ColumnMapping
 *   map.ts       ParsedCsv + mapping -> ContactDraft[] + rejected rows (lib/email checks addresses)
 *   dedupe.ts    drafts + stored e-mails -> create / update / skip
 *   pipeline.ts  all of the above in one call
 *
 * Nothing here throws on bad input: problems come back as `errors` (file level) or `rejected`
 * (row level), in words a sales rep understands. No DOM, no Dexie, no clock.
 */
export { decodeCsvBytes } from './decode';
export { planDedupe } from './dedupe';
export { detectFormat, normaliseHeader, suggestMapping } from './headers';
/** The engine's zone check, so a zone the importer keeps is one the scheduler can plan in. */
export { isValidTimeZone } from '@/lib/cadence/zoned';
export { isValidEmail, normaliseEmail } from '@/lib/email';
export {
  draftMapper,
  type MapRowsChunkedOptions,
  mapRows,
  mapRowsChunked,
  normaliseLeadSource,
  previewRows,
  rejectedToCsv,
} from './map';
export { parseCsvChunks, parseCsvText } from './parse';
export {
  type CsvStreamChunk,
  type CsvStreamEnd,
  type ParseCsvBlobOptions,
  parseCsvBlob,
  type StreamCsvBlobOptions,
  streamCsvBlob,
} from './stream';
export { type ImportContactsOptions, type ImportContactsResult, importContactsCsv } from './pipeline';
export * from './types';
