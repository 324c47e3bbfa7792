import { useState } from 'react';

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
      aria-label="Confirm opt-out"
      data-testid="optout-confirm"
      onSubmit={(e) => {
        e.preventDefault();
        onConfirm(reason.trim());
      }}
    >
      <p>
        <strong>Opt out {who}?</strong> Every running sequence stops, nothing goes out on any channel, and
        future imports keep them out until you withdraw it.
      </p>
      <label>
        <span>Reason (optional)</span>
        <input
          value={reason}
          maxLength={500}
          placeholder="e.g. replied STOP, asked by email"
          data-testid="optout-reason"
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <div className="tb-row">
        <button type="submit" className="danger-solid" disabled={busy} data-testid="optout-confirm-button">
          Opt out
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
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
      aria-label="Withdraw opt-out"
      data-testid="withdraw-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) onWithdraw(reason.trim());
      }}
    >
      <p>
        <strong>Withdraw the opt-out of {who}?</strong> Only when they asked to hear from you again. Their
        sequences stay on hold until you resume them.
      </p>
      <label>
        <span>Why (kept in their history)</span>
        <input
          value={reason}
          maxLength={500}
          required
          placeholder="e.g. asked to be contacted again on 3 March"
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
          Withdraw opt-out
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
