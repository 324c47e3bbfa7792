/**
 * First run: a new rep's drafts sign off with "[rep.name]", "[rep.company]" and
 * "[rep.signature]" until those are filled in, so the surfaces greet them with a short setup.
 * Pure.
 */
import type { RepSettings } from '@/lib/db/schema';

/** Whether to show the setup: never finished nor skipped, and no name given yet. */
export function needsSetup(s: Pick<RepSettings, 'setupDone' | 'name'>): boolean {
  return s.setupDone !== true && s.name.trim() === '';
}

/** The merge fields a draft still leaves as placeholders, for the setup's explanation. */
export function missingProfileFields(
  s: Pick<RepSettings, 'name' | 'company' | 'signature'>,
): ('rep.name' | 'rep.company' | 'rep.signature')[] {
  const out: ('rep.name' | 'rep.company' | 'rep.signature')[] = [];
  if (!s.name.trim()) out.push('rep.name');
  if (!s.company.trim()) out.push('rep.company');
  if (!s.signature.trim()) out.push('rep.signature');
  return out;
}

/** "Jane Seller\nNorthwind Roofing": a plain signature from the name and company, as a start. */
export function suggestedSignature(name: string, company: string): string {
  return [name.trim(), company.trim()].filter(Boolean).join('\n');
}
