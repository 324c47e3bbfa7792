import { useEffect, useState } from 'react';
import { useSyncStatus } from '@/components/shared/useSyncStatus';
import { t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import { releaseServerAccess, requestServerAccess } from '@/lib/sync/access';
import { checkSetup, type SyncSetupInput } from '@/lib/sync/setup';
import { syncStatusLine } from '@/lib/sync/status-text';
import { type Msg, renderMsg } from '@/lib/i18n/message';

const EMPTY: SyncSetupInput = { url: '', database: '', username: '', password: '', repName: '' };

/**
 * Settings → Team sync: the team's CouchDB server, database and the rep's account there. Off
 * until the rep connects; the browser asks for access to that one server at that moment.
 */
export function TeamSyncSection({ repName }: { repName: string }) {
  const { config, status } = useSyncStatus();
  const [form, setForm] = useState<SyncSetupInput>({ ...EMPTY, repName });
  const [errors, setErrors] = useState<Partial<Record<keyof SyncSetupInput, Msg>>>({});
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (!config) return;
    setForm((f) => ({
      ...f,
      url: f.url || config.url,
      database: f.database || config.database,
      username: f.username || config.username,
      repName: config.repName || f.repName,
    }));
  }, [config]);

  const on = config?.enabled === true;
  const set = (k: keyof SyncSetupInput, v: string) => setForm((f) => ({ ...f, [k]: v }));

  function connect() {
    setMessage(undefined);
    const checked = checkSetup(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    // The permission prompt first, straight from the click: the browser shows it only then.
    void requestServerAccess(checked.value.originPattern)
      .then(async (granted) => {
        if (!granted) {
          setMessage({
            text: t('sync_access_denied', { url: checked.value.url }),
            error: true,
          });
          return;
        }
        const res = await request('sync.connect', form);
        if ('failure' in res) {
          setMessage({
            text: t('sync_not_connected', {
              reason: res.failure.msg ? renderMsg(res.failure.msg) : res.failure.message,
            }),
            error: true,
          });
          return;
        }
        setForm((f) => ({ ...f, password: '' }));
        setMessage({ text: t('sync_connected') });
      })
      .catch((err: unknown) =>
        setMessage({ text: err instanceof Error ? err.message : String(err), error: true }),
      )
      .finally(() => setBusy(false));
  }

  async function syncNow() {
    setBusy(true);
    setMessage(undefined);
    try {
      await request('sync.now', {});
    } catch (err) {
      setMessage({ text: err instanceof Error ? err.message : String(err), error: true });
    } finally {
      setBusy(false);
      setNow(Date.now());
    }
  }

  async function turnOff() {
    setBusy(true);
    try {
      await request('sync.off', {});
      const checked = config ? checkSetup({ ...config, password: 'x' }) : undefined;
      if (checked?.ok) await releaseServerAccess(checked.value.originPattern);
      setMessage({ text: t('sync_turned_off') });
    } catch (err) {
      setMessage({ text: err instanceof Error ? err.message : String(err), error: true });
    } finally {
      setBusy(false);
    }
  }

  const field = (k: keyof SyncSetupInput, label: string, props: Record<string, string> = {}) => (
    <label className="tb-field">
      {label}
      <input
        value={form[k]}
        onChange={(e) => set(k, e.target.value)}
        disabled={busy || on}
        aria-invalid={errors[k] ? true : undefined}
        data-testid={`sync-${k}`}
        {...props}
      />
      {errors[k] && (
        <span className="tb-problem error" role="alert">
          {renderMsg(errors[k])}
        </span>
      )}
    </label>
  );

  return (
    <section data-testid="settings-team-sync">
      <h3>{t('sync_title')}</h3>
      <p className="tb-muted" style={{ marginTop: 0 }}>
        {t('sync_intro')}
      </p>
      <div className="tb-form-grid">
        {field('url', t('sync_field_url'), { placeholder: 'https://couch.example.com', type: 'url' })}
        {field('database', t('sync_field_database'), { placeholder: 'team-leads' })}
        {field('username', t('sync_field_username'), { autoComplete: 'username' })}
        {!on &&
          field('password', t('sync_field_password'), { type: 'password', autoComplete: 'current-password' })}
        {field('repName', t('sync_field_rep_name'))}
      </div>
      <p className="tb-muted" role="status" data-testid="sync-status">
        {syncStatusLine(status, now)}
      </p>
      <div className="tb-row">
        {on ? (
          <>
            <button type="button" onClick={() => void syncNow()} disabled={busy} data-testid="sync-now">
              {t('sync_now')}
            </button>
            <button type="button" onClick={() => void turnOff()} disabled={busy} data-testid="sync-off">
              {t('common_turn_off')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={connect}
            disabled={busy}
            data-testid="sync-connect"
          >
            {busy ? t('sync_connecting') : t('sync_connect')}
          </button>
        )}
      </div>
      {message && (
        <p
          className={message.error ? 'tb-problem error' : 'tb-muted'}
          role={message.error ? 'alert' : 'status'}
          data-testid="sync-message"
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
