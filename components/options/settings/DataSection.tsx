import { useRef, useState } from 'react';
import { exportBackup, getDb, parseBackup } from '@/lib/db';
import { DELETE_ALL_PHRASE } from '@/lib/db/maintenance';
import { request } from '@/lib/messaging/client';
import { downloadFile, isoDay } from '../contacts/format';
import { t } from '@/lib/i18n';
import { errorText } from '@/lib/i18n/message';

/** Backup download, restore from a file, and "delete all data" behind a typed confirmation. */
export function DataSection({ timeZone }: { timeZone: string }) {
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);
  const [confirmText, setConfirmText] = useState('');
  const [deleting, setDeleting] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  async function backup() {
    setBusy(true);
    try {
      const json = await exportBackup(getDb(), Date.now());
      downloadFile([json], `touchbase-backup-${isoDay(Date.now(), timeZone)}.json`, 'application/json');
      setStatus({ text: t('data_backup_done') });
    } catch (err) {
      setStatus({
        text: t('data_backup_failed', { error: errorText(err) }),
        error: true,
      });
    } finally {
      setBusy(false);
    }
  }

  async function restore(file: File) {
    setBusy(true);
    setStatus(undefined);
    try {
      const text = await file.text();
      // Checked here first so a bad file is refused before anything is sent or replaced.
      parseBackup(text, getDb().verno);
      const res = await request('backup.restore', { text });
      setStatus({ text: t('data_restored', { rows: res.rows, file: file.name }) });
    } catch (err) {
      setStatus({
        text: t('data_not_restored', { error: errorText(err) }),
        error: true,
      });
    } finally {
      setBusy(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  }

  async function deleteAll() {
    setBusy(true);
    try {
      await request('data.deleteAll', { confirm: confirmText });
      setStatus({ text: t('data_deleted') });
      setDeleting(false);
      setConfirmText('');
    } catch (err) {
      setStatus({ text: errorText(err), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="tb-danger-zone" aria-labelledby="tb-data-title">
      <h3 id="tb-data-title">{t('dash_your_data')}</h3>
      <p className="tb-muted" style={{ marginTop: 0 }}>
        {t('dash_everything_stays_in_this_browser')}
      </p>
      <div className="tb-row">
        <button type="button" onClick={backup} disabled={busy} data-testid="backup-download">
          {t('dash_download_backup')}
        </button>
        <button type="button" onClick={() => fileRef.current?.click()} disabled={busy}>
          {t('dash_restore_from_a_backup')}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="backup-restore-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void restore(file);
          }}
        />
        <span className="tb-spacer" />
        {!deleting && (
          <button type="button" className="danger" onClick={() => setDeleting(true)} disabled={busy}>
            {t('dash_delete_all_data')}
          </button>
        )}
      </div>
      {deleting && (
        <div className="tb-confirm" style={{ marginTop: 10 }}>
          <label className="tb-field" style={{ color: 'var(--tb-fg)' }}>
            {t('data_delete_confirm', { phrase: DELETE_ALL_PHRASE })}
            <input
              value={confirmText}
              onChange={(e) => setConfirmText(e.target.value)}
              aria-label={t('data_delete_type', { phrase: DELETE_ALL_PHRASE })}
              data-testid="delete-confirm"
            />
          </label>
          <button
            type="button"
            className="danger-solid"
            disabled={busy || confirmText !== DELETE_ALL_PHRASE}
            onClick={deleteAll}
          >
            {t('dash_delete_everything')}
          </button>
          <button type="button" onClick={() => setDeleting(false)}>
            {t('common_cancel')}
          </button>
        </div>
      )}
      {status && (
        <p
          className={`tb-notice${status.error ? ' error' : ''}`}
          role={status.error ? 'alert' : 'status'}
          data-testid="data-status"
          style={{ marginTop: 10 }}
        >
          {status.text}
        </p>
      )}
    </section>
  );
}
