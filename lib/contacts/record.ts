/**
 * A contact's record as a rep edits it (dashboard drawer, Gmail sidebar): the change, its checks
 * in words a rep can act on, and the form <-> change conversions. Pure: the form shows the same
 * problems the background refuses with.
 */
import { type Msg, msg, msgOf } from '@/lib/i18n/msg';
import { assertWindow } from '@/lib/cadence/plan';
import type { ContactWindow } from '@/lib/cadence/types';
import { isValidTimeZone } from '@/lib/cadence/zoned';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '@/lib/templates/language';

/** Longest single field (names, company, phone, URLs), as the message checks allow. */
export const MAX_CONTACT_FIELD = 2_000;
/** At most this many extra emails or phones, and custom fields, on one contact. */
export const MAX_EXTRA = 20;
export const MAX_CUSTOM_FIELDS = 50;

/**
 * A change to a contact: only the fields present change. `otherEmails`/`otherPhones` replace the
 * lists of extra addresses and numbers (the primary stays `email`/`phone`); `window: null` goes
 * back to the rep's default window; `custom` replaces the custom fields.
 */
export interface ContactPatch {
  firstName?: string;
  lastName?: string;
  company?: string;
  title?: string;
  email?: string;
  otherEmails?: string[];
  phone?: string;
  otherPhones?: string[];
  timeZone?: string;
  window?: ContactWindow | null;
  linkedinUrl?: string;
  notes?: string;
  custom?: Record<string, string>;
  /** The language to write to them in, set by hand; `null` goes back to none set (English). */
  language?: Language | null;
}

const TEXT_FIELDS = ['firstName', 'lastName', 'company', 'title', 'phone', 'linkedinUrl'] as const;

/** "English, Español, Deutsch…": the languages by their own names, the same in every interface. */
export const LANGUAGE_LIST = LANGUAGES.map((l) => LANGUAGE_NAMES[l]).join(', ');

/** How each text field is named in a problem (the record's own labels). */
const FIELD_LABEL: Record<(typeof TEXT_FIELDS)[number], Msg> = {
  firstName: msg('field_first_name'),
  lastName: msg('field_last_name'),
  company: msg('field_company'),
  title: msg('field_title'),
  phone: msg('field_phone'),
  linkedinUrl: msg('field_linkedin_url'),
};

const EMAIL_RE = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;
const PHONE_RE = /^\+?[\d\s().\-/]{3,40}(\s*(x|ext\.?)\s*\d{1,6})?$/i;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** One problem with a field of the change, named by its ContactPatch key. */
export interface ContactProblem {
  field: keyof ContactPatch;
  /** What to fix, rendered in the rep's language where it is shown. */
  msg: Msg;
}

/** Only http(s) links with a host: a `javascript:` "profile" never becomes a live link. */
export function isWebLink(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Every problem in `patch` (only the fields present are checked); empty when it can be saved. */
export function contactPatchProblems(patch: ContactPatch): ContactProblem[] {
  const out: ContactProblem[] = [];
  const p = patch as Record<string, unknown>;
  for (const f of TEXT_FIELDS) {
    const v = p[f];
    if (v !== undefined && (typeof v !== 'string' || v.length > MAX_CONTACT_FIELD))
      out.push({ field: f, msg: msg('problem_field_text', { field: FIELD_LABEL[f] }) });
  }
  if (typeof p.notes === 'string' && p.notes.length > 100_000)
    out.push({ field: 'notes', msg: msg('problem_notes_too_long') });
  if (patch.email !== undefined && (typeof patch.email !== 'string' || !EMAIL_RE.test(patch.email.trim())))
    out.push({ field: 'email', msg: msg('err_not_email', { value: String(patch.email) }) });
  if (patch.otherEmails !== undefined) {
    if (!Array.isArray(patch.otherEmails) || patch.otherEmails.length > MAX_EXTRA)
      out.push({ field: 'otherEmails', msg: msg('problem_other_emails_max', { max: MAX_EXTRA }) });
    else
      for (const e of patch.otherEmails)
        if (
          typeof e !== 'string' ||
          e.length > MAX_CONTACT_FIELD ||
          (e.trim() !== '' && !EMAIL_RE.test(e.trim()))
        )
          out.push({ field: 'otherEmails', msg: msg('err_not_email', { value: String(e) }) });
  }
  if (typeof patch.phone === 'string' && patch.phone.trim() !== '' && !PHONE_RE.test(patch.phone.trim()))
    out.push({ field: 'phone', msg: msg('problem_not_phone', { value: patch.phone }) });
  if (patch.otherPhones !== undefined) {
    if (!Array.isArray(patch.otherPhones) || patch.otherPhones.length > MAX_EXTRA)
      out.push({ field: 'otherPhones', msg: msg('problem_other_phones_max', { max: MAX_EXTRA }) });
    else
      for (const ph of patch.otherPhones)
        if (typeof ph !== 'string' || (ph.trim() !== '' && !PHONE_RE.test(ph.trim())))
          out.push({ field: 'otherPhones', msg: msg('problem_not_phone', { value: String(ph) }) });
  }
  if (
    patch.timeZone !== undefined &&
    (typeof patch.timeZone !== 'string' || !isValidTimeZone(patch.timeZone))
  )
    out.push({ field: 'timeZone', msg: msg('problem_zone_pick', { zone: String(patch.timeZone) }) });
  if (patch.window !== undefined && patch.window !== null) {
    const w = patch.window;
    if (!TIME_RE.test(String(w?.start)) || !TIME_RE.test(String(w?.end)))
      out.push({ field: 'window', msg: msg('problem_window_times', { label: msg('field_contact_window') }) });
    else
      try {
        assertWindow(w);
      } catch (err) {
        out.push({
          field: 'window',
          msg: msg('problem_labelled', {
            label: msg('field_contact_window'),
            problem: msgOf(err) ?? msg('err_plain', { text: (err as Error).message }),
          }),
        });
      }
  }
  if (
    typeof patch.linkedinUrl === 'string' &&
    patch.linkedinUrl.trim() !== '' &&
    !isWebLink(patch.linkedinUrl.trim())
  )
    out.push({ field: 'linkedinUrl', msg: msg('problem_linkedin_link') });
  if (patch.language !== undefined && patch.language !== null && !isLanguage(patch.language))
    out.push({
      field: 'language',
      msg: msg('problem_language', { value: String(patch.language), list: LANGUAGE_LIST }),
    });
  if (patch.custom !== undefined) {
    const c = patch.custom as unknown;
    if (typeof c !== 'object' || c === null || Array.isArray(c))
      out.push({ field: 'custom', msg: msg('problem_custom_invalid') });
    else {
      const entries = Object.entries(c as Record<string, unknown>);
      if (entries.length > MAX_CUSTOM_FIELDS)
        out.push({ field: 'custom', msg: msg('problem_custom_max', { max: MAX_CUSTOM_FIELDS }) });
      for (const [k, v] of entries) {
        if (k.trim() === '' || k.length > 100) out.push({ field: 'custom', msg: msg('problem_custom_name') });
        if (typeof v !== 'string' || v.length > MAX_CONTACT_FIELD)
          out.push({ field: 'custom', msg: msg('problem_custom_text', { name: k }) });
      }
    }
  }
  return out;
}

/** "a@x.com, b@y.com" or one per line -> trimmed, de-duplicated (case-insensitively), non-empty. */
export function splitList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[\n,;]+/)) {
    const v = part.trim();
    if (v && !seen.has(v.toLowerCase())) {
      seen.add(v.toLowerCase());
      out.push(v);
    }
  }
  return out;
}

/** "Key: value" lines <-> custom fields. Lines without a colon are refused by name. */
export function parseCustomFields(text: string): { fields: Record<string, string>; bad: string[] } {
  const fields: Record<string, string> = {};
  const bad: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const i = line.indexOf(':');
    const key = i > 0 ? line.slice(0, i).trim() : '';
    if (!key) {
      bad.push(line.trim());
      continue;
    }
    // Own property only: a key like "__proto__" must not reach the prototype.
    Object.defineProperty(fields, key, {
      value: line.slice(i + 1).trim(),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { fields, bad };
}

export function formatCustomFields(custom: Record<string, string> | undefined): string {
  return Object.entries(custom ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

/** Two windows say the same thing (days in any order). */
export function sameWindow(a: ContactWindow | undefined, b: ContactWindow | undefined): boolean {
  if (!a || !b) return a === b;
  const da = [...a.days].sort().join();
  const db = [...b.days].sort().join();
  return da === db && a.start === b.start && a.end === b.end;
}

/** Playbook steps that need a phone number: texts, calls, voicemail drops. */
export function phoneStepCount(steps: readonly { channel: string }[]): number {
  return steps.filter((s) => s.channel === 'sms' || s.channel === 'call' || s.channel === 'voicemail').length;
}

/**
 * The external id under which a contact's other address is kept (`email:<lower-cased>`): the
 * `*externalIds` index then finds the contact by it (sidebar, imports, upserts) and one address
 * belongs to one contact.
 */
export function otherEmailId(emailLower: string): string {
  return `email:${emailLower}`;
}

/** Every lower-cased address a contact is known by: the primary, then the others. */
export function emailKeysOf(c: { emailLower?: string; externalIds?: readonly string[] }): string[] {
  const out = c.emailLower ? [c.emailLower] : [];
  for (const id of c.externalIds ?? []) if (id.startsWith('email:')) out.push(id.slice(6));
  return out;
}

/**
 * The other addresses to show for a contact: as the rep wrote them, plus any the index holds
 * without a written form (e.g. brought in by merging two contacts), lower-cased.
 */
export function otherEmailsOf(c: {
  emailLower?: string;
  otherEmails?: readonly string[];
  externalIds?: readonly string[];
}): string[] {
  const indexed = emailKeysOf({ externalIds: c.externalIds });
  const written = (c.otherEmails ?? []).filter((e) => indexed.includes(e.trim().toLowerCase()));
  const covered = new Set(written.map((e) => e.trim().toLowerCase()));
  return [...written, ...indexed.filter((e) => !covered.has(e) && e !== c.emailLower)];
}
