import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { BUILT_IN_RULES } from '@/lib/cadence/rules';
import type { Activity, Enrolment } from '@/lib/cadence/types';
import { getDb, getSettings } from '@/lib/db';
import { loadLeadsForScoring } from '@/lib/db/lead-scores';
import { t, tn } from '@/lib/i18n';
import { builtInText, LEAD_SOURCE_LABELS } from '@/lib/labels';
import {
  noAnswerComparison,
  type Outcome,
  renurtureReplies,
  ruleOutcomes,
  scoreDistribution,
} from '@/lib/metrics/reactions';
import type { Week } from '@/lib/metrics/week';
import { factsOf, scoreLead, scoringOf } from '@/lib/scoring';
import { formatCount, pct } from './format';

/** "3 of 12 (25%)", or "–" when there was nothing to count. */
function share(n: number, of: number): string {
  return of === 0 ? '–' : t('metrics_share', { n, of, rate: pct(n / of) });
}

function OutcomeCells({ o }: { o: Outcome }) {
  return (
    <>
      <td>{formatCount(o.count)}</td>
      <td>{share(o.replied, o.count)}</td>
      <td>{share(o.booked, o.count)}</td>
    </>
  );
}

/**
 * The weekly review's issue-#13 part: rules that fired and what came of them, texts after
 * unanswered calls against none, re-nurture replies, and the week's new leads by score per
 * source. Takes the activities the tab already loaded; reads only the new leads' contacts.
 */
export function ReactionsSection({
  week,
  activities,
  enrolments,
  now,
}: {
  week: Week;
  activities: readonly Activity[];
  enrolments: readonly Pick<Enrolment, 'id' | 'contactId' | 'source' | 'enrolledAt'>[];
  now: number;
}) {
  const newContactIds = useMemo(
    () =>
      enrolments.filter((e) => e.enrolledAt >= week.from && e.enrolledAt < week.to).map((e) => e.contactId),
    [enrolments, week],
  );
  const leads = useLiveQuery(async () => {
    const db = getDb();
    const [settings, data, own] = await Promise.all([
      getSettings(db),
      loadLeadsForScoring(db, newContactIds),
      db.playbooks.toArray(),
    ]);
    const names = new Map<string, string>();
    for (const r of BUILT_IN_RULES) names.set(r.id, builtInText(r.name));
    for (const p of own)
      for (const r of p.rules ?? []) if (!names.has(r.id)) names.set(r.id, builtInText(r.name));
    const scoring = scoringOf(settings);
    const scored = data.contacts.map((c) => {
      const s = scoreLead(
        factsOf(
          c,
          data.enrolments.filter((e) => e.contactId === c.id),
        ),
        scoring,
        now,
      );
      return { source: c.leadSource, score: s.score, priority: s.priority };
    });
    return { names, scored };
  }, [newContactIds, now]);
  const figures = useMemo(() => {
    const input = { from: week.from, to: week.to, activities };
    return {
      rules: ruleOutcomes(input),
      noAnswer: noAnswerComparison(input),
      renurture: renurtureReplies(input),
    };
  }, [week, activities]);
  const distribution = useMemo(() => (leads ? scoreDistribution(leads.scored) : []), [leads]);
  const { rules, noAnswer, renurture } = figures;

  return (
    <div className="tb-mx-grid" data-testid="metrics-reactions">
      <figure className="tb-card tb-mx-figure">
        <figcaption>
          {t('metrics_rules_title')}
          <span className="tb-muted">{t('metrics_rules_sub')}</span>
        </figcaption>
        {rules.length ? (
          <table className="tb-table tb-mx-table" data-testid="rules-fired-table">
            <thead>
              <tr>
                <th>{t('metrics_col_rule')}</th>
                <th>{t('metrics_col_fired')}</th>
                <th>{t('metrics_col_replied')}</th>
                <th>{t('metrics_col_booked')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <tr key={r.rule}>
                  <td>{leads?.names.get(r.rule) ?? r.rule}</td>
                  <OutcomeCells o={r} />
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="tb-muted">{t('metrics_rules_empty')}</p>
        )}
      </figure>

      <figure className="tb-card tb-mx-figure">
        <figcaption>
          {t('metrics_no_answer_title')}
          <span className="tb-muted">{t('metrics_no_answer_sub')}</span>
        </figcaption>
        {noAnswer.texted.count + noAnswer.notTexted.count ? (
          <table className="tb-table tb-mx-table" data-testid="no-answer-table">
            <thead>
              <tr>
                <th />
                <th>{t('metrics_col_calls')}</th>
                <th>{t('metrics_col_replied')}</th>
                <th>{t('metrics_col_booked')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>{t('metrics_texted_after')}</td>
                <OutcomeCells o={noAnswer.texted} />
              </tr>
              <tr>
                <td>{t('metrics_no_text')}</td>
                <OutcomeCells o={noAnswer.notTexted} />
              </tr>
            </tbody>
          </table>
        ) : (
          <p className="tb-muted">{t('metrics_no_answer_empty')}</p>
        )}
        <p className="tb-mx-note" data-testid="renurture">
          <strong>{t('metrics_renurture_label')}</strong>{' '}
          {renurture.count
            ? tn('metrics_renurture', renurture.count, {
                replied: share(renurture.replied, renurture.count),
                booked: renurture.booked,
              })
            : t('metrics_renurture_none')}
        </p>
      </figure>

      <figure className="tb-card tb-mx-figure tb-mx-wide">
        <figcaption>
          {t('metrics_scores_title')}
          <span className="tb-muted">{t('metrics_scores_sub')}</span>
        </figcaption>
        {distribution.length ? (
          <table className="tb-table tb-mx-table" data-testid="score-distribution">
            <thead>
              <tr>
                <th>{t('field_lead_source')}</th>
                <th>{t('metrics_col_leads')}</th>
                <th>{t('priority_high')}</th>
                <th>{t('priority_medium')}</th>
                <th>{t('priority_low')}</th>
                <th>{t('metrics_col_median')}</th>
              </tr>
            </thead>
            <tbody>
              {distribution.map((r) => (
                <tr key={r.source}>
                  <td>{LEAD_SOURCE_LABELS[r.source]}</td>
                  <td>{formatCount(r.leads)}</td>
                  <td>{formatCount(r.high)}</td>
                  <td>{formatCount(r.medium)}</td>
                  <td>{formatCount(r.low)}</td>
                  <td>{formatCount(r.median)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="tb-muted">{t('metrics_scores_empty')}</p>
        )}
      </figure>
    </div>
  );
}
