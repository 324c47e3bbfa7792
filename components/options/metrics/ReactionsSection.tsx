import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { BUILT_IN_RULES } from '@/lib/cadence/rules';
import type { Activity, Enrolment } from '@/lib/cadence/types';
import { getDb, getSettings } from '@/lib/db';
import { loadLeadsForScoring } from '@/lib/db/lead-scores';
import { LEAD_SOURCE_LABELS } from '@/lib/labels';
import {
  noAnswerComparison,
  type Outcome,
  renurtureReplies,
  ruleOutcomes,
  scoreDistribution,
} from '@/lib/metrics/reactions';
import { percent } from '@/lib/metrics/review';
import type { Week } from '@/lib/metrics/week';
import { factsOf, scoreLead, scoringOf } from '@/lib/scoring';

/** "3 of 12 (25 %)", or "–" when there was nothing to count. */
function share(n: number, of: number): string {
  return of === 0 ? '–' : `${n} of ${of} (${percent(n / of)})`;
}

function OutcomeCells({ o }: { o: Outcome }) {
  return (
    <>
      <td>{o.count}</td>
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
    for (const r of BUILT_IN_RULES) names.set(r.id, r.name);
    for (const p of own) for (const r of p.rules ?? []) if (!names.has(r.id)) names.set(r.id, r.name);
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
          Rules that fired
          <span className="tb-muted">
            And what the same person did within a week after (by the end of this week)
          </span>
        </figcaption>
        {rules.length ? (
          <table className="tb-table tb-mx-table" data-testid="rules-fired-table">
            <thead>
              <tr>
                <th>Rule</th>
                <th>Fired</th>
                <th>Replied</th>
                <th>Booked</th>
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
          <p className="tb-muted">No rule fired this week.</p>
        )}
      </figure>

      <figure className="tb-card tb-mx-figure">
        <figcaption>
          After an unanswered call
          <span className="tb-muted">
            A text within a day of the call, or none: replies and bookings within a week
          </span>
        </figcaption>
        {noAnswer.texted.count + noAnswer.notTexted.count ? (
          <table className="tb-table tb-mx-table" data-testid="no-answer-table">
            <thead>
              <tr>
                <th />
                <th>Calls</th>
                <th>Replied</th>
                <th>Booked</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>Texted after</td>
                <OutcomeCells o={noAnswer.texted} />
              </tr>
              <tr>
                <td>No text</td>
                <OutcomeCells o={noAnswer.notTexted} />
              </tr>
            </tbody>
          </table>
        ) : (
          <p className="tb-muted">No call went unanswered this week.</p>
        )}
        <p className="tb-mx-note" data-testid="renurture">
          <strong>Re-nurture:</strong>{' '}
          {renurture.count
            ? `${renurture.count} re-engage touch${renurture.count === 1 ? '' : 'es'} sent, ${share(renurture.replied, renurture.count)} replied, ${renurture.booked} booked.`
            : 'no re-engage touch sent this week.'}
        </p>
      </figure>

      <figure className="tb-card tb-mx-figure tb-mx-wide">
        <figcaption>
          New leads by score
          <span className="tb-muted">
            This week’s new leads per lead source, scored with your rules today
          </span>
        </figcaption>
        {distribution.length ? (
          <table className="tb-table tb-mx-table" data-testid="score-distribution">
            <thead>
              <tr>
                <th>Lead source</th>
                <th>Leads</th>
                <th>High</th>
                <th>Medium</th>
                <th>Low</th>
                <th>Median score</th>
              </tr>
            </thead>
            <tbody>
              {distribution.map((r) => (
                <tr key={r.source}>
                  <td>{LEAD_SOURCE_LABELS[r.source]}</td>
                  <td>{r.leads}</td>
                  <td>{r.high}</td>
                  <td>{r.medium}</td>
                  <td>{r.low}</td>
                  <td>{r.median}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="tb-muted">No new leads this week.</p>
        )}
      </figure>
    </div>
  );
}
