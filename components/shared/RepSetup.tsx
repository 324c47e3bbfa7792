import { useMemo, useState } from 'react';
import { TimeZonePicker } from '@/components/ui/TimeZonePicker';
import { WindowInput } from '@/components/ui/WindowInput';
import { timeZoneNames } from '@/lib/contacts/phone-zone';
import type { RepSettings } from '@/lib/db/schema';
import { request } from '@/lib/messaging/client';
import { validateSettings } from '@/lib/settings/validate';
import { missingProfileFields, suggestedSignature } from '@/lib/settings/setup';
import './contact-editor.css';

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
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  const missing = missingProfileFields(settings);

  if (collapsed)
    return (
      <section className="tb-setup compact" aria-label="Set up Touchbase" data-testid="rep-setup">
        <p>
          <strong>Welcome to Touchbase.</strong> Add your name and signature so drafts are ready to send.
        </p>
        <div className="ce-actions">
          <button
            type="button"
            className="primary"
            data-testid="setup-open"
            onClick={() => setCollapsed(false)}
          >
            Set up
          </button>
          <button type="button" disabled={busy} data-testid="setup-skip" onClick={() => void finish({})}>
            Skip
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
      aria-label="Set up Touchbase"
      data-testid="rep-setup"
    >
      <h2>Welcome to Touchbase</h2>
      <p className="tb-muted">
        Two minutes now and every draft is ready to send.{' '}
        {missing.length
          ? `Until then, drafts carry ${missing.map((m) => `[${m}]`).join(', ')} and Touchbase flags them before you insert one.`
          : ''}
      </p>
      <form
        className={`ce-form${compact ? ' compact' : ''}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (problems.length) {
            setError(problems.map((p) => p.message).join(' '));
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
            <span>Your name</span>
            <input value={form.name} data-testid="setup-name" onChange={(e) => set('name', e.target.value)} />
          </label>
          <label className="ce-field">
            <span>Company</span>
            <input
              value={form.company}
              data-testid="setup-company"
              onChange={(e) => set('company', e.target.value)}
            />
          </label>
          <label className="ce-field">
            <span>Phone</span>
            <input
              type="tel"
              value={form.phone}
              data-testid="setup-phone"
              onChange={(e) => set('phone', e.target.value)}
            />
          </label>
          <label className="ce-field">
            <span>Booking link</span>
            <input
              type="url"
              value={form.bookingLink}
              placeholder="https://…"
              data-testid="setup-bookingLink"
              onChange={(e) => set('bookingLink', e.target.value)}
            />
          </label>
          <label className="ce-field ce-wide">
            <span>Signature</span>
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
            <span>Your time zone</span>
            <TimeZonePicker
              value={form.timeZone}
              zones={zones}
              onChange={(z) => set('timeZone', z)}
              suggestions={proposed ? [proposed] : []}
              suggestionLabel="Your browser says:"
              invalid={problems.some((p) => p.field === 'timeZone')}
              testId="setup-timeZone"
              label="Your time zone"
            />
          </div>
          <div className="ce-field ce-wide">
            <span>Texts and calls go out (in each contact's zone)</span>
            <WindowInput
              value={form.window}
              onChange={(w) => set('window', w)}
              label="Contact window"
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
            Save and start
          </button>
          <button type="button" disabled={busy} data-testid="setup-skip" onClick={() => void finish({})}>
            Skip for now
          </button>
          <span className="tb-muted">You can change all of this later in Settings.</span>
        </div>
      </form>
    </section>
  );
}
