import { coarseDuration } from '@/lib/format/datetime';
import type { SyncStatus } from './setup';

/** One line about team sync for the popup and settings ("Synced 2 min ago · 3 changes waiting"). */
export function syncStatusLine(status: SyncStatus | undefined, now: number): string {
  if (!status || status.state === 'off') return 'Team sync is off.';
  const pending =
    status.pending > 0
      ? ` · ${status.pending} change${status.pending === 1 ? '' : 's'} waiting to be sent`
      : '';
  const last =
    status.lastSyncedAt !== undefined
      ? `last synced ${agoText(now - status.lastSyncedAt)}`
      : 'not synced yet';
  if (status.state === 'syncing') return `Syncing… (${last})${pending}`;
  if (status.state === 'error')
    return `Sync failed: ${status.error?.message ?? 'unknown error'} (${last})${pending}`;
  return `Synced: ${last}${pending}`;
}

function agoText(ms: number): string {
  return ms < 60_000 ? 'just now' : `${coarseDuration(ms)} ago`;
}
