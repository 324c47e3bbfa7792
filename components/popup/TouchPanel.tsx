import { useEffect, useMemo, useRef, useState } from 'react';
import type { CallOutcome } from '@/lib/cadence/types';
import type { TouchRow } from '@/lib/db';
import { draftFor, missingLanguage, toRenderActivities } from '@/lib/drafts/draft';
import { LANGUAGE_NAMES } from '@/lib/templates/language';
import { nameList } from '@/lib/notify/nudge';
import { CHANNEL_LABELS, gmailComposeUrl, telHref, webHref } from '@/lib/touches';
import { useContactData } from '@/components/shared/useContactData';
import { DraftText } from './DraftText';

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

const REP_FIELD_WORDS: Record<string, string> = {
  'rep.name': 'name',
  'rep.company': 'company name',
  'rep.phone': 'phone number',
  'rep.signature': 'signature',
  'rep.bookingLink': 'booking link',
  'rep.reconnectLink': 'reconnect link',
};

const OUTCOMES: { outcome: CallOutcome; label: string }[] = [
  { outcome: 'answered', label: 'Answered' },
  { outcome: 'voicemail', label: 'Left voicemail' },
  { outcome: 'no-answer', label: 'No answer' },
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
      onStatus('Copied to the clipboard.');
    } catch {
      onStatus('Could not copy: the browser refused clipboard access.', true);
    }
  };

  useEffect(() => {
    if (!copyPending || !copyText) return;
    onCopied();
    void navigator.clipboard.writeText(copyText).then(
      () => onStatus('Copied to the clipboard.'),
      () => onStatus('Could not copy: the browser refused clipboard access.', true),
    );
  }, [copyPending, copyText, onCopied, onStatus]);

  if (data === undefined) return <div className="tb-panel tb-muted">Loading…</div>;
  if (data === null || !draft)
    return <div className="tb-panel tb-problem error">This contact no longer exists.</div>;

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
            <span className="tb-problem error">No phone number on file.</span>
          )}
        </p>
      )}
      {touch.channel === 'email' && (
        <p className="tb-panel-line">
          <span className="tb-muted">To </span>
          {contact.email}
          {result.subjectSegments && (
            <>
              <br />
              <span className="tb-muted">Subject </span>
              <DraftText segments={result.subjectSegments} label="Subject" inline />
            </>
          )}
        </p>
      )}
      <div className="tb-actions tb-actions-primary">
        {touch.channel === 'email' && (
          <button type="button" className="primary" onClick={openGmail} data-testid="open-gmail">
            Open in Gmail
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
              {o.label}
            </button>
          ))}
        {touch.channel !== 'task' && (
          <button type="button" onClick={() => void copy()} title="Copy the text (c)">
            Copy
          </button>
        )}
        {touch.channel === 'linkedin' && profileHref && (
          <a className="tb-link-button" href={profileHref} target="_blank" rel="noreferrer noopener">
            LinkedIn profile
          </a>
        )}
      </div>
      {touch.channel !== 'task' && (
        <DraftText
          segments={result.segments}
          label={
            touch.channel === 'call' ? 'Call script' : touch.channel === 'email' ? 'Email body' : 'Message'
          }
        />
      )}
      <ul className="tb-facts">
        {draft && data && missingLanguage(draft.template, data.contact.language) ? (
          <li className="tb-problem" data-testid="draft-language-note">
            No {LANGUAGE_NAMES[missingLanguage(draft.template, data.contact.language) ?? 'en']} version of
            this template yet: drafted in English.
          </li>
        ) : null}
        {result.sms && (
          <li className={result.sms.segments > 1 ? 'tb-problem' : 'tb-muted'}>
            {result.sms.segments} SMS segment{result.sms.segments === 1 ? '' : 's'} · {result.sms.used}/
            {result.sms.segments * result.sms.perSegment} ({result.sms.encoding})
          </li>
        )}
        {result.speaking && (
          <li className={result.speaking.overLimit ? 'tb-problem' : 'tb-muted'}>
            Voicemail about {Math.round(result.speaking.seconds)} s
            {result.speaking.overLimit ? ': keep it under 30 s' : ''}
          </li>
        )}
        {repMissing.length > 0 && (
          <li className="tb-problem">
            Your {nameList(repMissing)} {repMissing.length === 1 ? 'is' : 'are'} not set yet.{' '}
            <button type="button" className="tb-inline-link" onClick={openSettings}>
              Add in Settings
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
              {p.message}
            </li>
          ))}
      </ul>
      {touch.channel === 'email' && !waitsFor && (
        <p className="tb-hint tb-muted">After sending, mark it done here.</p>
      )}
      {waitsFor ? (
        <p className="tb-hint tb-muted" data-testid="waits-for">
          Step {waitsFor.step} ({CHANNEL_LABELS[waitsFor.channel].toLowerCase()}) comes first: mark it done,
          then this one.
        </p>
      ) : (
        <div className="tb-actions tb-actions-secondary">
          <button
            type="button"
            className={touch.channel === 'call' ? undefined : 'primary'}
            disabled={busy}
            onClick={() => onAct({ kind: 'done', text: copyText })}
            title="Mark done (d)"
          >
            Done
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => onAct({ kind: 'skip' })}
            title="Skip this touch (s)"
          >
            Skip
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => onAct({ kind: 'snooze', minutes: 60, label: 'an hour' })}
            title="Snooze one hour (z)"
          >
            Snooze 1 h
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
