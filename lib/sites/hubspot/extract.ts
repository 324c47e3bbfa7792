/**
 * The contact on a HubSpot record page. The URL names the record; the header and the left
 * property sidebar give the person. The sidebar's property cards load lazily, so an early read
 * returns what is there and says what is still missing; the next read picks up the rest.
 */
import { type Msg, msg } from '@/lib/i18n/msg';
import {
  addEmail,
  addPhone,
  all,
  attempt,
  clean,
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
import type { PageView, RecordView } from '../types';
import { detect } from './detect';
import { forProperty, PROPS, SEL } from './selectors';

type Prop = keyof typeof PROPS;

/** Reads the HubSpot page once. Never throws. */
export function extract(doc: Document, url: string): PageView {
  try {
    const ref = detect(url);
    if (!ref) return notRecord('hubspot', url, msg('page_hubspot_not_record'));
    const problems: Msg[] = [];
    const r = emptyRecord(ref);
    const header = shown(first(doc, SEL.header));
    const sidebar = shown(first(doc, SEL.sidebar));
    const scopes = [header, sidebar].filter((e): e is Element => !!e);
    attempt(problems, msg('page_part_name'), () => readName(r, header, sidebar));
    attempt(problems, msg('page_part_properties'), () => readProps(r, sidebar));
    attempt(problems, msg('page_part_links'), () => readLinks(r, scopes));
    attempt(problems, msg('page_part_company'), () => {
      r.company ||= textOf(shown(first(doc, SEL.company)));
    });
    if (!header) problems.push(msg('page_hubspot_header_missing'));
    if (!sidebar) problems.push(msg('page_hubspot_properties_missing'));
    else if (first(sidebar, SEL.loading)) problems.push(msg('page_hubspot_loading'));
    if (!r.emails.length) problems.push(msg('page_no_email_contact'));
    return recordView('hubspot', url, r, problems);
  } catch {
    return notRecord('hubspot', url, msg('page_read_page_failed'));
  }
}

function shown(el: Element | null): Element | null {
  return el && !isHidden(el, false) ? el : null;
}

function readName(r: RecordView, header: Element | null, sidebar: Element | null): void {
  const display = header ? textOf(first(header, SEL.name)) : '';
  const firstName = prop(sidebar, 'firstName');
  const lastName = prop(sidebar, 'lastName');
  if (display) Object.assign(r, splitName(display));
  else if (firstName || lastName) r.name = clean(`${firstName} ${lastName}`);
  if (firstName) r.firstName = firstName;
  if (lastName) r.lastName = lastName;
  if (header) r.title = textOf(first(header, SEL.subtitle));
}

function readProps(r: RecordView, sidebar: Element | null): void {
  if (!sidebar) return;
  addEmail(r.emails, emailOf(prop(sidebar, 'email')));
  for (const name of PROPS.phone.names) addPhone(r.phones, phoneOf(propByName(sidebar, name)));
  if (!r.phones.length) addPhone(r.phones, phoneOf(propByLabel(sidebar, PROPS.phone.label)));
  r.title = prop(sidebar, 'title') || r.title;
  r.company = prop(sidebar, 'company');
  r.linkedinUrl = linkedinProfileUrl(prop(sidebar, 'linkedin'));
  const language = prop(sidebar, 'language').slice(0, 60);
  if (language) r.language = language;
}

function readLinks(r: RecordView, scopes: Element[]): void {
  for (const scope of scopes) {
    for (const a of all(scope, SEL.mailto)) addEmail(r.emails, emailFromLink(a));
    for (const a of all(scope, SEL.tel)) addPhone(r.phones, phoneFromLink(a));
    if (!r.linkedinUrl) {
      const a = first(scope, SEL.linkedin);
      r.linkedinUrl = linkedinProfileUrl(a?.getAttribute('href'));
    }
  }
}

/** A property's value by its internal-name hook, else by its English label. */
function prop(sidebar: Element | null, which: Prop): string {
  if (!sidebar) return '';
  for (const name of PROPS[which].names) {
    const v = propByName(sidebar, name);
    if (v) return v;
  }
  return propByLabel(sidebar, PROPS[which].label);
}

function propByName(sidebar: Element, name: string): string {
  return propValue(first(sidebar, forProperty(SEL.propertyInput, name)));
}

function propByLabel(sidebar: Element, label: RegExp): string {
  for (const sel of SEL.propertyLabel) {
    for (const el of sidebar.querySelectorAll(sel)) {
      if (!label.test(textOf(el).replace(/:$/, ''))) continue;
      const forId = el.getAttribute('for');
      const byId = forId ? el.ownerDocument.getElementById(forId) : null;
      const target = byId && sidebar.contains(byId) ? byId : el.nextElementSibling;
      const v = propValue(target);
      if (v) return v;
    }
  }
  return '';
}

/** An input's value, a link's address, or the element's text; '' for placeholders. */
function propValue(el: Element | null): string {
  if (!el) return '';
  const input = el.matches('input, textarea') ? el : el.querySelector('input, textarea');
  if (input) return clean((input as HTMLInputElement).value || input.getAttribute('value'));
  const link = el.matches('a[href]') ? el : el.querySelector('a[href^="mailto:" i], a[href^="tel:" i]');
  const fromLink = link ? emailFromLink(link) || phoneFromLink(link) : '';
  if (fromLink) return fromLink;
  const href = link?.getAttribute('href');
  if (href && /^https?:/i.test(href)) return clean(href);
  const text = textOf(el);
  return /^[-–—]$|^\s*$/.test(text) ? '' : text;
}
