import { BUILT_IN_RULES } from '@/lib/cadence/rules';
import type { EnrolmentRow, TouchRow } from '@/lib/db';
import { builtInText, PURPOSE_LABELS } from '@/lib/labels';
import { formatRelative } from '@/lib/format/datetime';
import { CHANNEL_WORDS, theirTime, timeline } from '@/lib/sidebar/status';
import { messageMap, t, uiLocale } from '@/lib/i18n';

const OUTCOME_WORDS: Record<string, string> = messageMap({
  answered: 'call_outcome_answered',
  voicemail: 'call_outcome_voicemail',
  'no-answer': 'call_outcome_no_answer',
});

interface Props {
  enrolment: EnrolmentRow;
  touches: TouchRow[];
  now: number;
  repZone: string;
  contactZone?: string;
}

const MARK: Record<string, string> = { done: '✓', skipped: '–', planned: '', waiting: '' };

/** Done and coming touches, in the rep's zone (the contact's clock beside it when it differs). */
export function Timeline({ enrolment, touches, now, repZone, contactZone }: Props) {
  const items = timeline(enrolment, touches);
  // A touch a rule added says which rule, so the sequence explains itself.
  const rules = enrolment.rules ?? BUILT_IN_RULES;
  const ruleName = (id: string | undefined) =>
    id ? builtInText(rules.find((r) => r.id === id)?.name ?? id) : undefined;
  const ruleOf = (it: (typeof items)[number]): string | undefined => {
    if (it.step) return ruleName(enrolment.steps[it.step - 1]?.rule);
    const row = touches.find((t) => `f${t.id}` === it.key);
    return ruleName(enrolment.extras?.find((x) => x.key === row?.extraKey)?.rule);
  };
  return (
    <section className="sb-card" aria-label={t('timeline_title')}>
      <h3 className="tb-section-title sb-tl-title">
        {t('timeline_title')}{' '}
        <span className="sb-tl-zone">{t('timeline_zone', { zone: repZone.replace(/_/g, ' ') })}</span>
      </h3>
      <ol className="sb-timeline" data-testid="timeline">
        {items.map((it) => {
          const rule = ruleOf(it);
          const their =
            it.status === 'planned' && it.at !== undefined
              ? theirTime(it.at, repZone, contactZone)
              : undefined;
          return (
            <li
              key={it.key}
              className={`sb-tl ${it.status}${it.next ? ' next' : ''}`}
              data-status={it.status}
            >
              <span className="sb-tl-dot" aria-hidden="true">
                {MARK[it.status]}
              </span>
              <span className="sb-tl-body">
                <span className="sb-tl-what">
                  {it.step ? `${it.step}. ` : ''}
                  {CHANNEL_WORDS[it.channel]} · {PURPOSE_LABELS[it.purpose]}
                </span>
                <span className="sb-tl-when tb-muted">
                  {it.status === 'waiting'
                    ? enrolment.state === 'paused'
                      ? t('timeline_after_resume')
                      : t('timeline_not_scheduled')
                    : it.at !== undefined
                      ? [
                          it.status === 'skipped'
                            ? t('timeline_skipped_at', {
                                when: formatRelative(it.at, now, repZone, uiLocale()),
                              })
                            : formatRelative(it.at, now, repZone, uiLocale()),
                          it.outcome
                            ? (OUTCOME_WORDS[it.outcome] ?? it.outcome.replace('-', ' '))
                            : undefined,
                          their,
                        ]
                          .filter(Boolean)
                          .join(' · ')
                      : ''}
                </span>
                {rule ? (
                  <span className="sb-tl-rule tb-muted" data-testid="timeline-rule">
                    {t('timeline_rule', { rule })}
                  </span>
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
