import type { DueSummary } from '@/lib/db/queries';
import { t, tn } from '@/lib/i18n';

/**
 * What the toolbar badge shows for a due summary, its title in the interface language (the
 * background calls `initI18n()` first). No database or clock, so it is tested without a browser.
 */
export function badgeFor(summary: DueSummary): { text: string; color: string; title: string } {
  if (summary.due === 0) return { text: '', color: '#1a73e8', title: t('badge_nothing_due') };
  const text = summary.due > 999 ? '999+' : String(summary.due);
  const overdue = summary.overdue > 0;
  return {
    text,
    // Red only when something is past its deadline; due-but-on-time stays calm blue.
    color: overdue ? '#d93025' : '#1a73e8',
    title: overdue
      ? t('badge_due_overdue', { due: summary.due, overdue: summary.overdue })
      : tn('badge_due_now', summary.due),
  };
}
