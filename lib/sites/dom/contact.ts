/**
 * Contact details as record pages show them: mailto:/tel: links, loose email and phone text, names
 * with salutations, LinkedIn profile links (a field on every CRM record, so not site knowledge).
 */
import { clean } from './text';

const EMAIL_RE = /^[^\s@<>()"',;:[\]]+@[^\s@<>()"',;:[\]]+\.[^\s@<>()"',;:[\]]{2,}$/;

/** Lower-cased email when the whole string is one, else ''. */
export function emailOf(raw: string | null | undefined): string {
  const s = clean(raw).replace(/^mailto:/i, '');
  return EMAIL_RE.test(s) ? s.toLowerCase() : '';
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Address of a `mailto:` href (first address, query dropped), or ''. */
export function emailFromHref(href: string | null | undefined): string {
  if (!href || !/^mailto:/i.test(href.trim())) return '';
  const addr = href.trim().slice(7).split('?')[0]!.split(',')[0]!;
  return emailOf(decode(addr));
}

/** Phone number as shown when the text looks like one (7 to 20 digits), else ''. */
export function phoneOf(raw: string | null | undefined): string {
  const s = clean(raw, 40);
  if (!/^\+?[\d\s().\-/]+(?:\s*(?:x|ext\.?)\s*\d+)?$/i.test(s)) return '';
  // Dates are digits and dashes too.
  if (/^\d{4}-\d{2}-\d{2}$|^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(s)) return '';
  const digits = s.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 20 ? s : '';
}

/** Number of a `tel:` href, or ''. */
export function phoneFromHref(href: string | null | undefined): string {
  if (!href || !/^tel:/i.test(href.trim())) return '';
  return phoneOf(decode(href.trim().slice(4)).split(';')[0]);
}

/** Appends an email unless empty or already present. */
export function addEmail(list: string[], email: string): void {
  if (email && !list.includes(email)) list.push(email);
}

/** Appends a phone unless empty or one with the same digits is present. */
export function addPhone(list: string[], phone: string): void {
  if (!phone) return;
  const d = phone.replace(/\D/g, '');
  if (!list.some((p) => p.replace(/\D/g, '') === d)) list.push(phone);
}

const SALUTATION = /^(mr|mrs|ms|miss|mx|dr|prof)\.?\s+/i;

/** Splits a display name into first and last; "Last, First" is understood, salutations dropped. */
export function splitName(raw: string): { name: string; firstName: string; lastName: string } {
  let name = clean(raw).replace(SALUTATION, '');
  const comma = /^([^,]+),\s*([^,]+)$/.exec(name);
  if (comma) name = `${comma[2]} ${comma[1]}`;
  const parts = name.split(' ').filter(Boolean);
  if (parts.length < 2) return { name, firstName: name, lastName: '' };
  return { name, firstName: parts[0]!, lastName: parts.slice(1).join(' ') };
}

/**
 * Canonical public profile URL `https://www.linkedin.com/in/<slug>/` for any spelling of one
 * (country subdomains, no scheme, trailing sub-pages, query, case), or '' when it is not a profile.
 */
export function linkedinProfileUrl(raw: string | null | undefined): string {
  const slug = linkedinSlug(raw);
  return slug ? `https://www.linkedin.com/in/${slug}/` : '';
}

/** Lower-case, percent-encoded profile slug of a LinkedIn profile URL, or ''. */
export function linkedinSlug(raw: string | null | undefined): string {
  if (!raw) return '';
  const s = raw.trim();
  const m = /^(?:https?:\/\/)?(?:[a-z]{2,3}\.|www\.|m\.)?linkedin\.com\/(?:mwlite\/)?in\/([^/?#\s]+)/i.exec(
    s,
  );
  if (!m) return '';
  const slug = decode(m[1]!).toLowerCase();
  if (!slug || slug.length > 100 || /[\s/?#<>"]/.test(slug)) return '';
  return encodeURIComponent(slug);
}

/** Address of a mailto: link (its href, else its text). */
export function emailFromLink(a: Element): string {
  return emailFromHref(a.getAttribute('href')) || emailOf(a.textContent);
}

/** Number of a tel: link as the page shows it (its text), else as its href spells it. */
export function phoneFromLink(a: Element): string {
  return phoneOf(a.textContent) || phoneFromHref(a.getAttribute('href'));
}
