import { ownerNote } from '@/lib/sync/owner-text';
import { useMemo, useState } from 'react';
import { LeadScore } from '@/components/ui/LeadScore';
import { factsOf, scoreLead, scoringOf } from '@/lib/scoring';
import { ContactEditor } from '@/components/shared/ContactEditor';
import type { ContactData } from '@/components/shared/useContactData';
import type { CallOutcome, Playbook, Purpose } from '@/lib/cadence/types';
import { draftFor } from '@/lib/drafts/draft';
import { builtInText, LEAD_SOURCE_LABELS, PURPOSE_LABELS } from '@/lib/labels';
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
import { gmailComposeUrl } from '@/lib/touches/gmail-link';
import { DraftCard, insertedWhere } from './DraftCard';
import { BookForm, Proposals } from './RulePanels';
import { Avatar, EnrolForm } from './EnrolForm';
import { LanguageControl } from './LanguageControl';
import { Timeline } from './Timeline';
import type { PageBridge } from './usePageBridge';
import { toRenderActivities, useNow } from './useSidebarData';
import { t, uiLocale } from '@/lib/i18n';

interface Status {
  text: string;
  error?: boolean;
  /** Shown under the buttons that caused it. */
  where: 'touch' | 'more' | 'optout';
}

const TOUCH_ACTIONS = new Set([
  'done',
  'skip',
  'snooze',
  'answered',
  'voicemail',
  'no-answer',
  'take-over-touch',
]);

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
      setStatus({ where: 'more', text: t('sidebar_opened_gmail') });
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
            text: [
              t(purpose === 'breakup' ? 'sidebar_quick_breakup_inserted' : 'sidebar_quick_value_inserted', {
                where: insertedWhere(view, res.composeId),
              }),
              missing.length
                ? t('sidebar_fill_before_sending', { fields: missing.map((m) => `[${m.field}]`).join(', ') })
                : undefined,
            ]
              .filter(Boolean)
              .join(' · '),
          }
        : { text: res.reason ?? t('sidebar_could_not_insert'), error: true, where: 'more' },
    );
  };

  const takeOverButton = (label: string, testId: string) => (
    <button
      type="button"
      disabled={busy !== undefined}
      data-testid={testId}
      title={t('sync_take_over_title')}
      onClick={() =>
        void act(
          label,
          () => request('contact.takeOver', { contactId: contact.id, via: 'sidebar' }),
          t('sync_take_over_done'),
        )
      }
    >
      {t('sync_take_over')}
    </button>
  );

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
              {contact.phone || t('sidebar_no_phone')} · {contact.timeZone.replace(/_/g, ' ')}
            </div>
            <div className="sb-sub">
              <LeadScore score={score} explain />
            </div>
            {theirs ? (
              <div className="sb-sub" data-testid="contact-owner">
                <strong>{theirs}</strong> {takeOverButton('take-over', 'take-over')}
              </div>
            ) : null}
          </div>
          <button
            type="button"
            className="sb-edit"
            aria-expanded={editing}
            data-testid="contact-edit"
            title={t('sidebar_edit_title')}
            onClick={() => setEditing((e) => !e)}
          >
            {editing ? t('common_close') : t('common_edit')}
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
          {enrolment ? <span className="tb-chip">{builtInText(enrolment.playbookName)}</span> : null}
          <LanguageControl contact={contact} view={view} />
        </div>
        {line ? (
          <p className={`sb-step ${line.tone}`} data-testid="step-line">
            {line.text}
          </p>
        ) : enrolment?.state === 'paused' ? (
          <p className="sb-step later" data-testid="step-line">
            {enrolment.pauseReason === 'replied' ? t('sidebar_paused_replied') : t('sidebar_paused')}
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
              {theirs ? (
                // Another rep's lead: their touches are theirs until taken over (the background
                // refuses them too); the way out is right here.
                <p className="sb-theirs" data-testid="theirs-touch">
                  {t('sync_theirs_touch', { owner: contact.owner?.name ?? '' })}{' '}
                  {takeOverButton('take-over-touch', 'take-over-touch')}
                </p>
              ) : null}
              <div className="tb-row">
                <button
                  type="button"
                  className="sb-done"
                  disabled={!!busy || !!theirs}
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
                      t('sidebar_marked_done'),
                    )
                  }
                >
                  {t('sidebar_done_button')}
                </button>
                <button
                  type="button"
                  disabled={!!busy || !!theirs}
                  data-testid="action-skip"
                  onClick={() =>
                    void act(
                      'skip',
                      () => requestUndoable('touch.skip', { touchId: touch.id, via: 'sidebar' }),
                      t('sidebar_skipped'),
                    )
                  }
                >
                  {t('touch_skip')}
                </button>
                <div className="sb-menu-wrap">
                  <button
                    type="button"
                    disabled={!!busy || !!theirs}
                    aria-expanded={snoozeOpen}
                    data-testid="action-snooze"
                    onClick={() => setSnoozeOpen((o) => !o)}
                  >
                    {t('sidebar_snooze_menu')}
                  </button>
                  {snoozeOpen ? (
                    <div className="sb-menu" role="menu">
                      {[
                        { label: t('sidebar_snooze_hour'), minutes: 60, done: t('sidebar_snoozed_hour') },
                        (({ label, minutes }) => ({
                          label,
                          minutes,
                          done: t('sidebar_snoozed_to', {
                            when: `${label.charAt(0).toLocaleLowerCase(uiLocale())}${label.slice(1)}`,
                          }),
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
                  <span className="tb-muted">{t('sidebar_call_label')}</span>
                  {(
                    [
                      ['answered', t('outcome_answered'), t('call_outcome_answered')],
                      ['voicemail', t('outcome_voicemail_short'), t('call_outcome_voicemail')],
                      ['no-answer', t('outcome_no_answer'), t('call_outcome_no_answer')],
                    ] as [CallOutcome, string, string][]
                  ).map(([outcome, label, word]) => (
                    <button
                      key={outcome}
                      type="button"
                      disabled={!!busy || !!theirs}
                      onClick={() =>
                        void act(
                          outcome,
                          () =>
                            requestUndoable('call.outcome', { touchId: touch.id, outcome, via: 'sidebar' }),
                          t('sidebar_call_logged', { outcome: word }),
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
        <section className="sb-card sb-more" aria-label={t('sidebar_more_label')}>
          {running ? (
            <div className="tb-row sb-quick">
              <span className="sb-label">{t('sidebar_quick_email')}</span>
              <button
                type="button"
                disabled={!!busy}
                data-testid="quick-breakup"
                title={PURPOSE_LABELS.breakup}
                onClick={() => void quick('breakup')}
              >
                {t('sidebar_quick_breakup')}
              </button>
              <button
                type="button"
                disabled={!!busy}
                data-testid="quick-value"
                title={PURPOSE_LABELS.value}
                onClick={() => void quick('value')}
              >
                {t('sidebar_quick_value')}
              </button>
            </div>
          ) : null}
          {quickWrongTo ? (
            <AddressConfirm
              others={quickWrongTo.others}
              who={contact.firstName || contact.email || t('sidebar_this_contact')}
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
                title={t('sidebar_replied_title')}
                onClick={() =>
                  void act(
                    'reply',
                    () => requestUndoable('reply.log', { contactId, via: 'sidebar' }),
                    t('sidebar_reply_logged'),
                  )
                }
              >
                {t('sidebar_replied')}
              </button>
            ) : null}
            {running || enrolment.state === 'completed' ? (
              <button
                type="button"
                disabled={!!busy}
                data-testid="action-booked"
                title={t('sidebar_booked_title')}
                onClick={() => setBookOpen((o) => !o)}
              >
                {t('sidebar_booked')}
              </button>
            ) : null}
            {enrolment.state === 'booked' ? (
              <button
                type="button"
                disabled={!!busy}
                data-testid="action-missed"
                title={t('sidebar_missed_title')}
                onClick={() => void enrolmentAct({ kind: 'missed-appointment' }, t('sidebar_missed_done'))}
              >
                {t('sidebar_missed')}
              </button>
            ) : null}
            {enrolment.state === 'active' ? (
              <button
                type="button"
                disabled={!!busy}
                data-testid="action-pause"
                onClick={() => void enrolmentAct({ kind: 'pause' }, t('sidebar_paused_done'))}
              >
                {t('sidebar_pause')}
              </button>
            ) : null}
            {enrolment.state === 'paused' ? (
              <button
                type="button"
                disabled={!!busy}
                data-testid="action-resume"
                onClick={() => void enrolmentAct({ kind: 'resume' }, t('sidebar_resumed_done'))}
              >
                {t('sidebar_resume')}
              </button>
            ) : null}
            <button
              type="button"
              disabled={!!busy}
              data-testid="action-note"
              title={t('sidebar_note_title')}
              onClick={() => setNoteOpen((o) => !o)}
            >
              {t('sidebar_note')}
            </button>
            {enrolment.state !== 'opted-out' ? (
              <button
                type="button"
                className="danger"
                disabled={!!busy}
                data-testid="action-opt-out"
                title={t('sidebar_opt_out_title')}
                onClick={() => setOptOutOpen('confirm')}
              >
                {t('sidebar_opt_out')}
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
                  meetingAt === undefined ? t('sidebar_booked_recap') : t('sidebar_booked_reminders'),
                );
              }}
            />
          ) : null}
          <Proposals
            enrolment={enrolment}
            busy={!!busy}
            timeZone={tz}
            onConfirm={(p) => void enrolmentAct({ kind: 'confirm-proposal', id: p.id }, t('common_done_dot'))}
            onDismiss={(p) =>
              void enrolmentAct({ kind: 'dismiss-proposal', id: p.id }, t('common_dismissed'))
            }
          />
          {noteOpen ? (
            <div className="sb-note">
              <textarea
                rows={3}
                value={note}
                placeholder={t('sidebar_note_placeholder')}
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
                      t('sidebar_note_saved'),
                    )
                  }
                >
                  {t('sidebar_save_note')}
                </button>
                <button type="button" onClick={() => setNoteOpen(false)}>
                  {t('common_cancel')}
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
                  t('sidebar_opted_out_done'),
                );
              }}
              onCancel={() => setOptOutOpen(undefined)}
            />
          ) : null}
          {status?.where === 'more' ? <StatusLine status={status} /> : null}
        </section>
      ) : null}

      {optedOut ? (
        <section
          className="sb-card sb-opted-out"
          aria-label={t('sidebar_opted_out_label')}
          data-testid="opted-out-card"
        >
          <p>
            <strong>{t('sidebar_opted_out_strong')}</strong> {t('sidebar_opted_out_text')}
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
                  t('sidebar_withdrawn_done'),
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
              {t('sidebar_withdraw')}
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
          title={enrolment ? t('sidebar_start_new') : t('sidebar_not_in_sequence')}
          {...(data.me ? { me: data.me } : {})}
        />
      ) : null}
    </div>
  );
}
