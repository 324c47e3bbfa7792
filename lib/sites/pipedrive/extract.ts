/**
 * The person on a Pipedrive person page, or the person of the deal on a deal page. Only the
 * person's own header and details (person page) or the deal's person section (deal page) are read.
 */
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
    if (!ref) return notRecord('pipedrive', url, 'This page is not a Pipedrive person or deal.');
    const problems: string[] = [];
    return ref.dealId ? readDeal(doc, url, ref, problems) : readPerson(doc, url, ref, problems);
  } catch {
    return notRecord('pipedrive', url, 'Could not read this page.');
  }
}

function shown(el: Element | null): Element | null {
  return el && !isHidden(el, true) ? el : null;
}

function readPerson(doc: Document, url: string, ref: PipedriveRef, problems: string[]): PageView {
  const r = emptyRecord(ref);
  const header = shown(first(doc, SEL.personHeader));
  const details = shown(first(doc, SEL.personDetails));
  attempt(problems, 'the name', () => {
    if (header) Object.assign(r, splitName(textOf(first(header, SEL.name))));
  });
  for (const scope of [header, details])
    if (scope) attempt(problems, 'the details', () => readFields(r, scope));
  if (!header) problems.push('The person header was not found.');
  if (!r.emails.length) problems.push('No email address shown on this person.');
  return recordView('pipedrive', url, r, problems);
}

function readDeal(doc: Document, url: string, dealRef: PipedriveRef, problems: string[]): PageView {
  const section = shown(first(doc, SEL.dealPerson));
  if (!section) {
    return recordView('pipedrive', url, emptyRecord(dealRef), ['This deal shows no person.']);
  }
  const link = first(section, SEL.personLink);
  const personId = personIdOf(link?.getAttribute('href'));
  const r = emptyRecord(personId ? personRef(dealRef.company, personId, dealRef.dealId) : dealRef);
  attempt(problems, 'the name', () => {
    Object.assign(r, splitName(textOf(link) || textOf(first(section, SEL.name))));
  });
  attempt(problems, 'the details', () => readFields(r, section));
  if (!personId) problems.push('The deal’s person has no link, so it cannot be told apart from others.');
  if (!r.emails.length) problems.push('No email address shown for the deal’s person.');
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
