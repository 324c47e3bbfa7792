import { useMemo, useState } from 'react';
import { TimeZonePicker } from '@/components/ui/TimeZonePicker';
import { WindowInput } from '@/components/ui/WindowInput';
import { timeZoneNames } from '@/lib/contacts/phone-zone';
import type { RepSettings } from '@/lib/db/schema';
import { request } from '@/lib/messaging/client';
import { validateSettings } from '@/lib/settings/validate';
import { missingProfileFields, suggestedSignature } from '@/lib/settings/setup';
import './contact-editor.css';
import { t } from '@/lib/i18n';
import { errorText, renderMsgs } from '@/lib/i18n/message';

function browserZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The short first-run setup, in the Gmail sidebar and the dashboard: who the rep is (drafts sign
 * with it), their zone (the browser's proposed) and the contact window. Skippable; either way it
 * does not come back, and drafts keep flagging the placeholders still empty.
 */
export function RepSetup({
  settings,
  compact,
  collapsed: startCollapsed = false,
}: {
  settings: RepSettings;
  compact?: boolean;
  /** Start as a one-line greeting with "Set up" (the sidebar, where space is short). */
  collapsed?: boolean;
}) {
  const proposed = browserZone();
  const [collapsed, setCollapsed] = useState(startCollapsed);
  const [form, setForm] = useState(() => ({
    name: settings.name,
    company: settings.company,
    phone: settings.phone,
    signature: settings.signature,
    bookingLink: settings.bookingLink,
    timeZone: proposed ?? settings.timeZone,
    window: settings.window,
  }));
  const [signatureTouched, setSignatureTouched] = useState(settings.signature !== '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const zones = useMemo(timeZoneNames, []);
  const problems = validateSettings({
    timeZone: form.timeZone,
    window: form.window,
    bookingLink: form.bookingLink,
  });
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => {
    setForm((f) => {
      const next = { ...f, [k]: v };
      // Until the rep writes their own, the signature follows the name and company.
      if (!signatureTouched && (k === 'name' || k === 'company'))
        next.signature = suggestedSignature(next.name, next.company);
      return next;
    });
    setError(undefined);
  };

  const finish = async (patch: Partial<RepSettings>) => {
    setBusy(true);
    setError(undefined);
    try {
      await request('settings.save', { patch: { ...patch, setupDone: true } });
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  const missing = missingProfileFields(settings);

  if (collapsed)
    return (
      <section className="tb-setup compact" aria-label={t('setup_label')} data-testid="rep-setup">
        <p>
          <strong>{t('setup_welcome_dot')}</strong> {t('setup_compact_text')}
        </p>
        <div className="ce-actions">
          <button
            type="button"
            className="primary"
            data-testid="setup-open"
            onClick={() => setCollapsed(false)}
          >
            {t('setup_open')}
          </button>
          <button type="button" disabled={busy} data-testid="setup-skip" onClick={() => void finish({})}>
            {t('touch_skip')}
          </button>
        </div>
        {error ? (
          <p className="tb-problem error" role="alert">
            {error}
          </p>
        ) : null}
      </section>
    );

  return (
    <section
      className={`tb-setup${compact ? ' compact' : ''}`}
      aria-label={t('setup_label')}
      data-testid="rep-setup"
    >
      <h2>{t('setup_welcome')}</h2>
      <p className="tb-muted">
        {t('setup_intro')}{' '}
        {missing.length ? t('setup_missing', { fields: missing.map((m) => `[${m}]`).join(', ') }) : ''}
      </p>
      <form
        className={`ce-form${compact ? ' compact' : ''}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (problems.length) {
            setError(renderMsgs(problems.map((p) => p.msg)));
            return;
          }
          void finish({
            name: form.name.trim(),
            company: form.company.trim(),
            phone: form.phone.trim(),
            signature: form.signature,
            bookingLink: form.bookingLink.trim(),
            timeZone: form.timeZone.trim(),
            window: form.window,
          });
        }}
      >
        <div className="ce-grid">
          <label className="ce-field">
            <span>{t('field_your_name')}</span>
            <input value={form.name} data-testid="setup-name" onChange={(e) => set('name', e.target.value)} />
          </label>
          <label className="ce-field">
            <span>{t('field_company')}</span>
            <input
              value={form.company}
              data-testid="setup-company"
              onChange={(e) => set('company', e.target.value)}
            />
          </label>
          <label className="ce-field">
            <span>{t('field_phone')}</span>
            <input
              type="tel"
              value={form.phone}
              data-testid="setup-phone"
              onChange={(e) => set('phone', e.target.value)}
            />
          </label>
          <label className="ce-field">
            <span>{t('field_booking_link')}</span>
            <input
              type="url"
              value={form.bookingLink}
              placeholder="https://…"
              data-testid="setup-bookingLink"
              onChange={(e) => set('bookingLink', e.target.value)}
            />
          </label>
          <label className="ce-field ce-wide">
            <span>{t('field_signature')}</span>
            <textarea
              rows={2}
              value={form.signature}
              data-testid="setup-signature"
              onChange={(e) => {
                setSignatureTouched(true);
                set('signature', e.target.value);
              }}
            />
          </label>
          <div className="ce-field ce-wide">
            <span>{t('field_your_zone')}</span>
            <TimeZonePicker
              value={form.timeZone}
              zones={zones}
              onChange={(z) => set('timeZone', z)}
              suggestions={proposed ? [proposed] : []}
              suggestionLabel={t('setup_browser_says')}
              invalid={problems.some((p) => p.field === 'timeZone')}
              testId="setup-timeZone"
              label={t('field_your_zone')}
            />
          </div>
          <div className="ce-field ce-wide">
            <span>{t('setup_window_label')}</span>
            <WindowInput
              value={form.window}
              onChange={(w) => set('window', w)}
              label={t('field_contact_window')}
              testId="setup-window"
            />
          </div>
        </div>
        {error ? (
          <p className="tb-problem error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="ce-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="setup-save">
            {t('setup_save')}
          </button>
          <button type="button" disabled={busy} data-testid="setup-skip" onClick={() => void finish({})}>
            {t('setup_skip')}
          </button>
          <span className="tb-muted">{t('setup_later')}</span>
        </div>
      </form>
    </section>
  );
}
