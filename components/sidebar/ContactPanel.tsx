import { ownerNote } from '@/lib/sync/owner-text';
import { useMemo, useState } from 'react';
import { LeadScore } from '@/components/ui/LeadScore';
import { factsOf, scoreLead, scoringOf } from '@/lib/scoring';
import { ContactEditor } from '@/components/shared/ContactEditor';
import type { ContactData } from '@/components/shared/useContactData';
import type { CallOutcome, Playbook, Purpose } from '@/lib/cadence/types';
import { draftFor } from '@/lib/drafts/draft';
import { LEAD_SOURCE_LABELS, PURPOSE_LABELS } from '@/lib/labels';
import { tomorrowSnooze } from '@/lib/touches/actions';
import { useUndoToast } from '@/components/shared/useUndoToast';
import { ConfirmOptOut, WithdrawOptOutForm } from '@/components/ui/OptOutForms';
import { request, requestUndoable } from '@/lib/messaging/client';
import type { EnrolmentAction, UndoTicket } from '@/lib/messaging/protocol';
import { quickToken } from '@/lib/messaging/send-token';
import {
  currentEnrolment,
  isRunning,
  nextPlannedTouch,
  stateLabel,
  stateTone,
  stepLine,
} from '@/lib/sidebar/status';
import type { PageView } from '@/lib/sites/types';
import { wrongRecipients } from '@/lib/sidebar/recipients';
import { AddressConfirm } from './AddressConfirm';
import { gmailComposeUrl } from '@/lib/touches/actions';
import { DraftCard, insertedWhere } from './DraftCard';
import { BookForm, Proposals } from './RulePanels';
import { Avatar, EnrolForm } from './EnrolForm';
import { LanguageControl } from './LanguageControl';
import { Timeline } from './Timeline';
import type { PageBridge } from './usePageBridge';
import { toRenderActivities, useNow } from './useSidebarData';

interface Status {
  text: string;
  error?: boolean;
  /** Shown under the buttons that caused it. */
  where: 'touch' | 'more' | 'optout';
}

const TOUCH_ACTIONS = new Set(['done', 'skip', 'snooze', 'answered', 'voicemail', 'no-answer']);

function StatusLine({ status }: { status: Status }) {
  return (
    <p className={`sb-status${status.error ? ' error' : ''}`} role="status" data-testid="sidebar-status">
      {status.text}
    </p>
  );
}

interface Props {
  data: ContactData;
  playbooks: Playbook[];
  view: PageView;
  bridge: PageBridge;
}

/** A known contact: who they are, where their sequence stands, the next draft and the actions. */
export function ContactPanel({ data, playbooks, view, bridge }: Props) {
  const contactId = data.contact.id;
  const tick = useNow();
  // Re-read the clock when the data changes too: a touch just replanned is measured from now.
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick and data are the triggers
  const now = useMemo(() => Date.now(), [tick, data]);
  const [busy, setBusy] = useState<string>();
  const [status, setStatus] = useState<Status>();
  const toast = useUndoToast();
  const [optOutOpen, setOptOutOpen] = useState<'confirm' | 'withdraw'>();
  const [noteOpen, setNoteOpen] = useState(false);
  const [quickWrongTo, setQuickWrongTo] = useState<{ purpose: 'breakup' | 'value'; others: string[] }>();
  const [note, setNote] = useState('');
  const [snoozeOpen, setSnoozeOpen] = useState(false);
  const [bookOpen, setBookOpen] = useState(false);
  const [editing, setEditing] = useState(false);

  const enrolment = currentEnrolment(data.enrolments);
  const touch = enrolment ? nextPlannedTouch(data.touches, enrolment.id) : undefined;
  const activities = useMemo(() => toRenderActivities(data.activities), [data.activities]);

  const { contact, settings } = data;
  const tz = settings.timeZone;
  const score = scoreLead(
    factsOf(
      contact,
      data.enrolments.filter((e) => e.contactId === contact.id),
    ),
    scoringOf(settings),
    now,
  );
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.email;
  const theirs = ownerNote(contact.owner, data.me?.id, now, tz);

  const act = async (label: string, fn: () => Promise<unknown>, done: string) => {
    const where = TOUCH_ACTIONS.has(label) ? 'touch' : label === 'withdraw' ? 'optout' : 'more';
    setBusy(label);
    setStatus(undefined);
    try {
      const res = (await fn()) as { undo?: UndoTicket } | undefined;
      // An undoable change says so in the toast, with its Undo; the rest stay under the buttons.
      if (res?.undo) toast.show(done, res.undo);
      else setStatus({ text: done, where });
    } catch (err) {
      setStatus({ text: err instanceof Error ? err.message : String(err), error: true, where });
    } finally {
      setBusy(undefined);
    }
  };
  const enrolmentAct = (action: EnrolmentAction, done: string) =>
    enrolment &&
    act(
      action.kind,
      () => requestUndoable('enrolment.action', { enrolmentId: enrolment.id, action, via: 'sidebar' }),
      done,
    );

  const quick = async (purpose: Extract<Purpose, 'breakup' | 'value'>, anyRecipient = false) => {
    const others = anyRecipient ? undefined : wrongRecipients(view, contact.email);
    setQuickWrongTo(others ? { purpose, others } : undefined);
    if (others) return;
    const draft = draftFor({
      purpose,
      channel: 'email',
      contact,
      settings,
      activities,
      library: data.library,
      now: new Date(),
    });
    if (!bridge.capabilities.insert) {
      // No compose on this page (a CRM record): write it in Gmail, prefilled.
      window.open(
        gmailComposeUrl({ to: contact.email, subject: draft.result.subject, body: draft.result.body }),
        '_blank',
        'noopener',
      );
      setStatus({ where: 'more', text: 'Opened in Gmail, ready to send.' });
      return;
    }
    setBusy(purpose);
    setStatus(undefined);
    // Never the next planned touch: a break-up ends the sequence, a value email is an extra touch.
    const res = await bridge.insert({
      token: quickToken(purpose, contact.id, Date.now().toString(36)),
      to: contact.email,
      subject: draft.result.subject,
      body: draft.result.body,
    });
    setBusy(undefined);
    const missing = draft.result.problems.filter(
      (p) => p.code === 'missing-value' || p.code === 'unknown-field',
    );
    setStatus(
      res.ok
        ? {
            where: 'more',
            text: `${purpose === 'breakup' ? 'Break-up' : 'Value'} email ${insertedWhere(view, res.composeId)}${
              missing.length
                ? ` · fill in ${missing.map((m) => `[${m.field}]`).join(', ')} before sending`
                : ''
            }`,
          }
        : { text: res.reason ?? 'Could not insert.', error: true, where: 'more' },
    );
  };

  const optedOut = enrolment?.state === 'opted-out' || Object.values(contact.optOut ?? {}).some(Boolean);
  const line = touch ? stepLine(touch, now, tz) : undefined;
  const running = isRunning(enrolment);

  return (
    <div className="sb-stack" data-testid="contact-panel">
      {toast.element}
      <section className="sb-card">
        <div className="sb-who">
          <Avatar name={name} />
          <div className="sb-who-text">
            <div className="sb-name" data-testid="contact-name">
              {name}
            </div>
            <div className="sb-sub tb-muted">
              {[contact.company, contact.email].filter(Boolean).join(' · ')}
            </div>
            <div className="sb-sub tb-muted" data-testid="contact-reach">
              {contact.phone || 'No phone number'} · {contact.timeZone.replace(/_/g, ' ')}
            </div>
            <div className="sb-sub">
              <LeadScore score={score} explain />
            </div>
            {theirs ? (
              <div className="sb-sub" data-testid="contact-owner">
                <strong>{theirs}</strong>{' '}
                <button
                  type="button"
                  disabled={busy !== undefined}
                  data-testid="take-over"
                  title="Make this lead yours: logged in their history, and the other rep sees it after the next sync"
                  onClick={() =>
                    void act(
                      'take-over',
                      () => request('contact.takeOver', { contactId: contact.id, via: 'sidebar' }),
                      'This lead is yours now.',
                    )
                  }
                >
                  Take over
                </button>
              </div>
            ) : null}
          </div>
          <button
            type="button"
            className="sb-edit"
            aria-expanded={editing}
            data-testid="contact-edit"
            title="Edit their record: names, phones, emails, time zone, window"
            onClick={() => setEditing((e) => !e)}
          >
            {editing ? 'Close' : 'Edit'}
          </button>
        </div>
        {editing ? (
          <div className="sb-edit-form">
            <ContactEditor
              contact={contact}
              settings={settings}
              via="sidebar"
              compact
              onCancel={() => setEditing(false)}
            />
          </div>
        ) : null}
        <div className="tb-row sb-chips">
          {enrolment ? (
            <span className={`sb-state ${stateTone(enrolment.state)}`} data-testid="enrolment-state">
              {stateLabel(enrolment)}
            </span>
          ) : null}
          <span className="tb-chip">{LEAD_SOURCE_LABELS[contact.leadSource] ?? contact.leadSource}</span>
          {enrolment ? <span className="tb-chip">{enrolment.playbookName}</span> : null}
          <LanguageControl contact={contact} view={view} />
        </div>
        {line ? (
          <p className={`sb-step ${line.tone}`} data-testid="step-line">
            {line.text}
          </p>
        ) : enrolment?.state === 'paused' ? (
          <p className="sb-step later" data-testid="step-line">
            {enrolment.pauseReason === 'replied'
              ? 'They replied, so the sequence is on hold. Resume it if the conversation stalls.'
              : 'On hold. Resume to pick up where it stopped.'}
          </p>
        ) : null}
      </section>

      {touch && enrolment ? (
        <DraftCard
          key={`${touch.id}`}
          touch={touch}
          step={enrolment.steps[touch.step - 1]}
          data={data}
          activities={activities}
          view={view}
          bridge={bridge}
        >
          {(sentText) => (
            <div className="sb-actions">
              <div className="tb-row">
                <button
                  type="button"
                  className="sb-done"
                  disabled={!!busy}
                  data-testid="action-done"
                  onClick={() =>
                    void act(
                      'done',
                      () =>
                        requestUndoable('touch.complete', {
                          touchId: touch.id,
                          via: 'sidebar',
                          text: sentText,
                        }),
                      'Marked done.',
                    )
                  }
                >
                  ✓ Done
                </button>
                <button
                  type="button"
                  disabled={!!busy}
                  data-testid="action-skip"
                  onClick={() =>
                    void act(
                      'skip',
                      () => requestUndoable('touch.skip', { touchId: touch.id, via: 'sidebar' }),
                      'Skipped.',
                    )
                  }
                >
                  Skip
                </button>
                <div className="sb-menu-wrap">
                  <button
                    type="button"
                    disabled={!!busy}
                    aria-expanded={snoozeOpen}
                    data-testid="action-snooze"
                    onClick={() => setSnoozeOpen((o) => !o)}
                  >
                    Snooze ▾
                  </button>
                  {snoozeOpen ? (
                    <div className="sb-menu" role="menu">
                      {[
                        { label: '1 hour', minutes: 60, done: 'Snoozed for 1 hour.' },
                        (({ label, minutes }) => ({
                          label,
                          minutes,
                          done: `Snoozed to ${label.charAt(0).toLowerCase()}${label.slice(1)}.`,
                        }))(tomorrowSnooze(Date.now(), tz, settings.workingHours.start)),
                      ].map((o) => (
                        <button
                          key={o.label}
                          type="button"
                          role="menuitem"
                          onClick={() => {
                            setSnoozeOpen(false);
                            void act(
                              'snooze',
                              () =>
                                requestUndoable('touch.snooze', {
                                  touchId: touch.id,
                                  minutes: o.minutes,
                                  via: 'sidebar',
                                }),
                              o.done,
                            );
                          }}
                        >
                          {o.label}
                        </button>
                      ))}
                    </div>
                  ) : null}
                </div>
              </div>
              {touch.channel === 'call' || touch.channel === 'voicemail' ? (
                <div className="tb-row sb-call" data-testid="call-outcomes">
                  <span className="tb-muted">Call:</span>
                  {(
                    [
                      ['answered', 'Answered'],
                      ['voicemail', 'Voicemail'],
                      ['no-answer', 'No answer'],
                    ] as [CallOutcome, string][]
                  ).map(([outcome, label]) => (
                    <button
                      key={outcome}
                      type="button"
                      disabled={!!busy}
                      onClick={() =>
                        void act(
                          outcome,
                          () =>
                            requestUndoable('call.outcome', { touchId: touch.id, outcome, via: 'sidebar' }),
                          `Call logged: ${label.toLowerCase()}.`,
                        )
                      }
                    >
                      {label}
                    </button>
                  ))}
                </div>
              ) : null}
              {status?.where === 'touch' ? <StatusLine status={status} /> : null}
            </div>
          )}
        </DraftCard>
      ) : null}

      {enrolment ? (
        <section className="sb-card sb-more" aria-label="Quick emails and outcomes">
          {running ? (
            <div className="tb-row sb-quick">
              <span className="sb-label">Quick email</span>
              <button
                type="button"
                disabled={!!busy}
                data-testid="quick-breakup"
                title={PURPOSE_LABELS.breakup}
                onClick={() => void quick('breakup')}
              >
                Break-up
              </button>
              <button
                type="button"
                disabled={!!busy}
                data-testid="quick-value"
                title={PURPOSE_LABELS.value}
                onClick={() => void quick('value')}
              >
                Value
              </button>
            </div>
          ) : null}
          {quickWrongTo ? (
            <AddressConfirm
              others={quickWrongTo.others}
              who={contact.firstName || contact.email || 'this contact'}
              onConfirm={() => void quick(quickWrongTo.purpose, true)}
              onCancel={() => setQuickWrongTo(undefined)}
            />
          ) : null}
          <div className="tb-row sb-outcomes">
            {running ? (
              <button
                type="button"
                disabled={!!busy}
                data-testid="action-reply"
                title="They replied: log it and put the sequence on hold"
                onClick={() =>
                  void act(
                    'reply',
                    () => requestUndoable('reply.log', { contactId, via: 'sidebar' }),
                    'Reply logged; sequence on hold.',
                  )
                }
              >
                Replied
              </button>
            ) : null}
            {running || enrolment.state === 'completed' ? (
              <button
                type="button"
                disabled={!!busy}
                data-testid="action-booked"
                title="They booked a meeting: stop the sequence and plan a recap"
                onClick={() => setBookOpen((o) => !o)}
              >
                Booked
              </button>
            ) : null}
            {enrolment.state === 'booked' ? (
              <button
                type="button"
                disabled={!!busy}
                data-testid="action-missed"
                title="They did not show up: re-book with a text, an email and a call"
                onClick={() =>
                  void enrolmentAct(
                    { kind: 'missed-appointment' },
                    'Missed appointment: re-book touches planned.',
                  )
                }
              >
                Missed appointment
              </button>
            ) : null}
            {enrolment.state === 'active' ? (
              <button
                type="button"
                disabled={!!busy}
                data-testid="action-pause"
                onClick={() => void enrolmentAct({ kind: 'pause' }, 'Paused.')}
              >
                Pause
              </button>
            ) : null}
            {enrolment.state === 'paused' ? (
              <button
                type="button"
                disabled={!!busy}
                data-testid="action-resume"
                onClick={() => void enrolmentAct({ kind: 'resume' }, 'Resumed.')}
              >
                Resume
              </button>
            ) : null}
            <button
              type="button"
              disabled={!!busy}
              data-testid="action-note"
              title="Add a note to their history"
              onClick={() => setNoteOpen((o) => !o)}
            >
              Note
            </button>
            {enrolment.state !== 'opted-out' ? (
              <button
                type="button"
                className="danger"
                disabled={!!busy}
                data-testid="action-opt-out"
                title="They asked not to be contacted: stop every touch on every channel"
                onClick={() => setOptOutOpen('confirm')}
              >
                Opt out…
              </button>
            ) : null}
          </div>
          {bookOpen ? (
            <BookForm
              busy={!!busy}
              timeZone={tz}
              onCancel={() => setBookOpen(false)}
              onBook={(meetingAt) => {
                setBookOpen(false);
                void enrolmentAct(
                  meetingAt === undefined ? { kind: 'booked' } : { kind: 'booked', meetingAt },
                  meetingAt === undefined
                    ? 'Meeting booked. A recap is planned.'
                    : 'Meeting booked: reminders and the recap are planned.',
                );
              }}
            />
          ) : null}
          <Proposals
            enrolment={enrolment}
            busy={!!busy}
            timeZone={tz}
            onConfirm={(p) => void enrolmentAct({ kind: 'confirm-proposal', id: p.id }, 'Done.')}
            onDismiss={(p) => void enrolmentAct({ kind: 'dismiss-proposal', id: p.id }, 'Dismissed.')}
          />
          {noteOpen ? (
            <div className="sb-note">
              <textarea
                rows={3}
                value={note}
                placeholder="What happened, what to remember…"
                data-testid="note-text"
                onChange={(e) => setNote(e.target.value)}
              />
              <div className="tb-row">
                <button
                  type="button"
                  className="primary"
                  disabled={!note.trim() || !!busy}
                  data-testid="note-save"
                  onClick={() =>
                    void act(
                      'note',
                      async () => {
                        await request('note.add', {
                          contactId,
                          enrolmentId: enrolment.id,
                          text: note,
                          via: 'sidebar',
                        });
                        setNote('');
                        setNoteOpen(false);
                      },
                      'Note saved.',
                    )
                  }
                >
                  Save note
                </button>
                <button type="button" onClick={() => setNoteOpen(false)}>
                  Cancel
                </button>
              </div>
            </div>
          ) : null}
          {optOutOpen === 'confirm' ? (
            <ConfirmOptOut
              who={name}
              busy={!!busy}
              onConfirm={(reason) => {
                setOptOutOpen(undefined);
                void enrolmentAct(
                  { kind: 'opted-out', ...(reason ? { reason } : {}) },
                  'Opted out: no more touches on any channel.',
                );
              }}
              onCancel={() => setOptOutOpen(undefined)}
            />
          ) : null}
          {status?.where === 'more' ? <StatusLine status={status} /> : null}
        </section>
      ) : null}

      {optedOut ? (
        <section className="sb-card sb-opted-out" aria-label="Opted out" data-testid="opted-out-card">
          <p>
            <strong>Opted out.</strong> Nothing goes out to them on any channel, and imports keep them out.
          </p>
          {optOutOpen === 'withdraw' ? (
            <WithdrawOptOutForm
              who={name}
              busy={!!busy}
              onWithdraw={(reason) => {
                setOptOutOpen(undefined);
                void act(
                  'withdraw',
                  () => requestUndoable('contact.withdrawOptOut', { contactId, reason, via: 'sidebar' }),
                  'Opt-out withdrawn. Their sequence stays on hold until you resume it.',
                );
              }}
              onCancel={() => setOptOutOpen(undefined)}
            />
          ) : (
            <button
              type="button"
              disabled={!!busy}
              data-testid="action-withdraw-opt-out"
              onClick={() => setOptOutOpen('withdraw')}
            >
              Withdraw opt-out…
            </button>
          )}
          {status?.where === 'optout' ? <StatusLine status={status} /> : null}
        </section>
      ) : null}

      {enrolment ? (
        <Timeline
          enrolment={enrolment}
          touches={data.touches}
          now={now}
          repZone={tz}
          contactZone={contact.timeZone}
        />
      ) : null}

      {!running && enrolment?.state !== 'opted-out' && !contact.optOut.email ? (
        <EnrolForm
          person={{ email: contact.email, name }}
          existing={contact}
          settings={settings}
          playbooks={playbooks}
          title={enrolment ? 'Start a new sequence:' : 'Not in a sequence yet.'}
        />
      ) : null}
    </div>
  );
}
