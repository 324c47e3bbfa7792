/**
 * A contact's record as a rep edits it (dashboard drawer, Gmail sidebar): the change, its checks
 * in words a rep can act on, and the form <-> change conversions. Pure: the form shows the same
 * problems the background refuses with.
 */
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

/** "English, Español, Deutsch, Français or Português (Brasil)": what a rep can pick. */
export const LANGUAGE_CHOICES = `${LANGUAGES.slice(0, -1)
  .map((l) => LANGUAGE_NAMES[l])
  .join(', ')} or ${LANGUAGE_NAMES[LANGUAGES[LANGUAGES.length - 1]!]}`;

const TEXT_FIELDS = ['firstName', 'lastName', 'company', 'title', 'phone', 'linkedinUrl'] as const;

const EMAIL_RE = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;
const PHONE_RE = /^\+?[\d\s().\-/]{3,40}(\s*(x|ext\.?)\s*\d{1,6})?$/i;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** One problem with a field of the change, named by its ContactPatch key. */
export interface ContactProblem {
  field: keyof ContactPatch;
  message: string;
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
      out.push({ field: f, message: `The ${f} is not valid text (or is too long).` });
  }
  if (typeof p.notes === 'string' && p.notes.length > 100_000)
    out.push({ field: 'notes', message: 'The notes are too long.' });
  if (patch.email !== undefined && (typeof patch.email !== 'string' || !EMAIL_RE.test(patch.email.trim())))
    out.push({ field: 'email', message: `"${String(patch.email)}" is not an email address.` });
  if (patch.otherEmails !== undefined) {
    if (!Array.isArray(patch.otherEmails) || patch.otherEmails.length > MAX_EXTRA)
      out.push({ field: 'otherEmails', message: `Keep at most ${MAX_EXTRA} other emails.` });
    else
      for (const e of patch.otherEmails)
        if (
          typeof e !== 'string' ||
          e.length > MAX_CONTACT_FIELD ||
          (e.trim() !== '' && !EMAIL_RE.test(e.trim()))
        )
          out.push({ field: 'otherEmails', message: `"${String(e)}" is not an email address.` });
  }
  if (typeof patch.phone === 'string' && patch.phone.trim() !== '' && !PHONE_RE.test(patch.phone.trim()))
    out.push({ field: 'phone', message: `"${patch.phone}" does not look like a phone number.` });
  if (patch.otherPhones !== undefined) {
    if (!Array.isArray(patch.otherPhones) || patch.otherPhones.length > MAX_EXTRA)
      out.push({ field: 'otherPhones', message: `Keep at most ${MAX_EXTRA} other phone numbers.` });
    else
      for (const ph of patch.otherPhones)
        if (typeof ph !== 'string' || (ph.trim() !== '' && !PHONE_RE.test(ph.trim())))
          out.push({ field: 'otherPhones', message: `"${String(ph)}" does not look like a phone number.` });
  }
  if (
    patch.timeZone !== undefined &&
    (typeof patch.timeZone !== 'string' || !isValidTimeZone(patch.timeZone))
  )
    out.push({
      field: 'timeZone',
      message: `"${String(patch.timeZone)}" is not a time zone we know. Pick one from the list (e.g. America/New_York).`,
    });
  if (patch.window !== undefined && patch.window !== null) {
    const w = patch.window;
    if (!TIME_RE.test(String(w?.start)) || !TIME_RE.test(String(w?.end)))
      out.push({ field: 'window', message: 'Contact window: times must look like 08:00.' });
    else
      try {
        assertWindow(w);
      } catch (err) {
        out.push({ field: 'window', message: `Contact window: ${(err as Error).message}` });
      }
  }
  if (
    typeof patch.linkedinUrl === 'string' &&
    patch.linkedinUrl.trim() !== '' &&
    !isWebLink(patch.linkedinUrl.trim())
  )
    out.push({ field: 'linkedinUrl', message: 'The LinkedIn URL must start with https:// (or http://).' });
  if (patch.language !== undefined && patch.language !== null && !isLanguage(patch.language))
    out.push({
      field: 'language',
      message: `"${String(patch.language)}" is not a language Touchbase writes in (${LANGUAGE_CHOICES}).`,
    });
  if (patch.custom !== undefined) {
    const c = patch.custom as unknown;
    if (typeof c !== 'object' || c === null || Array.isArray(c))
      out.push({ field: 'custom', message: 'The custom fields are not valid.' });
    else {
      const entries = Object.entries(c as Record<string, unknown>);
      if (entries.length > MAX_CUSTOM_FIELDS)
        out.push({ field: 'custom', message: `Keep at most ${MAX_CUSTOM_FIELDS} custom fields.` });
      for (const [k, v] of entries) {
        if (k.trim() === '' || k.length > 100)
          out.push({ field: 'custom', message: 'Every custom field needs a short name.' });
        if (typeof v !== 'string' || v.length > MAX_CONTACT_FIELD)
          out.push({ field: 'custom', message: `The custom field "${k}" is not valid text.` });
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
