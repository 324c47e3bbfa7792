/**
 * A lead score's reasons as the rep reads them: the words Touchbase wrote (default rules, the
 * base, freshness) in the interface language, the rep's own rule labels as typed. A module of its
 * own because lib/scoring reads lib/labels for lead-source names.
 */
import { t } from '@/lib/i18n';
import { renderMsg } from '@/lib/i18n/message';
import { type Score, type ScorePart, signedPoints } from '@/lib/scoring';

/** One part of a lead score as the rep reads it ("referral", "Empfehlung", or their own label). */
export function scorePartLabel(part: ScorePart): string {
  return part.msg ? renderMsg(part.msg) : part.label;
}

/** Why a lead scores what it does: "referral +30, replied +20, base +20" in the interface language. */
export function scoreReasons(score: Pick<Score, 'parts'>): string {
  const list = score.parts.map((p) => `${scorePartLabel(p)} ${signedPoints(p.points)}`).join(', ');
  return list || t('score_no_rule');
}

/** The score and its reasons: "82: referral +30, replied +20, …". */
export function scoreExplanation(score: Pick<Score, 'score' | 'parts'>): string {
  return t('score_explanation', { score: score.score, reasons: scoreReasons(score) });
}
