/** Builds record-page views the same way for every site, so the sidebar sees one shape. */
import { type Msg, msg } from '@/lib/i18n/msg';
import type { CrmSiteId, PageView, RecordRef, RecordView } from '../types';

/** A record with nothing read yet. */
export function emptyRecord(ref: RecordRef): RecordView {
  return {
    ref,
    keys: [ref.key],
    name: '',
    firstName: '',
    lastName: '',
    company: '',
    title: '',
    emails: [],
    phones: [],
    linkedinUrl: '',
  };
}

/** Whether the page showed anything of the person worth putting in the sidebar. */
export function hasPerson(r: RecordView): boolean {
  return !!(r.name || r.emails.length || r.phones.length);
}

/** A "not here" view for a page that is not a record of this site. */
export function notRecord(site: CrmSiteId, url: string, problem: Msg): PageView {
  return { site, kind: 'unknown', url, composes: [], inboxRows: [], problems: [problem] };
}

/**
 * The view of a record page: 'record' when the person was found, otherwise 'unknown' with the
 * URL's ref kept so the sidebar can say which record it could not read.
 */
export function recordView(site: CrmSiteId, url: string, record: RecordView, problems: Msg[]): PageView {
  const base = { site, url, composes: [], inboxRows: [], recordRef: record.ref, problems };
  if (!hasPerson(record)) {
    return { ...base, kind: 'unknown', problems: [...problems, msg('page_record_nobody')] };
  }
  return { ...base, kind: 'record', record };
}

/** Runs one read; a failure becomes a problem ("Could not read the name.") instead of an exception. */
export function attempt(problems: Msg[], what: Msg, fn: () => void): void {
  try {
    fn();
  } catch {
    problems.push(msg('page_read_failed', { what }));
  }
}
