import { useState } from 'react';
import type { ContactRow } from '@/lib/db/schema';
import { request } from '@/lib/messaging/client';
import { type FreshValue, freshValues, missingKeys } from '@/lib/sidebar/record';
import type { RecordView } from '@/lib/sites/types';
import { t } from '@/lib/i18n';

/**
 * What the record page shows of its person (title, emails, phones as call links, the profile),
 * and, for a known contact, the page's newer values offered as an update: never written until the
 * rep clicks, so nothing the rep typed is overwritten behind their back.
 */
export function RecordFacts({ record, contact }: { record: RecordView; contact?: ContactRow }) {
  const [dismissed, setDismissed] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const fresh = contact ? freshValues(record, contact) : [];
  const signature = JSON.stringify(fresh);

  const apply = async (values: FreshValue[]) => {
    if (!contact) return;
    setBusy(true);
    setStatus(undefined);
    try {
      await request('contact.fromPage', {
        contactId: contact.id,
        values: Object.fromEntries(values.map((v) => [v.field, v.fresh])),
        externalIds: missingKeys(record, contact),
        via: 'sidebar',
      });
      setStatus({ text: t('record_updated') });
    } catch (err) {
      setStatus({ text: err instanceof Error ? err.message : String(err), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="sb-card sb-record" data-testid="record-facts" aria-label={t('record_on_page')}>
      <div className="sb-label">{t('record_on_page')}</div>
      <div className="sb-name" data-testid="record-name">
        {record.name || t('record_no_name')}
      </div>
      {record.title || record.company ? (
        <div className="sb-sub tb-muted" data-testid="record-role">
          {[record.title, record.company].filter(Boolean).join(' · ')}
        </div>
      ) : null}
      <ul className="sb-facts">
        {record.emails.map((e) => (
          <li key={e} data-testid="record-email">
            {e}
          </li>
        ))}
        {record.phones.map((p) => (
          <li key={p}>
            <a className="sb-link" href={`tel:${p.replace(/[^\d+]/g, '')}`} data-testid="record-phone">
              {p}
            </a>
          </li>
        ))}
        {record.linkedinUrl ? (
          <li>
            <a className="sb-link" href={record.linkedinUrl} target="_blank" rel="noopener noreferrer">
              {t('popup_linkedin_profile')}
            </a>
          </li>
        ) : null}
        {!record.emails.length ? (
          <li className="tb-muted" data-testid="record-no-email">
            {t('record_no_email')}
          </li>
        ) : null}
      </ul>
      {fresh.length && dismissed !== signature ? (
        <div className="sb-fresh" data-testid="record-fresh">
          <p>{t('record_newer')}</p>
          <ul>
            {fresh.map((v) => (
              <li key={v.field} data-testid={`fresh-${v.field}`}>
                <strong>{v.label}</strong> {v.fresh}
                {v.stored ? (
                  <span className="tb-muted"> {t('record_yours', { value: v.stored })}</span>
                ) : null}
              </li>
            ))}
          </ul>
          <div className="tb-row">
            <button
              type="button"
              className="primary"
              disabled={busy}
              data-testid="fresh-apply"
              onClick={() => void apply(fresh)}
            >
              {t('record_update')}
            </button>
            <button
              type="button"
              disabled={busy}
              data-testid="fresh-keep"
              onClick={() => setDismissed(signature)}
            >
              {t('record_keep_mine')}
            </button>
          </div>
        </div>
      ) : null}
      {status ? (
        <p className={`sb-status${status.error ? ' error' : ''}`} role="status" data-testid="fresh-status">
          {status.text}
        </p>
      ) : null}
    </section>
  );
}
