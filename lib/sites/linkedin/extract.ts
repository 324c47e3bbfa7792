/**
 * The person on a LinkedIn profile or Sales Navigator lead page. A profile shows no email (only
 * the contact-info overlay may, for 1st-degree connections): the record is then known by its
 * profile URL alone, and the problems say so.
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
  linkedinSlug,
  notRecord,
  phoneOf,
  recordView,
  splitName,
  textOf,
} from '../dom';
import type { LinkedInRef, PageView, RecordView } from '../types';
import { detect, profileRef } from './detect';
import { SEL } from './selectors';

/** Reads the LinkedIn page once. Never throws. */
export function extract(doc: Document, url: string): PageView {
  try {
    const ref = detect(url);
    if (!ref) return notRecord('linkedin', url, msg('page_linkedin_not_profile'));
    return ref.kind === 'sales' ? readLead(doc, url, ref) : readProfile(doc, url, ref);
  } catch {
    return notRecord('linkedin', url, msg('page_read_page_failed'));
  }
}

function readProfile(doc: Document, url: string, ref: LinkedInRef): PageView {
  const problems: Msg[] = [];
  const r = emptyRecord(ref);
  r.linkedinUrl = ref.profileUrl ?? '';
  const slug = linkedinSlug(ref.profileUrl);
  const card = first(doc, SEL.topCard) ?? first(doc, SEL.mainHeading)?.closest('section') ?? null;
  // After an in-app move the URL changes before the top card does: a card that links another
  // profile's contact info is the previous person.
  const cardSlug = card ? linkedinSlug(absolute(first(card, SEL.contactInfoLink)?.getAttribute('href'))) : '';
  if (cardSlug && cardSlug !== slug) {
    return recordView('linkedin', url, r, [msg('page_linkedin_previous_profile')]);
  }
  attempt(problems, msg('page_part_name'), () => {
    const name = (card && (textOf(first(card, SEL.name)) || photoName(card))) || jsonLdName(doc, slug);
    if (name) Object.assign(r, splitName(name));
  });
  attempt(problems, msg('page_part_job'), () => {
    if (card) readJob(r, doc, card);
  });
  attempt(problems, msg('page_part_contact_info'), () => {
    if (!/\/overlay\/contact-info\/?$/.test(new URL(url).pathname)) return;
    const info = first(doc, SEL.contactInfo);
    if (!info) return;
    for (const a of all(info, SEL.mailto)) addEmail(r.emails, emailFromLink(a));
    for (const a of all(info, SEL.tel))
      addPhone(r.phones, phoneOf(a.textContent) || phoneOf(a.getAttribute('href')?.slice(4)));
    // LinkedIn lists phones as plain text in the overlay.
    for (const el of Array.from(info.querySelectorAll('li span, li')))
      addPhone(r.phones, phoneOf(firstLine(el)));
  });
  if (!card) problems.push(msg('page_linkedin_top_card_missing'));
  if (!r.emails.length) problems.push(msg('page_linkedin_no_email'));
  return recordView('linkedin', url, r, problems);
}

function readJob(r: RecordView, doc: Document, card: Element): void {
  const current = first(card, SEL.currentCompany)?.getAttribute('aria-label') ?? '';
  const m = /^Current company: (.+?)(?:\. Click to skip.*)?$/.exec(clean(current));
  if (m) r.company = clean(m[1]);
  const anchor = first(doc, SEL.experienceAnchor);
  const section = anchor?.closest('section');
  const entry = section ? first(section, SEL.experienceEntry) : null;
  if (entry) {
    r.title = textOf(first(entry, SEL.experienceTitle));
    r.company ||= clean(textOf(first(entry, SEL.experienceCompany)).split(' · ')[0]);
  }
  if (!r.title) {
    // "Head of Operations at Contoso" / "… @ Contoso"
    const headline = textOf(first(card, SEL.headline));
    const h = /^(.+?)\s+(?:at|@)\s+(.+)$/.exec(headline);
    r.title = h ? clean(h[1]) : headline;
    if (h) r.company ||= clean(h[2]);
  }
}

function photoName(card: Element): string {
  return clean(
    first(card, SEL.photo)
      ?.getAttribute('alt')
      ?.replace(/,\s*#OPEN_TO_WORK$/i, ''),
  );
}

/** Name from a JSON-LD Person whose url is this profile. */
function jsonLdName(doc: Document, slug: string): string {
  for (const s of all(doc, SEL.jsonLd)) {
    let data: unknown;
    try {
      data = JSON.parse(s.textContent ?? '');
    } catch {
      continue;
    }
    const nodes = Array.isArray(data)
      ? data
      : [data, ...((data as { '@graph'?: unknown[] })?.['@graph'] ?? [])];
    for (const n of nodes) {
      const p = n as { '@type'?: unknown; name?: unknown; url?: unknown };
      if (p?.['@type'] === 'Person' && typeof p.name === 'string' && typeof p.url === 'string') {
        if (linkedinSlug(p.url) === slug) return clean(p.name);
      }
    }
  }
  return '';
}

function readLead(doc: Document, url: string, ref: LinkedInRef): PageView {
  const problems: Msg[] = [];
  const r = emptyRecord(ref);
  const nameEl = first(doc, SEL.leadName);
  const scope = nameEl ? (closestOf(nameEl, SEL.leadScope) ?? nameEl.parentElement) : null;
  attempt(problems, msg('page_part_lead'), () => {
    if (!nameEl || !scope) return;
    Object.assign(r, splitName(textOf(nameEl)));
    r.title = textOf(first(scope, SEL.leadTitle));
    r.company = textOf(first(scope, SEL.leadCompany));
    for (const el of all(scope, SEL.leadEmail)) addEmail(r.emails, emailOf(textOf(el)));
    for (const a of all(scope, SEL.mailto)) addEmail(r.emails, emailFromLink(a));
    for (const el of all(scope, SEL.leadPhone)) addPhone(r.phones, phoneOf(textOf(el)));
    const profile = profileRef(absolute(first(scope, SEL.profileLink)?.getAttribute('href')));
    if (profile?.profileUrl) {
      r.linkedinUrl = profile.profileUrl;
      r.keys.push(profile.key);
    }
  });
  if (!nameEl) problems.push(msg('page_linkedin_lead_name_missing'));
  if (!r.emails.length) problems.push(msg('page_no_email_lead'));
  return recordView('linkedin', url, r, problems);
}

function closestOf(el: Element, list: readonly string[]): Element | null {
  for (const sel of list) {
    const hit = el.closest(sel);
    if (hit) return hit;
  }
  return null;
}

function absolute(href: string | null | undefined): string {
  if (!href) return '';
  return href.startsWith('/') ? `https://www.linkedin.com${href}` : href;
}

function firstLine(el: Element): string {
  return clean((el.textContent ?? '').split('\n').find((l) => l.trim()) ?? '');
}
