/**
 * What the page in view says about a person's language, for the guesser in lib/contacts/language:
 * a record page's language field, or the text of the open conversation. Pure. Everything here is
 * page text, untrusted: it is only counted and matched against our five languages, never stored
 * or shown as is.
 */
import type { LanguageEvidence } from '@/lib/contacts/language';
import type { PageView } from '@/lib/sites/types';

/** Enough to call a language; more is only time. */
const MAX_TEXT = 4000;

/**
 * The record's language field, else what the person wrote in the open conversation (their own
 * messages; when none of theirs is shown, the whole conversation, which the rep and they share).
 */
export function pageLanguageEvidence(
  view: PageView | undefined,
  email?: string,
): Omit<LanguageEvidence, 'phone'> {
  if (!view) return {};
  if (view.record) return view.record.language ? { field: view.record.language } : {};
  const messages = view.thread?.messages ?? [];
  if (!messages.length) return {};
  const who = email?.toLowerCase();
  const theirs = who ? messages.filter((m) => m.from.email === who) : [];
  const text = (theirs.length ? theirs : messages)
    .filter((m) => !m.isAutoReply)
    .map((m) => m.snippet ?? '')
    .filter(Boolean)
    .join('\n')
    .slice(0, MAX_TEXT);
  return text ? { text } : {};
}
