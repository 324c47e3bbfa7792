import type { CadenceStep } from '@/lib/cadence/types';
import { t } from '@/lib/i18n';
import { builtInText, CHANNEL_LABELS, formatMinutes, PURPOSE_LABELS } from '@/lib/labels';

/** A playbook's steps as a readable timeline: Day N · channel · purpose · speed-to-lead. */
export function StepTimeline({ steps }: { steps: readonly CadenceStep[] }) {
  return (
    <ol className="tb-pb-timeline" data-testid="playbook-timeline">
      {steps.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: steps have no id; their position is their identity.
        <li key={i} className={`ch-${s.channel}`}>
          <span className="tb-pb-day">{t('pb_day', { day: s.day })}</span>
          <span className="tb-pb-dot" aria-hidden="true" />
          <div>
            <div>
              <strong>{CHANNEL_LABELS[s.channel] ?? s.channel}</strong>
              <span className="tb-muted"> · </span>
              {PURPOSE_LABELS[s.purpose] ?? s.purpose}
              {s.withinMinutes !== undefined && (
                <span className="tb-chip today" title={t('pb_speed_to_lead')}>
                  {t('pb_within', { duration: formatMinutes(s.withinMinutes) })}
                </span>
              )}
              {s.requiresTwoUnanswered && (
                <span className="tb-chip" title={t('pb_after_two_title')}>
                  {t('pb_after_two')}
                </span>
              )}
            </div>
            {s.note && <div className="tb-muted tb-pb-note">{builtInText(s.note)}</div>}
          </div>
        </li>
      ))}
    </ol>
  );
}
