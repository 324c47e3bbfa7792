import { forwardRef } from 'react';
import type { ContactRow, TouchRow } from '@/lib/db';
import type { Score } from '@/lib/scoring';
// Not the '@/lib/touches' index: it carries the Gmail adapter, which the first screen never needs.
import { CHANNEL_LABELS, contactLabel, PURPOSE_LABELS, touchNumberLabel } from '@/lib/touches/labels';
import { countdown, whenLabel } from '@/lib/touches/when';
import { ChannelIcon } from './ChannelIcon';
import { t } from '@/lib/i18n';
import { scoreExplanation } from '@/lib/labels/score';
import { PRIORITY_KEYS, showsCountdown } from './first-paint';

export interface DueRowProps {
  touch: TouchRow;
  contact: ContactRow | undefined;
  /** Team sync: "Ana's lead since Tuesday" when another rep owns the contact. */
  owner?: string;
  /** The lead's score: shown as its priority, explained on hover. */
  score?: Score;
  now: number;
  timeZone: string;
  /** The earlier step of the same sequence that has to be done first. */
  waitsFor: TouchRow | undefined;
  expanded: boolean;
  focused: boolean;
  onToggle: () => void;
  onFocus: () => void;
}

/** One compact line per touch: who, which channel and step, and how late or soon. */
export const DueRow = forwardRef<HTMLButtonElement, DueRowProps>(function DueRow(
  { touch, contact, owner, score, now, timeZone, waitsFor, expanded, focused, onToggle, onFocus },
  ref,
) {
  const when = whenLabel(touch, now, timeZone);
  const clock = showsCountdown(touch, now) ? countdown(touch.deadlineAt, now) : undefined;
  const company = contact?.company.trim();
  return (
    <button
      ref={ref}
      type="button"
      className={`tb-due-head${expanded ? ' expanded' : ''}`}
      aria-expanded={expanded}
      tabIndex={focused ? 0 : -1}
      onClick={onToggle}
      onFocus={onFocus}
      data-testid="due-row-head"
    >
      <span className={`tb-due-icon ch-${touch.channel}`}>
        <ChannelIcon channel={touch.channel} />
      </span>
      <span className="tb-due-main">
        <span className="tb-due-who">
          {/* The name, company and owner give way first, so a long owner line never squeezes the priority chip. */}
          <span className="tb-due-who-text">
            <strong>{contactLabel(contact)}</strong>
            {company ? <span className="tb-muted"> · {company}</span> : null}
            {owner ? (
              <span className="tb-muted" data-testid="due-owner" title={owner}>
                {' '}
                · {owner}
              </span>
            ) : null}
          </span>
          {score ? (
            <span
              className={`tb-priority ${score.priority.toLowerCase()}`}
              data-testid="priority"
              title={t('popup_lead_score', { explanation: scoreExplanation(score) })}
            >
              {t(PRIORITY_KEYS[score.priority] ?? 'priority_low')}
            </span>
          ) : null}
        </span>
        <span className="tb-due-what tb-muted">
          {CHANNEL_LABELS[touch.channel]} · {PURPOSE_LABELS[touch.purpose]} · {touchNumberLabel(touch)}
          {waitsFor ? ` · ${t('popup_after_step', { step: waitsFor.step })}` : ''}
        </span>
      </span>
      <span className="tb-due-when">
        {clock ? (
          <span
            className={`tb-countdown${clock.passed ? ' passed' : ''}`}
            data-testid="countdown"
            title={t('popup_speed_to_lead', { minutes: touch.withinMinutes ?? 0 })}
          >
            {clock.text}
          </span>
        ) : null}
        <span className={`tb-when ${when.tone}`}>{when.text}</span>
      </span>
    </button>
  );
});
