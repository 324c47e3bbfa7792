import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { WithdrawOptOutForm } from '@/components/ui/OptOutForms';
import { getDb } from '@/lib/db';
import { requestUndoable } from '@/lib/messaging/client';
import type { UndoTicket } from '@/lib/messaging/protocol';
import { t } from '@/lib/i18n';
import { errorText, storedText } from '@/lib/i18n/message';

/**
 * The suppression list, newest first, each with "Withdraw opt-out…": the one place to take back
 * an opt-out when the contact row is gone (deleted, never re-imported).
 */
export function OptOutList({
  onDone,
}: {
  onDone(message: string, undo?: UndoTicket, error?: boolean): void;
}) {
  const rows = useLiveQuery(() => getDb().suppressions.orderBy('at').reverse().toArray(), []);
  const [open, setOpen] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!rows) return null;
  if (!rows.length)
    return (
      <p className="tb-muted" data-testid="optout-list-empty">
        {t('optout_none')}
      </p>
    );
  const withdraw = async (key: string, who: string, reason: string) => {
    setBusy(true);
    try {
      const { undo } = await requestUndoable('contact.withdrawOptOut', {
        suppressionKey: key,
        reason,
        via: 'dashboard',
      });
      setOpen(undefined);
      onDone(t('optout_withdrawn_of', { who }), undo);
    } catch (err) {
      onDone(errorText(err), undefined, true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ul className="tb-optout-list" data-testid="optout-list">
      {rows.map((s) => {
        const who = s.emailLower ?? s.linkedin ?? s.phone ?? s.key;
        return (
          <li key={s.key} data-testid="optout-row">
            <span>
              <strong>{who}</strong>{' '}
              <span className="tb-muted">
                · {new Date(s.at).toISOString().slice(0, 10)}
                {s.reason ? ` · ${storedText(s.reasonMsg, s.reason)}` : ''}
              </span>
            </span>
            {open === s.key ? (
              <WithdrawOptOutForm
                who={who}
                busy={busy}
                onWithdraw={(reason) => void withdraw(s.key, who, reason)}
                onCancel={() => setOpen(undefined)}
              />
            ) : (
              <button
                type="button"
                className="tb-link"
                onClick={() => setOpen(s.key)}
                data-testid="withdraw-open"
              >
                {t('sidebar_withdraw')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
