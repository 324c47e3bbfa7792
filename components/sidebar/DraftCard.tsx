import { type ReactNode, useMemo, useState } from 'react';
import type { CadenceStep } from '@/lib/cadence/types';
import type { TouchRow } from '@/lib/db';
import { draftFor, missingLanguage } from '@/lib/drafts/draft';
import { LANGUAGE_NAMES } from '@/lib/templates/language';
import { PURPOSE_LABELS } from '@/lib/labels';
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
import { gmailComposeUrl } from '@/lib/touches/actions';
import type { PageBridge } from './usePageBridge';

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
  if (c?.inline || (c && view.thread && c.isReply)) return 'inserted into the reply';
  return 'inserted into the message';
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
              <mark key={j} className="tb-missing" title={`Fill in ${s.field}`}>
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
    setResult(
      ok
        ? { text: 'Copied. Paste it where it goes.' }
        : { text: 'Copy was blocked by the browser.', error: true },
    );
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
        ? { text: `Draft ${insertedWhere(view, res.composeId)}. Sending it marks this touch done.` }
        : { text: res.reason ?? 'Could not insert into Gmail.', error: true, copyFallback: true },
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
            title="Back to the template's text"
          >
            Reset
          </button>
        ) : null}
      </div>
      {step?.note ? <p className="sb-hint tb-muted">{step.note}</p> : null}
      {isEmail ? (
        <input
          className="sb-subject"
          aria-label="Subject"
          data-testid="draft-subject"
          value={subject}
          onChange={(e) => edit({ subject: e.target.value })}
        />
      ) : null}
      <textarea
        className="sb-body"
        aria-label="Message"
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
              {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {missing ? (
        <p className="tb-problem warning" data-testid="draft-language-note">
          No {LANGUAGE_NAMES[missing]} version of “{draft.template.name}” yet: drafted in English. Write one
          in the dashboard’s Templates.
        </p>
      ) : null}
      {sms || speaking ? (
        <p className="sb-meta tb-muted" data-testid="draft-meta">
          {sms
            ? `${sms.segments} SMS segment${sms.segments === 1 ? '' : 's'} · ${sms.used} characters${
                sms.encoding === 'UCS-2' ? ' · Unicode' : ''
              }`
            : null}
          {speaking ? (
            <span className={speaking.overLimit ? 'sb-over' : undefined}>
              Voicemail about {Math.round(speaking.seconds)} s
              {speaking.overLimit ? ' (keep it under 30 s)' : ''}
            </span>
          ) : null}
        </p>
      ) : null}
      {confirming ? (
        <div
          className="sb-confirm"
          role="alertdialog"
          aria-label="Insert with blanks?"
          data-testid="insert-confirm"
        >
          <p>
            The draft still has blanks: {stillMissing.join(', ')}. Insert it anyway and fill them in Gmail?
          </p>
          <div className="tb-row">
            <button
              type="button"
              className="primary"
              data-testid="insert-anyway"
              onClick={() => void insert(true)}
            >
              Insert anyway
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep editing
            </button>
          </div>
        </div>
      ) : null}
      {wrongTo ? (
        <AddressConfirm
          others={wrongTo}
          who={data.contact.firstName || data.contact.email || 'this contact'}
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
            title="Open a Gmail message to this contact with the draft filled in"
          >
            Write in Gmail
          </a>
        ) : isEmail ? (
          <button
            type="button"
            className="primary"
            disabled={busy}
            data-testid="draft-insert"
            title="Put the subject and text into the open Gmail compose (or a new one)"
            onClick={() => void insert()}
          >
            {busy ? 'Inserting…' : 'Insert into Gmail'}
          </button>
        ) : null}
        <button
          type="button"
          className={isEmail ? undefined : 'primary'}
          data-testid="draft-copy"
          onClick={() => void copy()}
        >
          Copy
        </button>
      </div>
      {result ? (
        <p className={`sb-status${result.error ? ' error' : ''}`} role="status" data-testid="insert-result">
          {result.text}
          {result.copyFallback ? (
            <>
              {' '}
              <button type="button" className="sb-link" onClick={() => void copy()}>
                Copy instead
              </button>
            </>
          ) : null}
        </p>
      ) : null}
      {children?.(isEmail && subject ? `${subject}\n\n${body}` : body)}
    </section>
  );
}
