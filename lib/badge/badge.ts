import type { DueSummary } from '@/lib/db/queries';

/** What the toolbar badge shows for a due summary: pure, so it is tested without a browser. */
export function badgeFor(summary: DueSummary): { text: string; color: string; title: string } {
  if (summary.due === 0) return { text: '', color: '#1a73e8', title: 'Touchbase: nothing due' };
  const text = summary.due > 999 ? '999+' : String(summary.due);
  const overdue = summary.overdue > 0;
  return {
    text,
    // Red only when something is past its deadline; due-but-on-time stays calm blue.
    color: overdue ? '#d93025' : '#1a73e8',
    title: overdue
      ? `Touchbase: ${summary.due} due, ${summary.overdue} overdue`
      : `Touchbase: ${summary.due} due now`,
  };
}
