import { useState } from 'react';
import { useSyncStatus } from '@/components/shared/useSyncStatus';
import type { ContactOwner } from '@/lib/db/schema';
import { t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import { ownerNote, sinceWord } from '@/lib/sync/owner-text';

/** This rep's id while team sync is on (ownership shows nothing otherwise). */
export function useTeamMeId(): string | undefined {
  const { config } = useSyncStatus();
  return config?.enabled ? config.replica : undefined;
}

/**
 * The contacts table's owner chip: the teammate's name on their leads ("Ana", "Ana's lead since
 * Tuesday" on hover); nothing on the rep's own leads, unowned ones, or with sync off.
 */
export function OwnerChip({
  owner,
  meId,
  now,
  timeZone,
}: {
  owner: ContactOwner | undefined;
  meId: string | undefined;
  now: number;
  timeZone: string;
}) {
  const note = ownerNote(owner, meId, now, timeZone);
  if (!note || !owner) return null;
  return (
    <span className="tb-chip tb-owner-chip" title={note} data-testid="contact-owner-chip">
      {owner.name}
    </span>
  );
}

/**
 * The drawer's owner line (team sync on): "Your lead since Tuesday", or "Ana's lead since
 * Tuesday" with Take over (logged, and Ana sees it after her next sync).
 */
export function OwnerLine({
  contactId,
  owner,
  now,
  timeZone,
}: {
  contactId: number;
  owner: ContactOwner | undefined;
  now: number;
  timeZone: string;
}) {
  const meId = useTeamMeId();
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);
  if (!meId || !owner) return null;
  const theirs = ownerNote(owner, meId, now, timeZone);
  const takeOver = async () => {
    setBusy(true);
    try {
      await request('contact.takeOver', { contactId, via: 'dashboard' });
      setStatus({ text: t('sync_take_over_done') });
    } catch (err) {
      setStatus({ text: err instanceof Error ? err.message : String(err), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <p className="tb-row" data-testid="drawer-owner">
      {theirs ? (
        <>
          <strong>{theirs}</strong>
          <button
            type="button"
            disabled={busy}
            title={t('sync_take_over_title')}
            onClick={() => void takeOver()}
            data-testid="drawer-take-over"
          >
            {t('sync_take_over')}
          </button>
        </>
      ) : (
        <span className="tb-muted">
          {t('sync_owner_mine_since', { when: sinceWord(owner.since, now, timeZone) })}
        </span>
      )}
      {status ? (
        <span className={status.error ? 'tb-problem error' : 'tb-muted'} role="status">
          {status.text}
        </span>
      ) : null}
    </p>
  );
}
