import { useEffect, useMemo, useRef, useState } from 'react';
import type { CallOutcome } from '@/lib/cadence/types';
import type { TouchRow } from '@/lib/db';
import { draftFor, missingLanguage, toRenderActivities } from '@/lib/drafts/draft';
import { LANGUAGE_NAMES } from '@/lib/templates/language';
import { CHANNEL_WORDS, gmailComposeUrl, telHref, webHref } from '@/lib/touches';
import { useContactData } from '@/components/shared/useContactData';
import { DraftText } from './DraftText';
import { type MessageKey, messageMap, nameList, t, tn } from '@/lib/i18n';
import { renderMsg } from '@/lib/i18n/message';

/** What the rep can do from the panel; the app turns each into a background request. */
export type TouchAct =
  | { kind: 'done'; text?: string }
  | { kind: 'skip' }
  | { kind: 'snooze'; minutes: number; label: string }
  | { kind: 'outcome'; outcome: CallOutcome };

export interface TouchPanelProps {
  touch: TouchRow;
  now: number;
  busy: boolean;
  /** Set when an earlier step of the same sequence must be done first (the engine keeps order). */
  waitsFor: TouchRow | undefined;
  /** Label and minutes of "tomorrow morning" in the rep's zone. */
  tomorrow: { minutes: number; label: string };
  /** Set by the keyboard shortcut "c": copy the draft once it is ready, then call `onCopied`. */
  copyPending: boolean;
  onCopied: () => void;
  onAct: (act: TouchAct) => void;
  onStatus: (text: string, error?: boolean) => void;
}

const REP_FIELD_WORDS: Record<string, string> = messageMap({
  'rep.name': 'rep_field_name',
  'rep.company': 'rep_field_company',
  'rep.phone': 'rep_field_phone',
  'rep.signature': 'rep_field_signature',
  'rep.bookingLink': 'rep_field_booking_link',
  'rep.reconnectLink': 'rep_field_reconnect_link',
});

const OUTCOMES: { outcome: CallOutcome; label: MessageKey }[] = [
  { outcome: 'answered', label: 'outcome_answered' },
  { outcome: 'voicemail', label: 'outcome_voicemail' },
  { outcome: 'no-answer', label: 'outcome_no_answer' },
];

/** The expanded row: the drafted text for the touch and one-click ways to act on it. */
export function TouchPanel({
  touch,
  now,
  busy,
  waitsFor,
  tomorrow,
  copyPending,
  onCopied,
  onAct,
  onStatus,
}: TouchPanelProps) {
  const data = useContactData(touch.contactId);
  // The draft is rendered for the minute the panel opened: a ticking clock must not re-render it.
  const [draftNow] = useState(now);
  const draft = useMemo(() => {
    if (!data) return undefined;
    return draftFor({
      purpose: touch.purpose,
      channel: touch.channel,
      contact: data.contact,
      settings: data.settings,
      activities: toRenderActivities(data.activities),
      library: data.library,
      now: new Date(draftNow),
    });
  }, [data, touch.purpose, touch.channel, draftNow]);

  // Bring the whole panel into view once its draft is there (the popup scrolls at 600 px).
  const panelRef = useRef<HTMLDivElement>(null);
  const ready = draft !== undefined;
  useEffect(() => {
    if (ready) panelRef.current?.scrollIntoView({ block: 'nearest' });
  }, [ready]);

  const copyText = draft
    ? [touch.channel === 'email' ? draft.result.subject : undefined, draft.result.body]
        .filter(Boolean)
        .join('\n\n')
    : undefined;

  const copy = async () => {
    if (!copyText) return;
    try {
      await navigator.clipboard.writeText(copyText);
      onStatus(t('common_copied'));
    } catch {
      onStatus(t('common_copy_failed'), true);
    }
  };

  useEffect(() => {
    if (!copyPending || !copyText) return;
    onCopied();
    void navigator.clipboard.writeText(copyText).then(
      () => onStatus(t('common_copied')),
      () => onStatus(t('common_copy_failed'), true),
    );
  }, [copyPending, copyText, onCopied, onStatus]);

  if (data === undefined) return <div className="tb-panel tb-muted">{t('common_loading')}</div>;
  if (data === null || !draft)
    return <div className="tb-panel tb-problem error">{t('popup_contact_gone')}</div>;

  const { contact } = data;
  const { result } = draft;
  const phone = contact.phone.trim();
  // The rep's own missing details are one fix in one place: say it once.
  const repMissing = [
    ...new Set(
      result.problems
        .filter((p) => p.code === 'missing-value' && p.field?.startsWith('rep.'))
        .map((p) => REP_FIELD_WORDS[p.field ?? ''] ?? (p.field ?? '').slice(4)),
    ),
  ];
  const openSettings = () => {
    void browser.tabs.create({ url: browser.runtime.getURL('/options.html#/settings') });
  };
  const profileHref = webHref(contact.linkedinUrl);
  const openGmail = () => {
    void browser.tabs.create({
      url: gmailComposeUrl({ to: contact.email, subject: result.subject, body: result.body }),
    });
  };

  return (
    <div className="tb-panel" data-testid="touch-panel" ref={panelRef}>
      {(touch.channel === 'call' || touch.channel === 'voicemail' || touch.channel === 'sms') && (
        <p className="tb-panel-line">
          {phone ? (
            <a href={telHref(phone)} data-testid="tel-link">
              {phone}
            </a>
          ) : (
            <span className="tb-problem error">{t('popup_no_phone')}</span>
          )}
        </p>
      )}
      {touch.channel === 'email' && (
        <p className="tb-panel-line">
          <span className="tb-muted">{t('popup_to')} </span>
          {contact.email}
          {result.subjectSegments && (
            <>
              <br />
              <span className="tb-muted">{t('popup_subject')} </span>
              <DraftText segments={result.subjectSegments} label={t('popup_subject')} inline />
            </>
          )}
        </p>
      )}
      <div className="tb-actions tb-actions-primary">
        {touch.channel === 'email' && (
          <button type="button" className="primary" onClick={openGmail} data-testid="open-gmail">
            {t('popup_open_gmail')}
          </button>
        )}
        {touch.channel === 'call' &&
          !waitsFor &&
          OUTCOMES.map((o) => (
            <button
              key={o.outcome}
              type="button"
              className={o.outcome === 'answered' ? 'primary' : undefined}
              disabled={busy}
              onClick={() => onAct({ kind: 'outcome', outcome: o.outcome })}
            >
              {t(o.label)}
            </button>
          ))}
        {touch.channel !== 'task' && (
          <button type="button" onClick={() => void copy()} title={t('popup_copy_title')}>
            {t('common_copy')}
          </button>
        )}
        {touch.channel === 'linkedin' && profileHref && (
          <a className="tb-link-button" href={profileHref} target="_blank" rel="noreferrer noopener">
            {t('popup_linkedin_profile')}
          </a>
        )}
      </div>
      {touch.channel !== 'task' && (
        <DraftText
          segments={result.segments}
          label={
            touch.channel === 'call'
              ? t('draft_label_call')
              : touch.channel === 'email'
                ? t('draft_label_email')
                : t('draft_label_message')
          }
        />
      )}
      <ul className="tb-facts">
        {draft && data && missingLanguage(draft.template, data.contact.language) ? (
          <li className="tb-problem" data-testid="draft-language-note">
            {t('popup_language_missing', {
              language: LANGUAGE_NAMES[missingLanguage(draft.template, data.contact.language) ?? 'en'],
            })}
          </li>
        ) : null}
        {result.sms && (
          <li className={result.sms.segments > 1 ? 'tb-problem' : 'tb-muted'}>
            {tn('draft_sms_segments', result.sms.segments, {
              used: result.sms.used,
              capacity: result.sms.segments * result.sms.perSegment,
              encoding: result.sms.encoding,
            })}
          </li>
        )}
        {result.speaking && (
          <li className={result.speaking.overLimit ? 'tb-problem' : 'tb-muted'}>
            {t(result.speaking.overLimit ? 'draft_voicemail_too_long' : 'draft_voicemail_length', {
              seconds: Math.round(result.speaking.seconds),
            })}
          </li>
        )}
        {repMissing.length > 0 && (
          <li className="tb-problem">
            {tn('draft_rep_missing', repMissing.length, { fields: nameList(repMissing) })}{' '}
            <button type="button" className="tb-inline-link" onClick={openSettings}>
              {t('draft_add_in_settings')}
            </button>
          </li>
        )}
        {result.problems
          .filter(
            (p) =>
              p.code !== 'sms-segments' &&
              p.code !== 'voicemail-too-long' &&
              !(p.code === 'missing-value' && p.field?.startsWith('rep.')),
          )
          .map((p) => (
            <li
              key={`${p.code}-${p.field ?? ''}`}
              className={`tb-problem${p.severity === 'error' ? ' error' : ''}`}
            >
              {p.msg ? renderMsg(p.msg) : p.message}
            </li>
          ))}
      </ul>
      {touch.channel === 'email' && !waitsFor && (
        <p className="tb-hint tb-muted">{t('popup_after_sending')}</p>
      )}
      {waitsFor ? (
        <p className="tb-hint tb-muted" data-testid="waits-for">
          {t('popup_waits_for', { step: waitsFor.step, channel: CHANNEL_WORDS[waitsFor.channel] })}
        </p>
      ) : (
        <div className="tb-actions tb-actions-secondary">
          <button
            type="button"
            className={touch.channel === 'call' ? undefined : 'primary'}
            disabled={busy}
            onClick={() => onAct({ kind: 'done', text: copyText })}
            title={t('touch_done_title')}
          >
            {t('touch_done')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => onAct({ kind: 'skip' })}
            title={t('touch_skip_title')}
          >
            {t('touch_skip')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => onAct({ kind: 'snooze', minutes: 60, label: t('touch_snooze_hour') })}
            title={t('touch_snooze_hour_title')}
          >
            {t('touch_snooze_hour')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => onAct({ kind: 'snooze', minutes: tomorrow.minutes, label: tomorrow.label })}
          >
            {tomorrow.label}
          </button>
        </div>
      )}
    </div>
  );
}
