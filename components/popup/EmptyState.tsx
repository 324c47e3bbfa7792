import { t } from '@/lib/i18n';

/** What a rep with nothing planned sees: how to get the first contacts in. */
export function EmptyState({ onImport }: { onImport: () => void }) {
  return (
    <section className="tb-empty" data-testid="popup-empty">
      <h2>{t('popup_empty_title')}</h2>
      <p>{t('popup_empty_intro')}</p>
      <ol>
        <li>{t('popup_empty_step_gmail')}</li>
        <li>{t('popup_empty_step_import')}</li>
      </ol>
      <button type="button" className="primary" onClick={onImport} data-testid="empty-import">
        {t('popup_empty_import')}
      </button>
    </section>
  );
}
