import { type ReactNode, useMemo, useState } from 'react';
import type { CadenceStep } from '@/lib/cadence/types';
import type { TouchRow } from '@/lib/db';
import { draftFor, missingLanguage } from '@/lib/drafts/draft';
import { LANGUAGE_NAMES } from '@/lib/templates/language';
import { builtInText, PURPOSE_LABELS } from '@/lib/labels';
import { CHANNEL_WORDS } from '@/lib/sidebar/status';
import type { PageView } from '@/lib/sites/types';
import {
  countSms,
  extractVoicemailScript,
  type RenderActivity,
  type Segment,
  speakingTime,
} from '@/lib/templates';
import type { ContactData } from '@/components/shared/useContactData';
import { touchToken } from '@/lib/messaging/send-token';
import { wrongRecipients } from '@/lib/sidebar/recipients';
import { AddressConfirm } from './AddressConfirm';
import { copyText } from './clipboard';
import { gmailComposeUrl } from '@/lib/touches/gmail-link';
import type { PageBridge } from './usePageBridge';
import { t, tn } from '@/lib/i18n';
import { renderMsg } from '@/lib/i18n/message';

interface Props {
  touch: TouchRow;
  step: CadenceStep | undefined;
  data: ContactData;
  activities: RenderActivity[];
  view: PageView;
  bridge: PageBridge;
  /**
   * The touch's own actions (done, skip, snooze, call outcome), shown under the draft; given the
   * text as it stands, so "Done" records what was actually sent.
   */
  children?: (sentText: string) => ReactNode;
}

/** "inserted into the reply" / "into the new message", from the compose that took the text. */
export function insertedWhere(view: PageView, composeId: string | undefined): string {
  const c = view.composes.find((x) => x.id === composeId);
  if (c?.inline || (c && view.thread && c.isReply)) return t('draft_inserted_reply');
  return t('draft_inserted_message');
}

/** The lines of the draft that hold an unfilled field, with the field marked. */
function MissingPreview({ segments }: { segments: Segment[] }) {
  // Split the segments into lines and keep only lines that contain a placeholder.
  const lines: Segment[][] = [[]];
  for (const s of segments) {
    const parts = s.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) lines[lines.length - 1]?.push({ ...s, text: part } as Segment);
    });
  }
  const flagged = lines.filter((l) => l.some((s) => s.kind === 'missing' || s.kind === 'unknown'));
  if (!flagged.length) return null;
  return (
    <div className="sb-preview" data-testid="draft-preview">
      {flagged.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity beyond their order
        <p key={i}>
          {l.map((s, j) =>
            s.kind === 'missing' || s.kind === 'unknown' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity beyond their order
              <mark key={j} className="tb-missing" title={t('draft_fill_in', { field: s.field ?? '' })}>
                {s.text}
              </mark>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity beyond their order
              <span key={j}>{s.text}</span>
            ),
          )}
        </p>
      ))}
    </div>
  );
}

/** The next touch's draft: editable in place, with Insert (email) or Copy. */
export function DraftCard({ touch, step, data, activities, view, bridge, children }: Props) {
  // Drafted for the moment the card opened; a ticking clock must not rewrite what the rep edits.
  const [draftNow] = useState(() => Date.now());
  const draft = useMemo(
    () =>
      draftFor({
        purpose: touch.purpose,
        channel: touch.channel,
        contact: data.contact,
        settings: data.settings,
        activities,
        library: data.library,
        now: new Date(draftNow),
      }),
    [touch.purpose, touch.channel, data.contact, data.settings, data.library, activities, draftNow],
  );
  const missing = missingLanguage(draft.template, data.contact.language);
  const [edited, setEdited] = useState<{ subject: string; body: string }>();
  const subject = edited?.subject ?? draft.result.subject ?? '';
  const body = edited?.body ?? draft.result.body;
  const [confirming, setConfirming] = useState(false);
  const [wrongTo, setWrongTo] = useState<string[]>();
  const [result, setResult] = useState<{ text: string; error?: boolean; copyFallback?: boolean }>();
  const [busy, setBusy] = useState(false);

  const isEmail = touch.channel === 'email';
  const markers = draft.result.segments
    .concat(draft.result.subjectSegments ?? [])
    .filter((s) => s.kind === 'missing' || s.kind === 'unknown')
    .map((s) => s.text);
  const stillMissing = [...new Set(markers.filter((m) => body.includes(m) || subject.includes(m)))];
  const problems = draft.result.problems.filter(
    (p) => !(p.code === 'missing-value' || p.code === 'unknown-field') || stillMissing.length,
  );

  const edit = (patch: Partial<{ subject: string; body: string }>) => setEdited({ subject, body, ...patch });

  const copy = async () => {
    const text = isEmail && subject ? `${subject}\n\n${body}` : body;
    const ok = await copyText(text);
    setResult(ok ? { text: t('draft_copied') } : { text: t('draft_copy_blocked'), error: true });
  };

  const insert = async (force = false, anyRecipient = false) => {
    if (!force && draft.result.needsConfirm && stillMissing.length) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    const others = anyRecipient ? undefined : wrongRecipients(view, data.contact.email);
    setWrongTo(others);
    if (others) return;
    setBusy(true);
    const res = await bridge.insert({ token: touchToken(touch.id), to: data.contact.email, subject, body });
    setBusy(false);
    setResult(
      res.ok
        ? { text: t('draft_inserted', { where: insertedWhere(view, res.composeId) }) }
        : { text: res.reason ?? t('draft_could_not_insert_gmail'), error: true, copyFallback: true },
    );
  };

  const sms = touch.channel === 'sms' ? countSms(body) : undefined;
  const script =
    touch.channel === 'voicemail'
      ? body
      : touch.channel === 'call'
        ? extractVoicemailScript(body)
        : undefined;
  const speaking = script ? speakingTime(script) : undefined;

  return (
    <section className="sb-card sb-draft" data-testid="draft-card" data-channel={touch.channel}>
      <div className="sb-draft-head">
        <span className={`sb-channel ${touch.channel}`}>{CHANNEL_WORDS[touch.channel]}</span>
        <span className="sb-purpose">{PURPOSE_LABELS[touch.purpose]}</span>
        {edited ? (
          <button
            type="button"
            className="sb-link"
            onClick={() => setEdited(undefined)}
            title={t('draft_reset_title')}
          >
            {t('draft_reset')}
          </button>
        ) : null}
      </div>
      {step?.note ? <p className="sb-hint tb-muted">{builtInText(step.note)}</p> : null}
      {isEmail ? (
        <input
          className="sb-subject"
          aria-label={t('popup_subject')}
          data-testid="draft-subject"
          value={subject}
          onChange={(e) => edit({ subject: e.target.value })}
        />
      ) : null}
      <textarea
        className="sb-body"
        aria-label={t('draft_label_message')}
        data-testid="draft-body"
        rows={isEmail ? 9 : 6}
        value={body}
        onChange={(e) => edit({ body: e.target.value })}
      />
      {stillMissing.length && !edited ? <MissingPreview segments={draft.result.segments} /> : null}
      {problems.length ? (
        <ul className="sb-problem-list" data-testid="draft-problems">
          {problems.map((p) => (
            <li key={`${p.code}|${p.field ?? ''}|${p.message}`} className={`tb-problem ${p.severity}`}>
              {p.msg ? renderMsg(p.msg) : p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {missing ? (
        <p className="tb-problem warning" data-testid="draft-language-note">
          {t('draft_language_missing', { language: LANGUAGE_NAMES[missing], template: draft.template.name })}
        </p>
      ) : null}
      {sms || speaking ? (
        <p className="sb-meta tb-muted" data-testid="draft-meta">
          {sms
            ? `${tn('draft_meta_sms', sms.segments, { chars: sms.used })}${
                sms.encoding === 'UCS-2' ? ` · ${t('draft_meta_unicode')}` : ''
              }`
            : null}
          {speaking ? (
            <span className={speaking.overLimit ? 'sb-over' : undefined}>
              {t(speaking.overLimit ? 'draft_voicemail_over' : 'draft_voicemail_length', {
                seconds: Math.round(speaking.seconds),
              })}
            </span>
          ) : null}
        </p>
      ) : null}
      {confirming ? (
        <div
          className="sb-confirm"
          role="alertdialog"
          aria-label={t('draft_confirm_label')}
          data-testid="insert-confirm"
        >
          <p>{t('draft_confirm_text', { blanks: stillMissing.join(', ') })}</p>
          <div className="tb-row">
            <button
              type="button"
              className="primary"
              data-testid="insert-anyway"
              onClick={() => void insert(true)}
            >
              {t('address_anyway')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('draft_keep_editing')}
            </button>
          </div>
        </div>
      ) : null}
      {wrongTo ? (
        <AddressConfirm
          others={wrongTo}
          who={data.contact.firstName || data.contact.email || t('sidebar_this_contact')}
          onConfirm={() => void insert(true, true)}
          onCancel={() => setWrongTo(undefined)}
        />
      ) : null}
      <div className="tb-row sb-draft-actions">
        {isEmail && !bridge.capabilities.insert ? (
          // A page without a compose (a CRM record): the draft opens in Gmail, prefilled.
          <a
            className="sb-button primary"
            href={gmailComposeUrl({ to: data.contact.email, subject, body })}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="draft-open-gmail"
            title={t('draft_open_gmail_title')}
          >
            {t('draft_write_in_gmail')}
          </a>
        ) : isEmail ? (
          <button
            type="button"
            className="primary"
            disabled={busy}
            data-testid="draft-insert"
            title={t('draft_insert_title')}
            onClick={() => void insert()}
          >
            {busy ? t('draft_inserting') : t('draft_insert')}
          </button>
        ) : null}
        <button
          type="button"
          className={isEmail ? undefined : 'primary'}
          data-testid="draft-copy"
          onClick={() => void copy()}
        >
          {t('common_copy')}
        </button>
      </div>
      {result ? (
        <p className={`sb-status${result.error ? ' error' : ''}`} role="status" data-testid="insert-result">
          {result.text}
          {result.copyFallback ? (
            <>
              {' '}
              <button type="button" className="sb-link" onClick={() => void copy()}>
                {t('draft_copy_instead')}
              </button>
            </>
          ) : null}
        </p>
      ) : null}
      {children?.(isEmail && subject ? `${subject}\n\n${body}` : body)}
    </section>
  );
}
