/**
 * The sidebar on a record page (a CRM contact, a LinkedIn profile): who the record is among the
 * stored contacts, what a new contact from it looks like, and which of the page's values are newer
 * than what the rep keeps. Pure; knows no site.
 */
import type { ContactRow } from '@/lib/db/schema';
import type { ContactInput } from '@/lib/messaging/protocol';
import type { RecordView } from '@/lib/sites/types';
import { t } from '@/lib/i18n';

/** The stored contact this record is: by any of its keys first, then by any email it shows. */
export function contactForRecord(
  record: RecordView,
  contacts: readonly ContactRow[],
): ContactRow | undefined {
  const keys = new Set(record.keys);
  const byKey = contacts.find((c) => (c.externalIds ?? []).some((k) => keys.has(k)));
  if (byKey) return byKey;
  const emails = new Set(record.emails.map((e) => e.toLowerCase()));
  return contacts.find((c) => c.emailLower !== undefined && emails.has(c.emailLower));
}

/** A new contact from what the page shows, phone and title included, known by the record's keys. */
export function contactFromRecord(record: RecordView): ContactInput {
  const input: ContactInput = {
    firstName: record.firstName,
    lastName: record.lastName,
    company: record.company,
    title: record.title,
    externalIds: [...record.keys],
  };
  const email = record.emails[0];
  if (email) input.email = email;
  const phone = record.phones[0];
  if (phone) input.phone = phone;
  if (record.linkedinUrl) input.linkedinUrl = record.linkedinUrl;
  return input;
}

/** A field whose value on the page differs from the stored one. */
export interface FreshValue {
  field: 'phone' | 'title' | 'company' | 'email' | 'linkedinUrl';
  label: string;
  /** What the rep keeps ('' when nothing). */
  stored: string;
  /** What the page shows now. */
  fresh: string;
}

const digits = (s: string) => s.replace(/\D/g, '');

/**
 * The page's values the rep may want to take over: only where the page shows something and it
 * differs from what is stored (phones compared by their digits, so formatting is no change).
 * Nothing here is ever written without the rep's click.
 */
export function freshValues(record: RecordView, contact: ContactRow): FreshValue[] {
  const out: FreshValue[] = [];
  const phone = record.phones[0] ?? '';
  if (phone && !record.phones.some((p) => digits(p) === digits(contact.phone)))
    out.push({ field: 'phone', label: t('field_phone'), stored: contact.phone, fresh: phone });
  if (record.title && record.title.trim() !== contact.title.trim())
    out.push({ field: 'title', label: t('field_title'), stored: contact.title, fresh: record.title });
  if (record.company && record.company.trim().toLowerCase() !== contact.company.trim().toLowerCase())
    out.push({ field: 'company', label: t('field_company'), stored: contact.company, fresh: record.company });
  // An email is offered only to a contact without one: a second address is not a correction.
  if (!contact.emailLower && record.emails[0])
    out.push({ field: 'email', label: t('field_email'), stored: '', fresh: record.emails[0] });
  if (record.linkedinUrl && !contact.linkedinUrl)
    out.push({ field: 'linkedinUrl', label: 'LinkedIn', stored: '', fresh: record.linkedinUrl });
  return out;
}

/** The record's keys the contact does not carry yet (linked silently only with an accepted update). */
export function missingKeys(record: RecordView, contact: ContactRow): string[] {
  const have = new Set(contact.externalIds ?? []);
  return record.keys.filter((k) => !have.has(k));
}
