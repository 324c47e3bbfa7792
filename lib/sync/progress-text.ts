import { t } from '@/lib/i18n';
import type { SyncProgress } from './engine';

/** The progress line of a long run ("Receiving your team's records: 42,000 of 120,200…"). */
export function syncProgressText(p: SyncProgress): string {
  const done = Math.min(p.done, p.total ?? p.done);
  if (p.phase === 'receiving')
    return p.total === undefined
      ? t('sync_progress_receiving_so_far', { done })
      : t('sync_progress_receiving', { done, total: p.total });
  return p.total === undefined
    ? t('sync_progress_saving_so_far', { done })
    : t('sync_progress_saving', { done, total: p.total });
}
