import { useMemo, useState } from 'react';
import { LanguageSelect } from '@/components/ui/LanguageSelect';
import { TimeZonePicker } from '@/components/ui/TimeZonePicker';
import { WindowInput } from '@/components/ui/WindowInput';
import type { ContactWindow } from '@/lib/cadence/types';
import { languageFromPhone } from '@/lib/contacts/language';
import { suggestZones, timeZoneNames } from '@/lib/contacts/phone-zone';
import {
  type ContactPatch,
  contactPatchProblems,
  formatCustomFields,
  otherEmailsOf,
  parseCustomFields,
  sameWindow,
  splitList,
} from '@/lib/contacts/record';
import type { ContactRow, RepSettings } from '@/lib/db/schema';
import { formatClock } from '@/lib/format/datetime';
import { request } from '@/lib/messaging/client';
import { LANGUAGE_NAMES, type Language } from '@/lib/templates/language';
import './contact-editor.css';
import { t, tn, uiLocale } from '@/lib/i18n';
import { errorText, renderMsg, renderMsgs } from '@/lib/i18n/message';

interface Form {
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  email: string;
  otherEmails: string;
  phone: string;
  otherPhones: string;
  timeZone: string;
  ownWindow: boolean;
  window: ContactWindow;
  linkedinUrl: string;
  custom: string;
  notes: string;
  /** '' = none set: drafts go out in English. */
  language: Language | '';
}

function formOf(c: ContactRow, settings: RepSettings): Form {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    company: c.company,
    title: c.title,
    email: c.email,
    otherEmails: otherEmailsOf(c).join('\n'),
    phone: c.phone,
    otherPhones: (c.otherPhones ?? []).join('\n'),
    timeZone: c.timeZone,
    ownWindow: c.window !== undefined,
    window: c.window ?? settings.window,
    linkedinUrl: c.linkedinUrl ?? '',
    custom: formatCustomFields(c.custom),
    notes: c.notes,
    language: c.language ?? '',
  };
}

/** Only what the rep changed, so a save never rewrites a field someone else just edited. */
function patchOf(c: ContactRow, f: Form): { patch: ContactPatch; badCustom: string[] } {
  const patch: ContactPatch = {};
  for (const k of ['firstName', 'lastName', 'company', 'title', 'email', 'phone', 'timeZone'] as const) {
    if (f[k].trim() !== c[k]) patch[k] = f[k].trim();
  }
  if (f.linkedinUrl.trim() !== (c.linkedinUrl ?? '')) patch.linkedinUrl = f.linkedinUrl.trim();
  if (f.notes !== c.notes) patch.notes = f.notes;
  const emails = splitList(f.otherEmails);
  if (emails.join('\n') !== otherEmailsOf(c).join('\n')) patch.otherEmails = emails;
  const phones = splitList(f.otherPhones);
  if (phones.join('\n') !== (c.otherPhones ?? []).join('\n')) patch.otherPhones = phones;
  if (!f.ownWindow && c.window) patch.window = null;
  if (f.ownWindow && !sameWindow(f.window, c.window)) patch.window = f.window;
  const { fields, bad } = parseCustomFields(f.custom);
  if (JSON.stringify(fields) !== JSON.stringify(c.custom ?? {})) patch.custom = fields;
  if (f.language !== (c.language ?? '')) patch.language = f.language === '' ? null : f.language;
  return { patch, badCustom: bad };
}

interface Props {
  contact: ContactRow;
  settings: RepSettings;
  /** Where the edit comes from, for the activity log. */
  via: 'dashboard' | 'sidebar';
  /** Narrow layout (the Gmail sidebar): one column. */
  compact?: boolean;
  onSaved?(message: string): void;
  onCancel?(): void;
}

/**
 * A contact's record, edited in place: the same form in the dashboard drawer and the Gmail
 * sidebar. Saves go through the background (`contact.update`); a new zone or window replans the
 * contact's future touches there, in the same transaction.
 */
export function ContactEditor({ contact, settings, via, compact, onSaved, onCancel }: Props) {
  const [form, setForm] = useState(() => formOf(contact, settings));
  // The stored row the form started from: a change saved elsewhere (the other surface, an
  // import) refreshes an untouched form, and never overwrites what the rep is typing.
  const [base, setBase] = useState(contact);
  if (base !== contact) {
    if (Object.keys(patchOf(base, form).patch).length === 0) setForm(formOf(contact, settings));
    setBase(contact);
  }
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const zones = useMemo(timeZoneNames, []);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setStatus(undefined);
  };

  const { patch, badCustom } = patchOf(base, form);
  const problems = contactPatchProblems(patch);
  const problemFor = (field: keyof ContactPatch) => problems.filter((p) => p.field === field);
  const dirty = Object.keys(patch).length > 0;
  const suggested = suggestZones(form.phone);
  // Offered, never applied: the rep's pick is what the drafts use.
  const phoneLanguage = form.language === '' ? languageFromPhone(form.phone) : undefined;

  const save = async () => {
    if (badCustom.length) {
      setStatus({ text: t('editor_custom_format', { line: badCustom[0] ?? '' }), error: true });
      return;
    }
    if (problems.length) {
      setStatus({ text: renderMsgs(problems.map((p) => p.msg)), error: true });
      return;
    }
    setBusy(true);
    try {
      const res = await request('contact.update', { contactId: base.id, patch, via });
      const text = res.moved > 0 ? tn('editor_saved_moved', res.moved) : t('common_saved');
      setForm(formOf(res.contact, settings));
      setBase(res.contact);
      setStatus({ text });
      onSaved?.(text);
    } catch (err) {
      setStatus({ text: errorText(err), error: true });
    } finally {
      setBusy(false);
    }
  };

  const field = (
    k: 'firstName' | 'lastName' | 'company' | 'title' | 'email' | 'phone' | 'linkedinUrl',
    label: string,
    type = 'text',
  ) => (
    <label className="ce-field">
      <span>{label}</span>
      <input
        type={type}
        value={form[k]}
        aria-invalid={problemFor(k).length > 0 || undefined}
        data-testid={`contact-${k}`}
        onChange={(e) => set(k, e.target.value)}
      />
      {problemFor(k).map((p) => (
        <span key={renderMsg(p.msg)} className="tb-problem error">
          {renderMsg(p.msg)}
        </span>
      ))}
    </label>
  );

  return (
    <form
      className={`ce-form${compact ? ' compact' : ''}`}
      data-testid="contact-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="ce-grid">
        {field('firstName', t('field_first_name'))}
        {field('lastName', t('field_last_name'))}
        {field('company', t('field_company'))}
        {field('title', t('field_title'))}
        {field('email', t('field_email'), 'email')}
        <label className="ce-field">
          <span>{t('field_other_emails')}</span>
          <textarea
            rows={Math.max(1, form.otherEmails.split('\n').length)}
            value={form.otherEmails}
            placeholder={t('common_one_per_line')}
            data-testid="contact-otherEmails"
            onChange={(e) => set('otherEmails', e.target.value)}
          />
          {problemFor('otherEmails').map((p) => (
            <span key={renderMsg(p.msg)} className="tb-problem error">
              {renderMsg(p.msg)}
            </span>
          ))}
        </label>
        {field('phone', t('field_phone_texts_calls'), 'tel')}
        <label className="ce-field">
          <span>{t('field_other_phones')}</span>
          <textarea
            rows={Math.max(1, form.otherPhones.split('\n').length)}
            value={form.otherPhones}
            placeholder={t('common_one_per_line')}
            data-testid="contact-otherPhones"
            onChange={(e) => set('otherPhones', e.target.value)}
          />
          {problemFor('otherPhones').map((p) => (
            <span key={renderMsg(p.msg)} className="tb-problem error">
              {renderMsg(p.msg)}
            </span>
          ))}
        </label>
        <div className="ce-field ce-wide">
          <span>{t('field_their_zone')}</span>
          <TimeZonePicker
            value={form.timeZone}
            zones={zones}
            onChange={(z) => set('timeZone', z)}
            suggestions={suggested}
            suggestionLabel={t('editor_from_phone')}
            invalid={problemFor('timeZone').length > 0}
            testId="contact-timeZone"
          />
          {problemFor('timeZone').map((p) => (
            <span key={renderMsg(p.msg)} className="tb-problem error">
              {renderMsg(p.msg)}
            </span>
          ))}
        </div>
        <div className="ce-field">
          <span>{t('lang_writes_in')}</span>
          <LanguageSelect
            label={t('lang_select_label')}
            value={form.language}
            onChange={(l) => set('language', l)}
            unsetLabel={t('lang_not_set')}
            testId="contact-language"
          />
          {phoneLanguage && phoneLanguage !== 'en' ? (
            <button
              type="button"
              className="tb-link-button ce-suggest"
              data-testid="contact-language-suggest"
              onClick={() => set('language', phoneLanguage)}
            >
              {t('lang_from_phone', { language: LANGUAGE_NAMES[phoneLanguage] })}
            </button>
          ) : null}
          {problemFor('language').map((p) => (
            <span key={renderMsg(p.msg)} className="tb-problem error">
              {renderMsg(p.msg)}
            </span>
          ))}
        </div>
        <div className="ce-field ce-wide" data-testid="contact-window">
          <label className="ce-check">
            <input
              type="checkbox"
              checked={form.ownWindow}
              data-testid="contact-own-window"
              onChange={(e) => set('ownWindow', e.target.checked)}
            />
            <span>
              {t('editor_own_window')}
              {form.ownWindow ? null : (
                <span className="tb-muted">
                  {' '}
                  {t('editor_using_yours', {
                    start: formatClock(settings.window.start, uiLocale()),
                    end: formatClock(settings.window.end, uiLocale()),
                  })}
                </span>
              )}
            </span>
          </label>
          {form.ownWindow ? (
            <WindowInput
              value={form.window}
              onChange={(w) => set('window', w)}
              label={t('field_window')}
              testId="contact-window-edit"
            />
          ) : null}
          {problemFor('window').map((p) => (
            <span key={renderMsg(p.msg)} className="tb-problem error">
              {renderMsg(p.msg)}
            </span>
          ))}
        </div>
        {field('linkedinUrl', t('field_linkedin_url'), 'url')}
        <label className="ce-field ce-wide">
          <span>{t('field_custom')}</span>
          <textarea
            rows={Math.max(2, form.custom.split('\n').length)}
            value={form.custom}
            placeholder={t('editor_custom_placeholder')}
            data-testid="contact-custom"
            onChange={(e) => set('custom', e.target.value)}
          />
        </label>
        <label className="ce-field ce-wide">
          <span>{t('field_notes')}</span>
          <textarea
            rows={compact ? 2 : 3}
            value={form.notes}
            data-testid="contact-notes"
            onChange={(e) => set('notes', e.target.value)}
          />
        </label>
      </div>
      <div className="ce-actions">
        <button type="submit" className="primary" disabled={busy || !dirty} data-testid="contact-save">
          {busy ? t('common_saving') : t('common_save')}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setForm(formOf(base, settings));
            setStatus(undefined);
            onCancel?.();
          }}
        >
          {onCancel ? t('common_close') : t('common_discard')}
        </button>
        {status ? (
          <span
            className={status.error ? 'tb-problem error' : 'tb-muted'}
            role={status.error ? 'alert' : 'status'}
            data-testid="contact-status"
          >
            {status.text}
          </span>
        ) : dirty ? (
          <span className="tb-muted">{t('common_unsaved')}</span>
        ) : null}
      </div>
    </form>
  );
}
