import type { Score } from '@/lib/scoring';
import { messageMap, t } from '@/lib/i18n';
import type { Priority } from '@/lib/scoring';
import { scoreExplanation, scoreReasons } from '@/lib/labels/score';

/** A lead's priority word ("High" is "Hoch" in German); class names keep the English id. */
export const PRIORITY_LABELS: Record<Priority, string> = messageMap({
  High: 'priority_high',
  Medium: 'priority_medium',
  Low: 'priority_low',
});

/**
 * A lead's priority and score ("High 82"), explained on hover; with `explain`, the reasons are
 * written out beside it ("referral +30, replied +20, base +20"), for records that have the room.
 */
export function LeadScore({ score, explain = false }: { score: Score; explain?: boolean }) {
  const reasons = scoreReasons(score);
  return (
    <span
      className="tb-lead-score"
      data-testid="lead-score"
      title={t('popup_lead_score', { explanation: scoreExplanation(score) })}
    >
      <span className={`tb-priority ${score.priority.toLowerCase()}`}>
        {PRIORITY_LABELS[score.priority] ?? score.priority} {score.score}
      </span>
      {explain ? <span className="tb-muted tb-lead-score-why"> {reasons}</span> : null}
    </span>
  );
}
