/**
 * Who the sidebar is about: the people a Gmail view shows, and how to turn what the page shows
 * into a new contact. Pure.
 */
import type { PageView, Person } from '@/lib/sites/types';

function addUnique(out: Person[], seen: Set<string>, p: Person, account: string): void {
  const email = p.email.trim().toLowerCase();
  if (!email || email === account || seen.has(email)) return;
  seen.add(email);
  out.push({ email, name: p.name.trim() });
}

/**
 * The people the sidebar can follow, in the order it offers them: the open conversation's
 * participants (senders first, as they appear), else the To (then Cc, Bcc) recipients of the focused
 * compose (Bcc last), else of the only compose. The signed-in account is never one of them.
 */
export function peopleInView(view: PageView | null | undefined): Person[] {
  if (!view) return [];
  const account = (view.accountEmail ?? '').toLowerCase();
  const out: Person[] = [];
  const seen = new Set<string>();
  if (view.thread) {
    for (const m of view.thread.messages) addUnique(out, seen, m.from, account);
    for (const p of view.thread.participants) addUnique(out, seen, p, account);
    if (out.length) return out;
  }
  const compose =
    view.composes.find((c) => c.focused) ?? (view.composes.length === 1 ? view.composes[0] : undefined);
  if (compose) {
    for (const p of compose.to) addUnique(out, seen, p, account);
    for (const p of compose.cc) addUnique(out, seen, p, account);
    for (const p of compose.bcc ?? []) addUnique(out, seen, p, account);
  }
  return out;
}

/**
 * Every address that authored something in view (thread messages and message-list rows), for
 * reply detection. Lower-case, deduplicated, the account left out.
 */
export function senderEmails(view: PageView | null | undefined): string[] {
  if (!view) return [];
  const account = (view.accountEmail ?? '').toLowerCase();
  const set = new Set<string>();
  for (const m of view.thread?.messages ?? []) set.add(m.from.email.toLowerCase());
  for (const r of view.inboxRows) set.add(r.from.email.toLowerCase());
  set.delete('');
  set.delete(account);
  return [...set];
}

function capitalise(word: string): string {
  return word ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

/**
 * First and last name from what the page shows: "Bob Buyer", "Buyer, Bob", or, with no name,
 * the address ("bob.buyer@…" → Bob Buyer). The last word is the last name; the rest the first.
 */
export function splitName(name: string, email = ''): { firstName: string; lastName: string } {
  let n = name.replace(/["']/g, '').replace(/\s+/g, ' ').trim();
  if (n.includes('@')) n = '';
  if (n.includes(',')) {
    const [last = '', rest = ''] = n.split(',', 2).map((s) => s.trim());
    if (last && rest) return { firstName: rest, lastName: last };
    n = last || rest;
  }
  if (!n) {
    const local = email.split('@')[0] ?? '';
    const parts = local.split(/[._-]+/).filter((p) => /^[a-z]+$/i.test(p));
    // Only a clean "first.last" reads as a name; "jsmith77" or "info" is better left blank.
    if (parts.length === 2)
      return { firstName: capitalise(parts[0] ?? ''), lastName: capitalise(parts[1] ?? '') };
    return { firstName: '', lastName: '' };
  }
  const words = n.split(' ');
  if (words.length === 1) return { firstName: words[0] ?? '', lastName: '' };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] ?? '' };
}
