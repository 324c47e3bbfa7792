import { useRef, useState } from 'react';
import { exportBackup, getDb, parseBackup } from '@/lib/db';
import { DELETE_ALL_PHRASE } from '@/lib/db/maintenance';
import { request } from '@/lib/messaging/client';
import { downloadFile, isoDay } from '../contacts/format';

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
      setStatus({ text: 'Backup downloaded. Keep it somewhere safe: it holds your contacts and history.' });
    } catch (err) {
      setStatus({
        text: `The backup failed: ${err instanceof Error ? err.message : String(err)}`,
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
      setStatus({ text: `Restored ${res.rows.toLocaleString()} records from ${file.name}.` });
    } catch (err) {
      setStatus({
        text: `Not restored, your data is unchanged. ${err instanceof Error ? err.message : String(err)}`,
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
      setStatus({ text: 'Everything was deleted. Touchbase starts afresh.' });
      setDeleting(false);
      setConfirmText('');
    } catch (err) {
      setStatus({ text: err instanceof Error ? err.message : String(err), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="tb-danger-zone" aria-labelledby="tb-data-title">
      <h3 id="tb-data-title">Your data</h3>
      <p className="tb-muted" style={{ marginTop: 0 }}>
        Everything stays in this browser. A backup is one JSON file you can restore here or on another
        computer; restoring replaces what is here now.
      </p>
      <div className="tb-row">
        <button type="button" onClick={backup} disabled={busy} data-testid="backup-download">
          Download backup
        </button>
        <button type="button" onClick={() => fileRef.current?.click()} disabled={busy}>
          Restore from a backup…
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
            Delete all data…
          </button>
        )}
      </div>
      {deleting && (
        <div className="tb-confirm" style={{ marginTop: 10 }}>
          <label className="tb-field" style={{ color: 'var(--tb-fg)' }}>
            This deletes every contact, sequence, note and setting. Type {DELETE_ALL_PHRASE} to confirm.
            <input
              value={confirmText}
              onChange={(e) => setConfirmText(e.target.value)}
              aria-label={`Type ${DELETE_ALL_PHRASE} to confirm`}
              data-testid="delete-confirm"
            />
          </label>
          <button
            type="button"
            className="danger-solid"
            disabled={busy || confirmText !== DELETE_ALL_PHRASE}
            onClick={deleteAll}
          >
            Delete everything
          </button>
          <button type="button" onClick={() => setDeleting(false)}>
            Cancel
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
