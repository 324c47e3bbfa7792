/**
 * The Contact or Lead on a Salesforce Lightning record page. Only the shown record page is read
 * (background console tabs and cached pages are aria-hidden), only its highlights panel and its
 * named field items: owner, created-by, the activity timeline and related lists name other people.
 * Works on synthetic shadow (component internals are light DOM) and native shadow (open shadow
 * roots are walked when a light-DOM query comes back empty).
 */
import { type Msg, msg } from '@/lib/i18n/msg';
import {
  addEmail,
  addPhone,
  all,
  attempt,
  DeepQuery,
  emailFromLink,
  emailOf,
  emptyRecord,
  isHidden,
  notRecord,
  phoneFromLink,
  phoneOf,
  recordView,
  splitName,
  deepTextOf,
} from '../dom';
import type { PageView, RecordView, SalesforceRef } from '../types';
import { detect } from './detect';
import { ACTIVE_CLASS, FIELDS, fieldSelectors, SEL } from './selectors';

/** Reads the Salesforce page once. Never throws. */
export function extract(doc: Document, url: string): PageView {
  try {
    const ref = detect(url);
    if (!ref) return notRecord('salesforce', url, msg('page_salesforce_not_record'));
    const problems: Msg[] = [];
    const r = emptyRecord(ref);
    const page = shownPage(doc);
    if (page === 'ambiguous') {
      return recordView('salesforce', url, r, [msg('page_salesforce_several_records')]);
    }
    const q = new DeepQuery(page);
    const highlights = q.firstShown(SEL.highlights, true);
    const hq = highlights ? new DeepQuery(highlights) : null;
    attempt(problems, msg('page_part_name'), () => readName(r, q, hq, ref));
    attempt(problems, msg('page_part_fields'), () => readFields(r, q, ref));
    attempt(problems, msg('page_part_header'), () => {
      if (!hq) return;
      for (const a of hq.all(SEL.mailto)) if (!isHidden(a, true)) addEmail(r.emails, emailFromLink(a));
      for (const a of hq.all(SEL.tel)) if (!isHidden(a, true)) addPhone(r.phones, phoneFromLink(a));
    });
    if (!highlights) problems.push(msg('page_salesforce_header_missing'));
    if (!r.emails.length)
      problems.push(msg(ref.sobject === 'Lead' ? 'page_no_email_lead' : 'page_no_email_contact'));
    return recordView('salesforce', url, r, problems);
  } catch {
    return notRecord('salesforce', url, msg('page_read_page_failed'));
  }
}

/**
 * The one shown record page. Background console tabs are aria-hidden; when two candidates are
 * shown anyway, the one marked active wins, and with no single active one we do not guess.
 */
function shownPage(doc: Document): ParentNode | 'ambiguous' {
  const dq = new DeepQuery(doc);
  for (const sel of SEL.pageRoot) {
    // Light DOM first: the whole-document shadow walk is paid only on native-shadow pages.
    let shown = all(doc, [sel]).filter((e) => !isHidden(e, true));
    if (!shown.length) shown = dq.allOf(sel).filter((e) => !isHidden(e, true));
    // Nested candidates (a page inside a tab) are one page: keep the outermost.
    const outer = shown.filter((e) => !shown.some((o) => o !== e && o.contains(e)));
    if (outer.length === 1) return outer[0]!;
    if (outer.length > 1) {
      const active = outer.filter((e) => e.classList.contains(ACTIVE_CLASS));
      return active.length === 1 ? active[0]! : 'ambiguous';
    }
  }
  return doc;
}

function readName(r: RecordView, q: DeepQuery, hq: DeepQuery | null, ref: SalesforceRef): void {
  const display =
    deepTextOf(q.firstShown(SEL.name, true)) ||
    deepTextOf(hq?.firstShown(SEL.nameInHighlights, true)) ||
    fieldText(q, ref, 'name');
  if (display) Object.assign(r, splitName(display));
  const firstName = fieldText(q, ref, 'firstName');
  const lastName = fieldText(q, ref, 'lastName');
  if (firstName) r.firstName = firstName;
  if (lastName) r.lastName = lastName;
  if (!r.name && (firstName || lastName)) r.name = `${firstName} ${lastName}`.trim();
}

function readFields(r: RecordView, q: DeepQuery, ref: SalesforceRef): void {
  for (const item of fieldItems(q, ref, 'email')) {
    const vq = new DeepQuery(item);
    const a = vq.all(SEL.mailto)[0];
    addEmail(r.emails, a ? emailFromLink(a) : emailOf(valueText(item)));
  }
  for (const item of fieldItems(q, ref, 'phone')) {
    const a = new DeepQuery(item).all(SEL.tel)[0];
    addPhone(r.phones, a ? phoneFromLink(a) : phoneOf(valueText(item)));
  }
  r.title = fieldText(q, ref, 'title');
  const language = fieldText(q, ref, 'language').slice(0, 60);
  if (language) r.language = language;
  r.company = fieldText(q, ref, 'company');
}

/** Shown field items for one logical field, one per API name (e.g. Phone and MobilePhone). */
function fieldItems(q: DeepQuery, ref: SalesforceRef, which: keyof typeof FIELDS): Element[] {
  const out: Element[] = [];
  const f = FIELDS[which];
  f.api.forEach((api, i) => {
    const item = q.firstShown(fieldSelectors(ref.sobject, api, f.label[i] ?? api), true);
    if (item && !out.includes(item)) out.push(item);
  });
  return out;
}

function fieldText(q: DeepQuery, ref: SalesforceRef, which: keyof typeof FIELDS): string {
  for (const item of fieldItems(q, ref, which)) {
    const t = valueText(item);
    if (t) return t;
  }
  return '';
}

/** A field item's displayed value: the value container's most specific rendered text. */
function valueText(item: Element): string {
  const iq = new DeepQuery(item);
  const value = iq.firstShown(SEL.fieldValue, true);
  return value ? deepTextOf(new DeepQuery(value).firstShown(SEL.valueText, true) ?? value) : '';
}
