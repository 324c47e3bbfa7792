import { nameList, t } from '@/lib/i18n';

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
  const shown = nameList(others);
  return (
    <div
      className="sb-confirm"
      role="alertdialog"
      aria-label={t('address_label')}
      data-testid="address-confirm"
    >
      <p>{t('address_text', { others: shown, name: who })}</p>
      <div className="tb-row">
        <button type="button" className="primary" data-testid="address-anyway" onClick={onConfirm}>
          {t('address_anyway')}
        </button>
        <button type="button" data-testid="address-cancel" onClick={onCancel}>
          {t('common_cancel')}
        </button>
      </div>
    </div>
  );
}
