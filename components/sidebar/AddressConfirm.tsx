interface Props {
  /** Who the compose is addressed to instead. */
  others: string[];
  /** The contact's name or address, as the rep knows them. */
  who: string;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before a draft goes into a compose addressed to other people. */
export function AddressConfirm({ others, who, onConfirm, onCancel }: Props) {
  const shown = others.slice(0, 3).join(', ') + (others.length > 3 ? ` and ${others.length - 3} more` : '');
  return (
    <div
      className="sb-confirm"
      role="alertdialog"
      aria-label="Different recipient"
      data-testid="address-confirm"
    >
      <p>
        This email is addressed to {shown}, not {who}. Sent like that, it will not count as {who}'s touch.
      </p>
      <div className="tb-row">
        <button type="button" className="primary" data-testid="address-anyway" onClick={onConfirm}>
          Insert anyway
        </button>
        <button type="button" data-testid="address-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
