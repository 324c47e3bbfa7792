/**
 * The person on a Pipedrive person page, or the person of the deal on a deal page. Only the
 * person's own header and details (person page) or the deal's person section (deal page) are read.
 */
import { type Msg, msg } from '@/lib/i18n/msg';
import {
  addEmail,
  addPhone,
  all,
  attempt,
  emailFromLink,
  emailOf,
  emptyRecord,
  first,
  isHidden,
  linkedinProfileUrl,
  notRecord,
  phoneFromLink,
  phoneOf,
  recordView,
  splitName,
  textOf,
} from '../dom';
import type { PageView, PipedriveRef, RecordView } from '../types';
import { detect, personIdOf, personRef } from './detect';
import { SEL } from './selectors';

/** Reads the Pipedrive page once. Never throws. */
export function extract(doc: Document, url: string): PageView {
  try {
    const ref = detect(url);
    if (!ref) return notRecord('pipedrive', url, msg('page_pipedrive_not_record'));
    const problems: Msg[] = [];
    return ref.dealId ? readDeal(doc, url, ref, problems) : readPerson(doc, url, ref, problems);
  } catch {
    return notRecord('pipedrive', url, msg('page_read_page_failed'));
  }
}

function shown(el: Element | null): Element | null {
  return el && !isHidden(el, true) ? el : null;
}

function readPerson(doc: Document, url: string, ref: PipedriveRef, problems: Msg[]): PageView {
  const r = emptyRecord(ref);
  const header = shown(first(doc, SEL.personHeader));
  const details = shown(first(doc, SEL.personDetails));
  attempt(problems, msg('page_part_name'), () => {
    if (header) Object.assign(r, splitName(textOf(first(header, SEL.name))));
  });
  for (const scope of [header, details])
    if (scope) attempt(problems, msg('page_part_details'), () => readFields(r, scope));
  if (!header) problems.push(msg('page_pipedrive_header_missing'));
  if (!r.emails.length) problems.push(msg('page_no_email_person'));
  return recordView('pipedrive', url, r, problems);
}

function readDeal(doc: Document, url: string, dealRef: PipedriveRef, problems: Msg[]): PageView {
  const section = shown(first(doc, SEL.dealPerson));
  if (!section) {
    return recordView('pipedrive', url, emptyRecord(dealRef), [msg('page_pipedrive_deal_no_person')]);
  }
  const link = first(section, SEL.personLink);
  const personId = personIdOf(link?.getAttribute('href'));
  const r = emptyRecord(personId ? personRef(dealRef.company, personId, dealRef.dealId) : dealRef);
  attempt(problems, msg('page_part_name'), () => {
    Object.assign(r, splitName(textOf(link) || textOf(first(section, SEL.name))));
  });
  attempt(problems, msg('page_part_details'), () => readFields(r, section));
  if (!personId) problems.push(msg('page_pipedrive_person_no_link'));
  if (!r.emails.length) problems.push(msg('page_pipedrive_deal_no_email'));
  return recordView('pipedrive', url, r, problems);
}

function readFields(r: RecordView, scope: Element): void {
  for (const el of all(scope, SEL.email)) {
    const a = el.matches(SEL.mailto[0]) ? el : first(el, SEL.mailto);
    addEmail(r.emails, a ? emailFromLink(a) : emailOf(textOf(el)));
  }
  for (const a of all(scope, SEL.mailto)) addEmail(r.emails, emailFromLink(a));
  for (const el of all(scope, SEL.phone)) {
    const a = el.matches(SEL.tel[0]) ? el : first(el, SEL.tel);
    addPhone(r.phones, a ? phoneFromLink(a) : phoneOf(textOf(el)));
  }
  for (const a of all(scope, SEL.tel)) addPhone(r.phones, phoneFromLink(a));
  r.title ||= textOf(first(scope, SEL.title));
  r.company ||= textOf(first(scope, SEL.org));
  r.linkedinUrl ||= linkedinProfileUrl(first(scope, SEL.linkedin)?.getAttribute('href'));
}
