import { coarseDuration } from '@/lib/format/datetime';
import { t, tn, uiLocale } from '@/lib/i18n';
import { syncProgressText } from './progress-text';
import type { SyncStatus } from './setup';
import { renderMsg } from '@/lib/i18n/message';

/**
 * One line about team sync for the popup and settings ("Synced: last synced 2 min ago · 3 changes
 * waiting to be sent"), in the interface language. The error's own words are the sync error's.
 */
export function syncStatusLine(status: SyncStatus | undefined, now: number): string {
  if (!status || status.state === 'off') return t('sync_status_off');
  const last =
    status.lastSyncedAt !== undefined
      ? t('sync_last_synced', { when: agoText(now - status.lastSyncedAt) })
      : t('sync_not_synced_yet');
  // A long run (a first sync) says how far it has come instead.
  if (status.state === 'syncing' && status.progress) return syncProgressText(status.progress);
  const line =
    status.state === 'syncing'
      ? t('sync_status_syncing', { last })
      : status.state === 'error'
        ? t('sync_status_error', {
            error: status.error
              ? status.error.msg
                ? renderMsg(status.error.msg)
                : status.error.message
              : t('sync_unknown_error'),
            last,
          })
        : t('sync_status_ok', { last });
  const refused =
    status.state === 'ok' && status.refused ? `${line} · ${tn('sync_refused', status.refused)}` : line;
  return status.pending > 0 ? `${refused} · ${tn('sync_pending', status.pending)}` : refused;
}

function agoText(ms: number): string {
  return ms < 60_000 ? t('sync_just_now') : t('sync_ago', { duration: coarseDuration(ms, uiLocale()) });
}
