import { TZDate } from '@date-fns/tz';
import { useState } from 'react';
import type { Enrolment, Proposal } from '@/lib/cadence/types';
import { formatDateTime } from '@/lib/format/datetime';
import { type MessageKey, t, uiLocale } from '@/lib/i18n';

/** "2026-03-11T10:00" read in the rep's zone; undefined when blank or malformed. */
export function parseLocalDateTime(value: string, timeZone: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const t = new TZDate(y, mo - 1, d, h, mi, timeZone).getTime();
  return Number.isFinite(t) ? t : undefined;
}

interface BookProps {
  busy: boolean;
  timeZone: string;
  onBook: (meetingAt: number | undefined) => void;
  onCancel: () => void;
}

/** The meeting time the booked rule hangs its reminders and recap on. */
export function BookForm({ busy, timeZone, onBook, onCancel }: BookProps) {
  const [value, setValue] = useState('');
  const at = parseLocalDateTime(value, timeZone);
  const bad = value !== '' && at === undefined;
  return (
    <div className="sb-note" data-testid="book-form">
      <label className="tb-field">
        <span>{t('book_meeting_starts', { zone: timeZone })}</span>
        <input
          type="datetime-local"
          value={value}
          data-testid="meeting-at"
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <p className="tb-muted">{t('book_hint')}</p>
      {bad ? <p className="sb-status error">{t('book_bad_time')}</p> : null}
      <div className="tb-row">
        <button
          type="button"
          className="primary"
          disabled={busy || value === '' || bad}
          data-testid="book-save"
          onClick={() => onBook(at)}
        >
          {t('book_mark_booked')}
        </button>
        <button type="button" disabled={busy} data-testid="book-no-time" onClick={() => onBook(undefined)}>
          {t('book_no_time')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common_cancel')}
        </button>
      </div>
    </div>
  );
}

const PROPOSAL_TEXT: Record<Proposal['action'], { ask: MessageKey; confirm: MessageKey }> = {
  'opt-out': { ask: 'proposal_opt_out_ask', confirm: 'proposal_opt_out_confirm' },
  finish: { ask: 'proposal_finish_ask', confirm: 'proposal_finish_confirm' },
  'call-now': { ask: 'proposal_call_ask', confirm: 'proposal_call_confirm' },
};

interface ProposalProps {
  enrolment: Pick<Enrolment, 'proposals'>;
  busy: boolean;
  timeZone: string;
  onConfirm: (p: Proposal) => void;
  onDismiss: (p: Proposal) => void;
}

/** What a reply rule proposed: nothing happens until the rep confirms. */
export function Proposals({ enrolment, busy, timeZone, onConfirm, onDismiss }: ProposalProps) {
  const list = enrolment.proposals ?? [];
  if (!list.length) return null;
  return (
    <section className="sb-proposals" aria-label={t('proposals_label')}>
      {list.map((p) => {
        const text = PROPOSAL_TEXT[p.action];
        return (
          <div key={p.id} className="sb-proposal" data-testid="proposal" data-action={p.action}>
            <p>
              {t(text.ask)}
              {p.matched ? <> (“{p.matched}”)</> : null}
              <span className="tb-muted"> · {formatDateTime(p.at, timeZone, uiLocale())}</span>
            </p>
            <div className="tb-row">
              <button
                type="button"
                className={p.action === 'opt-out' ? 'danger' : 'primary'}
                disabled={busy}
                data-testid="proposal-confirm"
                onClick={() => onConfirm(p)}
              >
                {t(text.confirm)}
              </button>
              <button
                type="button"
                disabled={busy}
                data-testid="proposal-dismiss"
                onClick={() => onDismiss(p)}
              >
                {t('common_dismiss')}
              </button>
            </div>
          </div>
        );
      })}
    </section>
  );
}
