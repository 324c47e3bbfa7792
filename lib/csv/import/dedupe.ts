import type { ContactDraft, DedupePlan } from './types';

/**
 * Splits drafts against the e-mails already stored (compared case-insensitively). In `skip` mode
 * known contacts are left alone; in `update` mode they are returned for updating. A repeat of an
 * e-mail within `drafts` itself is skipped.
 */
export function planDedupe(
  drafts: readonly ContactDraft[],
  existingEmails: ReadonlySet<string>,
  mode: 'skip' | 'update',
): DedupePlan {
  const existing = new Set<string>();
  for (const e of existingEmails) existing.add(e.trim().toLowerCase());
  const plan: DedupePlan = { toCreate: [], toUpdate: [], skipped: [] };
  const seen = new Set<string>();
  for (const draft of drafts) {
    const key = draft.email.trim().toLowerCase();
    if (seen.has(key)) {
      plan.skipped.push(draft);
      continue;
    }
    seen.add(key);
    if (!existing.has(key)) plan.toCreate.push(draft);
    else if (mode === 'update') plan.toUpdate.push(draft);
    else plan.skipped.push(draft);
  }
  return plan;
}
