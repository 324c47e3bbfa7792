import { useEffect, useState } from 'react';
import { OwnerLine } from './OwnerLine';
import { ContactEditor } from '@/components/shared/ContactEditor';
import { useUndoToast } from '@/components/shared/useUndoToast';
import { useContactData } from '@/components/shared/useContactData';
import { CHANNELS, INTERRUPTIVE_CHANNELS } from '@/lib/cadence/types';
import { displayName } from '@/lib/db/contacts';
import { formatDateTime, formatRelative, formatTime } from '@/lib/format/datetime';
import { ACTIVITY_LABELS, CHANNEL_LABELS, PURPOSE_LABELS } from '@/lib/labels';
import { request, requestUndoable } from '@/lib/messaging/client';
import { STATE_LABELS } from './format';
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
  if (data === undefined) body = <p className="tb-muted">Loading…</p>;
  else if (data === null)
    body = (
      <p className="tb-muted" data-testid="drawer-missing">
        This contact no longer exists.
      </p>
    );
  else {
    const { contact, enrolments, touches, activities, settings } = data;
    const zone = settings.timeZone;
    const planned = touches.filter((t) => t.state === 'planned').sort((a, b) => a.dueAt - b.dueAt);
    const history = [...activities].sort((a, b) => b.at - a.at || b.id - a.id);
    const optedOut = CHANNELS.filter((c) => contact.optOut?.[c]);
    const addNote = async () => {
      try {
        await request('note.add', { contactId: contact.id, text: note, via: 'dashboard' });
        setNote('');
        setNoteStatus({ text: 'Note saved.' });
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
              Their time now: {formatTime(now, contact.timeZone)} ({contact.timeZone.replace(/_/g, ' ')})
            </p>
            <OwnerLine contactId={contact.id} owner={contact.owner} now={now} timeZone={zone} />
            <p data-testid="drawer-score">
              <LeadScore score={scoreLead(factsOf(contact, enrolments), scoringOf(settings), now)} explain />
            </p>
          </div>
        </header>

        <section aria-label="Record">
          <h3>Record</h3>
          <ContactEditor contact={contact} settings={settings} via="dashboard" />
        </section>

        <section aria-label="Opt-outs" data-testid="drawer-optouts">
          <h3>Opt-outs</h3>
          <ul className="cd-optouts">
            {CHANNELS.filter((c) => c !== 'task').map((c) => (
              <li key={c} className={contact.optOut?.[c] ? 'out' : ''}>
                {CHANNEL_LABELS[c]}: {contact.optOut?.[c] ? 'opted out' : 'reachable'}
              </li>
            ))}
          </ul>
          {optedOut.length ? <p className="tb-muted">Nothing goes out on an opted-out channel.</p> : null}
          <OptOutControls contactId={contact.id} optedOut={optedOut.length > 0} />
        </section>

        <section aria-label="Sequences" data-testid="drawer-enrolments">
          <h3>Sequences</h3>
          {enrolments.length === 0 ? (
            <p className="tb-muted">Not enrolled yet.</p>
          ) : (
            <ul className="cd-list">
              {[...enrolments]
                .sort((a, b) => b.enrolledAt - a.enrolledAt)
                .map((e) => (
                  <li key={e.id} data-testid="drawer-enrolment">
                    <strong>{e.playbookName}</strong>{' '}
                    <span className={`tb-state tb-state-${e.state}`}>{STATE_LABELS[e.state]}</span>{' '}
                    <span className="tb-muted">
                      · {e.done.length} of {e.steps.length} done · enrolled{' '}
                      {formatDateTime(e.enrolledAt, zone)}
                    </span>
                  </li>
                ))}
            </ul>
          )}
        </section>

        <section aria-label="Coming up" data-testid="drawer-upcoming">
          <h3>Coming up</h3>
          {planned.length === 0 ? (
            <p className="tb-muted">Nothing planned.</p>
          ) : (
            <ul className="cd-list">
              {planned.map((t) => (
                <li key={t.id} data-testid="drawer-touch" data-channel={t.channel}>
                  <span className="cd-when">{formatRelative(t.dueAt, now, zone)}</span>{' '}
                  {CHANNEL_LABELS[t.channel]} · {PURPOSE_LABELS[t.purpose]}
                  {INTERRUPTIVE_CHANNELS.includes(t.channel) ? (
                    contact.phone ? (
                      <span className="tb-muted"> · to {contact.phone}</span>
                    ) : (
                      <span className="tb-problem error"> · No phone number on file</span>
                    )
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <p className="tb-muted">Times in your zone ({zone.replace(/_/g, ' ')}).</p>
        </section>

        <section aria-label="History" data-testid="drawer-history">
          <h3>History</h3>
          <div className="cd-note">
            <textarea
              rows={2}
              value={note}
              placeholder="Add a note to their history…"
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
              Add note
            </button>
            {noteStatus ? (
              <span className={noteStatus.error ? 'tb-problem error' : 'tb-muted'} role="status">
                {noteStatus.text}
              </span>
            ) : null}
          </div>
          {history.length === 0 ? (
            <p className="tb-muted">Nothing yet.</p>
          ) : (
            <ol className="cd-history">
              {history.map((a) => (
                <li key={a.id} data-testid="drawer-activity">
                  <span className="cd-when">{formatDateTime(a.at, zone)}</span>{' '}
                  <strong>{ACTIVITY_LABELS[a.kind] ?? a.kind}</strong>
                  {a.channel ? ` · ${CHANNEL_LABELS[a.channel]}` : ''}
                  {a.purpose ? ` · ${PURPOSE_LABELS[a.purpose]}` : ''}
                  {a.outcome ? ` · ${a.outcome}` : ''}
                  {a.text ? <div className="cd-text">{a.text}</div> : null}
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
        aria-label="Close the contact"
        onClick={onClose}
      />
      <aside
        className="cd-drawer"
        role="dialog"
        aria-modal="true"
        aria-label="Contact"
        data-testid="contact-drawer"
      >
        <button
          type="button"
          className="cd-close"
          aria-label="Close"
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
        toast.show('Opt-out withdrawn. Their stopped sequences are on hold until you resume one.', undo);
      } else {
        const { data: res, undo } = await requestUndoable('contact.optOut', {
          contactId,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          via: 'dashboard',
        });
        toast.show(
          `Opted out on every channel${res.stopped ? `; ${res.stopped} sequence${res.stopped === 1 ? '' : 's'} stopped` : ''}.`,
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
          aria-label={optedOut ? 'Withdraw the opt-out' : 'Confirm the opt-out'}
        >
          <p>
            {optedOut
              ? 'Withdraw the opt-out only if they asked to hear from you again. Why?'
              : 'They asked not to be contacted: stop every touch on every channel, and keep them suppressed even if deleted and imported again?'}
          </p>
          <input
            value={reason}
            placeholder={optedOut ? 'Reason (required)' : 'Reason (optional)'}
            data-testid="optout-reason"
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="tb-row">
            <button
              type="button"
              className={optedOut ? 'primary' : 'danger'}
              disabled={busy || (optedOut && !reason.trim())}
              data-testid="optout-confirm"
              onClick={() => void run()}
            >
              {optedOut ? 'Withdraw the opt-out' : 'Opt out'}
            </button>
            <button type="button" disabled={busy} onClick={() => setOpen(false)}>
              Cancel
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
          {optedOut ? 'Withdraw the opt-out…' : 'Opt out…'}
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
