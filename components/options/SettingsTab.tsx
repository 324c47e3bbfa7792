import { useEffect, useMemo, useState } from 'react';
import { type ContactWindow, LEAD_SOURCES, type LeadSource } from '@/lib/cadence/types';
import type { RepSettings } from '@/lib/db/schema';
import { builtInText, LEAD_SOURCE_LABELS } from '@/lib/labels';
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
import { AssignmentSection } from './settings/AssignmentSection';
import './contacts/data-tabs.css';
import { LeadSourceOptions } from '@/components/ui/LeadSourceOptions';
import { weekdayName } from '@/lib/format/datetime';
import { nameList, t, tn, uiLocale } from '@/lib/i18n';
import { errorText, renderMsg, renderMsgs } from '@/lib/i18n/message';

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
              {weekdayName(d, uiLocale())}
            </label>
          ))}
        </div>
        <span className="tb-times">
          <input
            type="time"
            aria-label={t('window_start', { label })}
            value={value.start}
            onChange={(e) => onChange({ ...value, start: e.target.value })}
          />
          {t('window_to')}
          <input
            type="time"
            aria-label={t('window_end', { label })}
            value={value.end}
            onChange={(e) => onChange({ ...value, end: e.target.value })}
          />
        </span>
      </div>
      {problems.map((p) => (
        <p key={renderMsg(p.msg)} className="tb-problem error">
          {renderMsg(p.msg)}
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

  if (!saved || !draft) return <p className="tb-muted">{t('dash_loading_settings')}</p>;

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
      setStatus({
        text: t('settings_not_saved', { reason: renderMsgs(problems.map((p) => p.msg)) }),
        error: true,
      });
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
      setStatus({ text: t('settings_saved') });
    } catch (err) {
      setStatus({ text: t('settings_not_saved', { reason: errorText(err) }), error: true });
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
        text: replan ? tn('settings_saved_moved', moved) : t('settings_saved_kept'),
      });
    } catch (err) {
      setStatus({ text: t('settings_not_saved', { reason: errorText(err) }), error: true });
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
      setNotifyMessage(t('settings_notify_denied'));
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
        <span key={renderMsg(p.msg)} className="tb-problem error">
          {renderMsg(p.msg)}
        </span>
      ))}
    </label>
  );

  return (
    <div className="tb-settings" data-testid="settings-tab">
      <section>
        <h3>{t('dash_your_profile')}</h3>
        <p className="tb-muted" style={{ marginTop: 0 }}>
          {t('dash_used_in_drafts_your_name')}
        </p>
        <div className="tb-form-grid">
          {text('name', t('field_name'))}
          {text('company', t('field_company'))}
          {text('phone', t('field_phone'), 'tel')}
          {text('bookingLink', t('field_booking_link'), 'url')}
          {text('reconnectLink', t('field_reconnect_link'), 'url')}
          <label className="tb-field wide">
            {t('field_signature')}
            <textarea rows={3} value={draft.signature} onChange={(e) => set('signature', e.target.value)} />
          </label>
        </div>
      </section>

      <section>
        <h3>{t('dash_time_and_hours')}</h3>
        <div className="tb-form-grid">
          <label className="tb-field">
            {t('field_your_zone')}
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
              <span
                key={renderMsg(p.msg)}
                className="tb-problem error"
                data-testid="settings-timeZone-problem"
              >
                {renderMsg(p.msg)}
              </span>
            ))}
          </label>
          <label className="tb-field">
            {t('settings_reengage_days')}
            <input
              type="number"
              min={60}
              max={90}
              value={draft.reengageDays}
              onChange={(e) => set('reengageDays', e.target.valueAsNumber)}
            />
            {problemsFor('reengageDays').map((p) => (
              <span key={renderMsg(p.msg)} className="tb-problem error">
                {renderMsg(p.msg)}
              </span>
            ))}
          </label>
          <WindowField
            label={t('field_contact_window')}
            hint={t('settings_window_hint')}
            value={draft.window}
            onChange={(w) => set('window', w)}
            problems={problemsFor('window')}
            testId="settings-window"
          />
          <WindowField
            label={t('dash_working_hours')}
            hint={t('settings_hours_hint')}
            value={draft.workingHours}
            onChange={(w) => set('workingHours', w)}
            problems={problemsFor('workingHours')}
            testId="settings-working-hours"
          />
        </div>
      </section>

      <section>
        <h3>{t('dash_lead_sources_and_playbooks')}</h3>
        <div className="tb-form-grid">
          <label className="tb-field">
            {t('settings_default_source')}
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
              <th style={{ width: '40%' }}>{t('field_lead_source')}</th>
              <th>{t('dash_playbook_offered_first')}</th>
            </tr>
          </thead>
          <tbody>
            {LEAD_SOURCES.map((s) => (
              <tr key={s}>
                <td>{LEAD_SOURCE_LABELS[s]}</td>
                <td>
                  <select
                    aria-label={t('settings_playbook_for', { source: LEAD_SOURCE_LABELS[s] })}
                    value={draft.defaultPlaybookBySource[s] ?? ''}
                    onChange={(e) => {
                      const next = { ...draft.defaultPlaybookBySource };
                      if (e.target.value) next[s] = e.target.value;
                      else delete next[s];
                      set('defaultPlaybookBySource', next);
                    }}
                  >
                    <option value="">{t('dash_ask_each_time')}</option>
                    {(playbooks ?? []).map((p) => (
                      <option key={p.id} value={p.id}>
                        {builtInText(p.name)}
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
        <h3>{t('dash_reminders')}</h3>
        <label className="tb-toggle">
          <input
            type="checkbox"
            checked={saved.notifications}
            onChange={(e) => void toggleNotifications(e.target.checked)}
            data-testid="settings-notifications"
          />
          <span>
            {t('settings_notifications')}
            <small>{t('dash_chrome_asks_for_permission_the')}</small>
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
            {t('settings_morning_nudge')}
            <small>{t('dash_once_a_day_a_reminder')}</small>
          </span>
        </label>
      </section>

      <div className="tb-savebar">
        {offer ? (
          <div
            className="tb-replan-offer"
            role="alertdialog"
            aria-label={t('dash_replan_running_sequences')}
            data-testid="replan-offer"
          >
            <p>
              <strong data-testid="replan-count">{tn('settings_replan_count', offer.moved)}</strong>{' '}
              {tn('settings_replan_if', offer.enrolments, {
                what: nameList(
                  [
                    saved && !sameWindow(saved.window, offer.patch.window ?? saved.window)
                      ? t('settings_replan_window')
                      : '',
                    saved && saved.reengageDays !== offer.patch.reengageDays
                      ? t('settings_replan_reengage')
                      : '',
                  ].filter(Boolean),
                ),
              })}
            </p>
            <div className="tb-row">
              <button
                type="button"
                className="primary"
                disabled={saving}
                onClick={() => void answerOffer(true)}
                data-testid="replan-accept"
              >
                {t('dash_save_and_move_them')}
              </button>
              <button
                type="button"
                disabled={saving}
                onClick={() => void answerOffer(false)}
                data-testid="replan-decline"
              >
                {t('dash_save_keep_their_times')}
              </button>
              <button type="button" disabled={saving} onClick={() => setOffer(undefined)}>
                {t('common_cancel')}
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
          {saving ? t('common_saving') : t('dash_save_settings')}
        </button>
        <button type="button" onClick={() => setDraft(saved)} disabled={saving || !dirty}>
          {t('common_discard')}
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
        {!status && dirty && <span className="tb-muted">{t('common_unsaved')}</span>}
      </div>

      <LanguageSection />

      <SitesSection />
      <SidePanelSection />

      <TeamSyncSection repName={saved.name} />
      <AssignmentSection />

      <DataSection timeZone={saved.timeZone} />
    </div>
  );
}
