/**
 * Whose compose a draft would land in. Pure: the sidebar asks before putting Bob's draft into a
 * compose addressed to someone else, because a send only counts for a contact among its recipients.
 */
import type { ComposeView, PageView } from '@/lib/sites/types';

/**
 * The compose an insert goes into, chosen as the content shell's adapter chooses it: the given
 * one, else the focused (or last focused) one, else the last one. Undefined when none is open (a
 * new compose addressed to the contact is opened then).
 */
export function insertTarget(view: PageView | undefined, composeId?: string): ComposeView | undefined {
  const composes = view?.composes ?? [];
  if (composeId) return composes.find((c) => c.id === composeId);
  return composes.find((c) => c.focused) ?? composes[composes.length - 1];
}

/** Everyone the compose is addressed to (To, Cc, Bcc), lower-case, each once. */
export function recipientsOf(c: ComposeView): string[] {
  const out: string[] = [];
  for (const p of [...c.to, ...c.cc, ...(c.bcc ?? [])]) {
    const e = p.email.trim().toLowerCase();
    if (e && !out.includes(e)) out.push(e);
  }
  return out;
}

/**
 * The other people a draft for `email` would go to, when the target compose is addressed to
 * someone and not to them; undefined when the insert is fine (no compose, no recipients yet, or
 * the contact is among them).
 */
export function wrongRecipients(view: PageView | undefined, email: string | undefined): string[] | undefined {
  const target = insertTarget(view);
  if (!target) return undefined;
  const all = recipientsOf(target);
  if (!all.length) return undefined;
  const want = (email ?? '').trim().toLowerCase();
  return want && all.includes(want) ? undefined : all;
}
