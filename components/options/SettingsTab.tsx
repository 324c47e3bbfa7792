import { useEffect, useMemo, useState } from 'react';
import { type ContactWindow, LEAD_SOURCES, type LeadSource } from '@/lib/cadence/types';
import type { RepSettings } from '@/lib/db/schema';
import { LEAD_SOURCE_LABELS } from '@/lib/labels';
import { sameWindow } from '@/lib/contacts/record';
import { getDb } from '@/lib/db';
import { previewSettingsReplan, type ReplanPreview } from '@/lib/db/replan';
import { request } from '@/lib/messaging/client';
import { type SettingsProblem, validateSettings } from '@/lib/settings/validate';
import { usePlaybooks, useSettings } from './contacts/useDashboardData';
import { scoringOf } from '@/lib/scoring';
import { DataSection } from './settings/DataSection';
import { ScoringSection } from './settings/ScoringSection';
import { SidePanelSection } from './settings/SidePanelSection';
import { LanguageSection } from './settings/LanguageSection';
import { SitesSection } from './settings/SitesSection';
import { TeamSyncSection } from './settings/TeamSyncSection';
import './contacts/data-tabs.css';
import { LeadSourceOptions } from '@/components/ui/LeadSourceOptions';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

function zoneList(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

function WindowField({
  label,
  hint,
  value,
  onChange,
  problems,
  testId,
}: {
  label: string;
  hint: string;
  value: ContactWindow;
  onChange(w: ContactWindow): void;
  problems: SettingsProblem[];
  testId: string;
}) {
  return (
    <div className="tb-field wide" data-testid={testId}>
      <span>
        {label} <span className="tb-muted">— {hint}</span>
      </span>
      <div className="tb-row">
        <div className="tb-days">
          {WEEK_ORDER.map((d) => (
            <label key={d}>
              <input
                type="checkbox"
                checked={value.days.includes(d)}
                onChange={(e) =>
                  onChange({
                    ...value,
                    days: e.target.checked
                      ? [...value.days, d].sort((a, b) => a - b)
                      : value.days.filter((x) => x !== d),
                  })
                }
              />
              {DAY_NAMES[d]}
            </label>
          ))}
        </div>
        <span className="tb-times">
          <input
            type="time"
            aria-label={`${label} start`}
            value={value.start}
            onChange={(e) => onChange({ ...value, start: e.target.value })}
          />
          to
          <input
            type="time"
            aria-label={`${label} end`}
            value={value.end}
            onChange={(e) => onChange({ ...value, end: e.target.value })}
          />
        </span>
      </div>
      {problems.map((p) => (
        <p key={p.message} className="tb-problem error">
          {p.message}
        </p>
      ))}
    </div>
  );
}

/** The rep's profile, hours, defaults, notifications, and data (backup, restore, delete). */
export function SettingsTab() {
  const saved = useSettings();
  const playbooks = usePlaybooks();
  const [draft, setDraft] = useState<RepSettings>();
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const [saving, setSaving] = useState(false);
  const [offer, setOffer] = useState<ReplanPreview & { patch: Partial<RepSettings> }>();
  const [notifyMessage, setNotifyMessage] = useState('');
  const zones = useMemo(zoneList, []);
  const [openedAt] = useState(() => Date.now());

  // Start from the stored settings; later outside changes (restore, delete all) reset the form.
  useEffect(() => {
    if (saved) setDraft(saved);
  }, [saved]);

  if (!saved || !draft) return <p className="tb-muted">Loading settings…</p>;

  const problems = validateSettings(draft);
  const problemsFor = (field: keyof RepSettings) => problems.filter((p) => p.field === field);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const set = <K extends keyof RepSettings>(key: K, value: RepSettings[K]) => {
    setDraft({ ...draft, [key]: value });
    setStatus(undefined);
  };

  async function save() {
    if (!draft) return;
    if (problems.length) {
      setStatus({ text: `Not saved: ${problems.map((p) => p.message).join(' ')}`, error: true });
      return;
    }
    setSaving(true);
    try {
      // Notifications have their own switch (it asks Chrome first), so the form never flips them.
      const { notifications: _n, ...patch } = draft;
      if (saved && (!sameWindow(saved.window, draft.window) || saved.reengageDays !== draft.reengageDays)) {
        // Running sequences were planned with the old values: say what following the new ones
        // would move, and let the rep decide.
        const preview = await previewSettingsReplan(getDb(), patch, Date.now());
        if (preview.enrolments > 0) {
          setOffer({ ...preview, patch });
          return;
        }
      }
      await request('settings.save', { patch });
      setStatus({ text: 'Settings saved.' });
    } catch (err) {
      setStatus({ text: `Not saved: ${err instanceof Error ? err.message : String(err)}`, error: true });
    } finally {
      setSaving(false);
    }
  }

  async function answerOffer(replan: boolean) {
    if (!offer) return;
    setSaving(true);
    try {
      const res = await request('settings.save', { patch: offer.patch, replan });
      const moved = res.moved ?? 0;
      setStatus({
        text: replan
          ? `Settings saved. ${moved} future touch${moved === 1 ? '' : 'es'} moved.`
          : 'Settings saved. Running sequences keep their times; new ones follow the new settings.',
      });
    } catch (err) {
      setStatus({ text: `Not saved: ${err instanceof Error ? err.message : String(err)}`, error: true });
    } finally {
      setOffer(undefined);
      setSaving(false);
    }
  }

  async function toggleNotifications(on: boolean) {
    setNotifyMessage('');
    if (!on) {
      await request('settings.notifications', { enabled: false });
      return;
    }
    // Ask inside the click: Chrome only shows the prompt for a user gesture.
    let granted = false;
    try {
      granted = await browser.permissions.request({ permissions: ['notifications'] });
    } catch {
      granted = false;
    }
    if (!granted) {
      setNotifyMessage(
        'Chrome did not allow notifications, so they stay off. The toolbar badge still shows what is due.',
      );
      return;
    }
    await request('settings.notifications', { enabled: true });
  }

  const text = (
    key: 'name' | 'company' | 'phone' | 'reconnectLink' | 'bookingLink',
    label: string,
    type = 'text',
  ) => (
    <label className="tb-field">
      {label}
      <input
        type={type}
        value={draft[key]}
        onChange={(e) => set(key, e.target.value)}
        data-testid={`settings-${key}`}
      />
      {problemsFor(key).map((p) => (
        <span key={p.message} className="tb-problem error">
          {p.message}
        </span>
      ))}
    </label>
  );

  return (
    <div className="tb-settings" data-testid="settings-tab">
      <section>
        <h3>Your profile</h3>
        <p className="tb-muted" style={{ marginTop: 0 }}>
          Used in drafts: your name and company in greetings and sign-offs, your links where a message offers
          a call.
        </p>
        <div className="tb-form-grid">
          {text('name', 'Name')}
          {text('company', 'Company')}
          {text('phone', 'Phone', 'tel')}
          {text('bookingLink', 'Booking link', 'url')}
          {text('reconnectLink', 'Reconnect link', 'url')}
          <label className="tb-field wide">
            Signature
            <textarea rows={3} value={draft.signature} onChange={(e) => set('signature', e.target.value)} />
          </label>
        </div>
      </section>

      <section>
        <h3>Time and hours</h3>
        <div className="tb-form-grid">
          <label className="tb-field">
            Your time zone
            <input
              list="tb-zones"
              value={draft.timeZone}
              onChange={(e) => set('timeZone', e.target.value)}
              data-testid="settings-timeZone"
              aria-invalid={problemsFor('timeZone').length > 0}
            />
            <datalist id="tb-zones">
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            {problemsFor('timeZone').map((p) => (
              <span key={p.message} className="tb-problem error" data-testid="settings-timeZone-problem">
                {p.message}
              </span>
            ))}
          </label>
          <label className="tb-field">
            Re-engage a finished sequence after (days)
            <input
              type="number"
              min={60}
              max={90}
              value={draft.reengageDays}
              onChange={(e) => set('reengageDays', e.target.valueAsNumber)}
            />
            {problemsFor('reengageDays').map((p) => (
              <span key={p.message} className="tb-problem error">
                {p.message}
              </span>
            ))}
          </label>
          <WindowField
            label="Contact window"
            hint="texts, calls and voicemails only go out then, in the contact’s time zone"
            value={draft.window}
            onChange={(w) => set('window', w)}
            problems={problemsFor('window')}
            testId="settings-window"
          />
          <WindowField
            label="Working hours"
            hint="meeting times offered in drafts fall inside them"
            value={draft.workingHours}
            onChange={(w) => set('workingHours', w)}
            problems={problemsFor('workingHours')}
            testId="settings-working-hours"
          />
        </div>
      </section>

      <section>
        <h3>Lead sources and playbooks</h3>
        <div className="tb-form-grid">
          <label className="tb-field">
            Default lead source for new contacts
            <select
              value={draft.defaultSource}
              onChange={(e) => set('defaultSource', e.target.value as LeadSource)}
            >
              <LeadSourceOptions />
            </select>
          </label>
        </div>
        <table className="tb-table tb-source-table" style={{ marginTop: 10 }}>
          <thead>
            <tr>
              <th style={{ width: '40%' }}>Lead source</th>
              <th>Playbook offered first</th>
            </tr>
          </thead>
          <tbody>
            {LEAD_SOURCES.map((s) => (
              <tr key={s}>
                <td>{LEAD_SOURCE_LABELS[s]}</td>
                <td>
                  <select
                    aria-label={`Playbook for ${LEAD_SOURCE_LABELS[s]}`}
                    value={draft.defaultPlaybookBySource[s] ?? ''}
                    onChange={(e) => {
                      const next = { ...draft.defaultPlaybookBySource };
                      if (e.target.value) next[s] = e.target.value;
                      else delete next[s];
                      set('defaultPlaybookBySource', next);
                    }}
                  >
                    <option value="">Ask each time</option>
                    {(playbooks ?? []).map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <ScoringSection value={scoringOf(draft)} onChange={(v) => set('scoring', v)} now={openedAt} />

      <section>
        <h3>Reminders</h3>
        <label className="tb-toggle">
          <input
            type="checkbox"
            checked={saved.notifications}
            onChange={(e) => void toggleNotifications(e.target.checked)}
            data-testid="settings-notifications"
          />
          <span>
            Desktop notifications when a touch is due
            <small>Chrome asks for permission the first time.</small>
          </span>
        </label>
        {notifyMessage && (
          <p className="tb-problem" role="status">
            {notifyMessage}
          </p>
        )}
        <label className="tb-toggle">
          <input
            type="checkbox"
            checked={draft.dailyNudge}
            onChange={(e) => set('dailyNudge', e.target.checked)}
          />
          <span>
            Morning nudge
            <small>Once a day, a reminder of what is due today.</small>
          </span>
        </label>
      </section>

      <div className="tb-savebar">
        {offer ? (
          <div
            className="tb-replan-offer"
            role="alertdialog"
            aria-label="Replan running sequences"
            data-testid="replan-offer"
          >
            <p>
              <strong data-testid="replan-count">
                {offer.moved} future touch{offer.moved === 1 ? '' : 'es'} will move
              </strong>{' '}
              if the {offer.enrolments} running sequence{offer.enrolments === 1 ? '' : 's'} follow the new{' '}
              {[
                saved && !sameWindow(saved.window, offer.patch.window ?? saved.window)
                  ? 'contact window'
                  : '',
                saved && saved.reengageDays !== offer.patch.reengageDays ? 're-engage delay' : '',
              ]
                .filter(Boolean)
                .join(' and ')}
              . Touches already done never move.
            </p>
            <div className="tb-row">
              <button
                type="button"
                className="primary"
                disabled={saving}
                onClick={() => void answerOffer(true)}
                data-testid="replan-accept"
              >
                Save and move them
              </button>
              <button
                type="button"
                disabled={saving}
                onClick={() => void answerOffer(false)}
                data-testid="replan-decline"
              >
                Save, keep their times
              </button>
              <button type="button" disabled={saving} onClick={() => setOffer(undefined)}>
                Cancel
              </button>
            </div>
          </div>
        ) : null}
        <button
          type="button"
          className="primary"
          onClick={save}
          disabled={saving || !dirty}
          data-testid="settings-save"
        >
          {saving ? 'Saving…' : 'Save settings'}
        </button>
        <button type="button" onClick={() => setDraft(saved)} disabled={saving || !dirty}>
          Discard changes
        </button>
        {status && (
          <span
            className={status.error ? 'tb-problem error' : 'tb-muted'}
            role={status.error ? 'alert' : 'status'}
            data-testid="settings-status"
          >
            {status.text}
          </span>
        )}
        {!status && dirty && <span className="tb-muted">Unsaved changes</span>}
      </div>

      <LanguageSection />

      <SitesSection />
      <SidePanelSection />

      <TeamSyncSection repName={saved.name} />

      <DataSection timeZone={saved.timeZone} />
    </div>
  );
}
