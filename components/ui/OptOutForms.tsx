import { useState } from 'react';
import { t } from '@/lib/i18n';

interface ConfirmProps {
  /** "Ada Lovelace" or "3 contacts". */
  who: string;
  busy?: boolean;
  onConfirm(reason: string): void;
  onCancel(): void;
}

/**
 * Opting out is a promise, so it is asked once more: what it does, and an optional reason that
 * is kept with the suppression entry.
 */
export function ConfirmOptOut({ who, busy, onConfirm, onCancel }: ConfirmProps) {
  const [reason, setReason] = useState('');
  return (
    <form
      className="tb-optout-form"
      role="alertdialog"
      aria-label={t('optout_confirm_label')}
      data-testid="optout-confirm"
      onSubmit={(e) => {
        e.preventDefault();
        onConfirm(reason.trim());
      }}
    >
      <p>
        <strong>{t('optout_confirm_question', { who })}</strong> {t('optout_confirm_text')}
      </p>
      <label>
        <span>{t('optout_reason_optional')}</span>
        <input
          value={reason}
          maxLength={500}
          placeholder={t('optout_reason_placeholder')}
          data-testid="optout-reason"
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <div className="tb-row">
        <button type="submit" className="danger-solid" disabled={busy} data-testid="optout-confirm-button">
          {t('optout_button')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common_cancel')}
        </button>
      </div>
    </form>
  );
}

interface WithdrawProps {
  who: string;
  busy?: boolean;
  onWithdraw(reason: string): void;
  onCancel(): void;
}

/** Withdrawing needs a reason, which goes into the contact's history. */
export function WithdrawOptOutForm({ who, busy, onWithdraw, onCancel }: WithdrawProps) {
  const [reason, setReason] = useState('');
  return (
    <form
      className="tb-optout-form"
      aria-label={t('optout_withdraw_label')}
      data-testid="withdraw-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) onWithdraw(reason.trim());
      }}
    >
      <p>
        <strong>{t('optout_withdraw_question', { who })}</strong> {t('optout_withdraw_text')}
      </p>
      <label>
        <span>{t('optout_withdraw_why')}</span>
        <input
          value={reason}
          maxLength={500}
          required
          placeholder={t('optout_withdraw_placeholder')}
          data-testid="withdraw-reason"
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <div className="tb-row">
        <button
          type="submit"
          className="primary"
          disabled={busy || !reason.trim()}
          data-testid="withdraw-confirm"
        >
          {t('optout_withdraw_label')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common_cancel')}
        </button>
      </div>
    </form>
  );
}
