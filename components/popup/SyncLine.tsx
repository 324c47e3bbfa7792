import { useSyncStatus } from '@/components/shared/useSyncStatus';
import { syncStatusLine } from '@/lib/sync/status-text';

/** Team sync's state in the popup's footer; nothing at all while sync is off. */
export function SyncLine({ now }: { now: number }) {
  const { config, status } = useSyncStatus();
  if (!config?.enabled) return null;
  return (
    <small className={`tb-muted${status?.state === 'error' ? ' error' : ''}`} data-testid="popup-sync">
      {syncStatusLine(status, now)}
    </small>
  );
}
