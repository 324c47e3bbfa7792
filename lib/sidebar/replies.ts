/**
 * Reply detection for the sidebar: which enrolled contacts a view can show a reply from, and a
 * gate so the same reply is reported to the background once. Pure.
 */
import type { EnrolmentRow } from '@/lib/db/schema';
import { adapterForSite } from '@/lib/sites';
import type { PageView } from '@/lib/sites/types';
import { replyCutoff } from './status';

/** A reply to report: the contact and when it came. */
export interface ReplyToLog {
  contactId: number;
  email: string;
  at: number;
  threadId?: string;
  /** What the reply says (plain text), so the keyword rules can propose an opt-out, a call … */
  text?: string;
}

/**
 * Replies in `view` from contacts with an active enrolment. `contacts` maps a lower-case email to
 * the contact id; an active enrolment's cutoff (see `replyCutoff`) is what a reply must follow.
 */
export function repliesInView(
  view: PageView,
  contacts: ReadonlyMap<string, number>,
  enrolments: readonly EnrolmentRow[],
): ReplyToLog[] {
  const byContact = new Map<number, string>();
  for (const [email, id] of contacts) byContact.set(id, email);
  const enrolled = enrolments
    .filter((e) => e.state === 'active' && byContact.has(e.contactId))
    .map((e) => ({ email: byContact.get(e.contactId) ?? '', lastTouchAt: replyCutoff(e) }));
  const out: ReplyToLog[] = [];
  const seen = new Set<number>();
  // Only a site whose adapter can read replies (Gmail today) reports any.
  const hits = adapterForSite(view.site)?.findReplies(view, enrolled) ?? [];
  for (const hit of hits) {
    const contactId = contacts.get(hit.email);
    if (contactId === undefined || hit.at === undefined || seen.has(contactId)) continue;
    seen.add(contactId);
    const r: ReplyToLog = { contactId, email: hit.email, at: hit.at };
    if (hit.threadId) r.threadId = hit.threadId;
    if (hit.text) r.text = hit.text;
    out.push(r);
  }
  return out;
}

/** Remembers what was reported, so re-renders and repeated views do not send the same reply twice. */
export function createReplyGate(): (r: Pick<ReplyToLog, 'contactId' | 'at'>) => boolean {
  const sent = new Set<string>();
  return (r) => {
    const key = `${r.contactId}|${r.at}`;
    if (sent.has(key)) return false;
    sent.add(key);
    return true;
  };
}
