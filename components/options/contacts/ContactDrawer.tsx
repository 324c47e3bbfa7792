import { useEffect, useState } from 'react';
import { OwnerLine } from './OwnerLine';
import { ContactEditor } from '@/components/shared/ContactEditor';
import { useUndoToast } from '@/components/shared/useUndoToast';
import { useContactData } from '@/components/shared/useContactData';
import { CHANNELS, INTERRUPTIVE_CHANNELS } from '@/lib/cadence/types';
import { displayName } from '@/lib/db/contacts';
import { formatDateTime, formatRelative, formatTime } from '@/lib/format/datetime';
import { t, tn, uiLocale } from '@/lib/i18n';
import { ACTIVITY_LABELS, activityText, builtInText, CHANNEL_LABELS, PURPOSE_LABELS } from '@/lib/labels';
import { request, requestUndoable } from '@/lib/messaging/client';
import { OUTCOME_LABELS, STATE_LABELS } from './format';
import { useNow } from './useDashboardData';
import { LeadScore } from '@/components/ui/LeadScore';
import { factsOf, scoreLead, scoringOf } from '@/lib/scoring';
import './contact-drawer.css';

/**
 * One contact's whole record over the contacts table (`#/contacts/<id>`): every field, edited in
 * place, their opt-outs, sequences, what is coming up and the full history.
 */
export function ContactDrawer({ contactId, onClose }: { contactId: number; onClose(): void }) {
  const data = useContactData(contactId);
  const now = useNow(30_000);
  const [note, setNote] = useState('');
  const [noteStatus, setNoteStatus] = useState<{ text: string; error?: boolean }>();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  let body: React.ReactNode;
  if (data === undefined) body = <p className="tb-muted">{t('common_loading')}</p>;
  else if (data === null)
    body = (
      <p className="tb-muted" data-testid="drawer-missing">
        {t('drawer_missing')}
      </p>
    );
  else {
    const { contact, enrolments, touches, activities, settings } = data;
    const zone = settings.timeZone;
    const planned = touches.filter((p) => p.state === 'planned').sort((a, b) => a.dueAt - b.dueAt);
    const history = [...activities].sort((a, b) => b.at - a.at || b.id - a.id);
    const optedOut = CHANNELS.filter((c) => contact.optOut?.[c]);
    const addNote = async () => {
      try {
        await request('note.add', { contactId: contact.id, text: note, via: 'dashboard' });
        setNote('');
        setNoteStatus({ text: t('sidebar_note_saved') });
      } catch (err) {
        setNoteStatus({ text: err instanceof Error ? err.message : String(err), error: true });
      }
    };
    body = (
      <>
        <header className="cd-head">
          <div>
            <h2 data-testid="drawer-name">{displayName(contact)}</h2>
            <p className="tb-muted">
              {[contact.title, contact.company].filter(Boolean).join(' · ') || contact.email}
            </p>
            <p className="tb-muted" data-testid="drawer-their-time">
              {t('drawer_their_time', {
                time: formatTime(now, contact.timeZone, uiLocale()),
                zone: contact.timeZone.replace(/_/g, ' '),
              })}
            </p>
            <OwnerLine contactId={contact.id} owner={contact.owner} now={now} timeZone={zone} />
            <p data-testid="drawer-score">
              <LeadScore score={scoreLead(factsOf(contact, enrolments), scoringOf(settings), now)} explain />
            </p>
          </div>
        </header>

        <section aria-label={t('drawer_record')}>
          <h3>{t('drawer_record')}</h3>
          <ContactEditor contact={contact} settings={settings} via="dashboard" />
        </section>

        <section aria-label={t('drawer_optouts')} data-testid="drawer-optouts">
          <h3>{t('drawer_optouts')}</h3>
          <ul className="cd-optouts">
            {CHANNELS.filter((c) => c !== 'task').map((c) => (
              <li key={c} className={contact.optOut?.[c] ? 'out' : ''}>
                {t(contact.optOut?.[c] ? 'drawer_channel_opted_out' : 'drawer_channel_reachable', {
                  channel: CHANNEL_LABELS[c],
                })}
              </li>
            ))}
          </ul>
          {optedOut.length ? <p className="tb-muted">{t('drawer_optouts_note')}</p> : null}
          <OptOutControls contactId={contact.id} optedOut={optedOut.length > 0} />
        </section>

        <section aria-label={t('drawer_sequences')} data-testid="drawer-enrolments">
          <h3>{t('drawer_sequences')}</h3>
          {enrolments.length === 0 ? (
            <p className="tb-muted">{t('drawer_not_enrolled')}</p>
          ) : (
            <ul className="cd-list">
              {[...enrolments]
                .sort((a, b) => b.enrolledAt - a.enrolledAt)
                .map((e) => (
                  <li key={e.id} data-testid="drawer-enrolment">
                    <strong>{builtInText(e.playbookName)}</strong>{' '}
                    <span className={`tb-state tb-state-${e.state}`}>{STATE_LABELS[e.state]}</span>{' '}
                    <span className="tb-muted">
                      ·{' '}
                      {t('drawer_enrolment_progress', {
                        done: e.done.length,
                        total: e.steps.length,
                        when: formatDateTime(e.enrolledAt, zone, uiLocale()),
                      })}
                    </span>
                  </li>
                ))}
            </ul>
          )}
        </section>

        <section aria-label={t('drawer_coming_up')} data-testid="drawer-upcoming">
          <h3>{t('drawer_coming_up')}</h3>
          {planned.length === 0 ? (
            <p className="tb-muted">{t('drawer_nothing_planned')}</p>
          ) : (
            <ul className="cd-list">
              {planned.map((touch) => (
                <li key={touch.id} data-testid="drawer-touch" data-channel={touch.channel}>
                  <span className="cd-when">{formatRelative(touch.dueAt, now, zone, uiLocale())}</span>{' '}
                  {CHANNEL_LABELS[touch.channel]} · {PURPOSE_LABELS[touch.purpose]}
                  {INTERRUPTIVE_CHANNELS.includes(touch.channel) ? (
                    contact.phone ? (
                      <span className="tb-muted"> · {t('drawer_to_phone', { phone: contact.phone })}</span>
                    ) : (
                      <span className="tb-problem error"> · {t('drawer_no_phone')}</span>
                    )
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <p className="tb-muted">{t('drawer_times_in_zone', { zone: zone.replace(/_/g, ' ') })}</p>
        </section>

        <section aria-label={t('drawer_history')} data-testid="drawer-history">
          <h3>{t('drawer_history')}</h3>
          <div className="cd-note">
            <textarea
              rows={2}
              value={note}
              placeholder={t('drawer_note_placeholder')}
              data-testid="drawer-note"
              onChange={(e) => {
                setNote(e.target.value);
                setNoteStatus(undefined);
              }}
            />
            <button
              type="button"
              disabled={!note.trim()}
              onClick={() => void addNote()}
              data-testid="drawer-note-save"
            >
              {t('drawer_add_note')}
            </button>
            {noteStatus ? (
              <span className={noteStatus.error ? 'tb-problem error' : 'tb-muted'} role="status">
                {noteStatus.text}
              </span>
            ) : null}
          </div>
          {history.length === 0 ? (
            <p className="tb-muted">{t('drawer_nothing_yet')}</p>
          ) : (
            <ol className="cd-history">
              {history.map((a) => (
                <li key={a.id} data-testid="drawer-activity">
                  <span className="cd-when">{formatDateTime(a.at, zone, uiLocale())}</span>{' '}
                  <strong>{ACTIVITY_LABELS[a.kind] ?? a.kind}</strong>
                  {a.channel ? ` · ${CHANNEL_LABELS[a.channel]}` : ''}
                  {a.purpose ? ` · ${PURPOSE_LABELS[a.purpose]}` : ''}
                  {a.outcome ? ` · ${OUTCOME_LABELS[a.outcome] ?? a.outcome}` : ''}
                  {a.text || a.msg ? (
                    <div className="cd-text">
                      {activityText(
                        a,
                        enrolments.find((e) => e.id === a.enrolmentId),
                      )}
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </section>
      </>
    );
  }

  return (
    <div className="cd-backdrop">
      {/* A click beside the drawer closes it, like any side sheet. */}
      <button
        type="button"
        className="cd-scrim"
        tabIndex={-1}
        aria-label={t('drawer_close_label')}
        onClick={onClose}
      />
      <aside
        className="cd-drawer"
        role="dialog"
        aria-modal="true"
        aria-label={t('drawer_label')}
        data-testid="contact-drawer"
      >
        <button
          type="button"
          className="cd-close"
          aria-label={t('common_close')}
          onClick={onClose}
          data-testid="drawer-close"
        >
          ×
        </button>
        {body}
      </aside>
    </div>
  );
}

/**
 * Opting out asks first (it stops every channel and keeps a suppression entry); withdrawing one
 * needs a reason, kept in their history.
 */
function OptOutControls({ contactId, optedOut }: { contactId: number; optedOut: boolean }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const toast = useUndoToast();
  const run = async () => {
    setBusy(true);
    setStatus(undefined);
    try {
      if (optedOut) {
        const { undo } = await requestUndoable('contact.withdrawOptOut', {
          contactId,
          reason,
          via: 'dashboard',
        });
        toast.show(t('drawer_optout_withdrawn'), undo);
      } else {
        const { data: res, undo } = await requestUndoable('contact.optOut', {
          contactId,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          via: 'dashboard',
        });
        toast.show(
          res.stopped ? tn('drawer_optout_done_stopped', res.stopped) : t('drawer_optout_done'),
          undo,
        );
      }
      setOpen(false);
      setReason('');
    } catch (err) {
      setStatus({ text: err instanceof Error ? err.message : String(err), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="cd-optout-actions">
      {toast.element}
      {open ? (
        <fieldset
          className="cd-confirm"
          aria-label={t(optedOut ? 'drawer_optout_withdraw' : 'drawer_optout_confirm')}
        >
          <p>{t(optedOut ? 'drawer_optout_withdraw_question' : 'drawer_optout_question')}</p>
          <input
            value={reason}
            placeholder={t(optedOut ? 'drawer_reason_required' : 'optout_reason_optional')}
            data-testid="optout-reason"
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="tb-row">
            <button
              type="button"
              className={optedOut ? 'primary' : 'danger'}
              disabled={busy || (optedOut && !reason.trim())}
              data-testid="drawer-optout-confirm"
              onClick={() => void run()}
            >
              {t(optedOut ? 'drawer_optout_withdraw' : 'optout_button')}
            </button>
            <button type="button" disabled={busy} onClick={() => setOpen(false)}>
              {t('common_cancel')}
            </button>
          </div>
        </fieldset>
      ) : (
        <button
          type="button"
          className={optedOut ? undefined : 'danger'}
          data-testid={optedOut ? 'optout-withdraw' : 'optout-start'}
          onClick={() => setOpen(true)}
        >
          {t(optedOut ? 'drawer_optout_withdraw_start' : 'bulk_opt_out')}
        </button>
      )}
      {status ? (
        <p
          className={status.error ? 'tb-problem error' : 'tb-muted'}
          role="status"
          data-testid="optout-status"
        >
          {status.text}
        </p>
      ) : null}
    </div>
  );
}
